/**
 * The bureau's statistics for a year: progress toward the target as a large figure and an SVG bar, the year's
 * figures, trainees by sector as SVG bars, and the provider table, each table with its CSV download.
 */
import type { Overview, ProviderStats, SectorStats } from "../../../modules/stats/schemas";
import { Bar } from "../../components/factors";
import { formatFen, formatPercent } from "../../i18n/format";
import { Layout, type PageFrame } from "../../layout";

/** What the statistics page shows. */
export interface StatsView {
  year: number;
  overview: Overview;
  sectors: SectorStats;
  providers: ProviderStats;
}

const rate = (x: number | null) => (x === null ? "—" : formatPercent(x));
/** A count with thousands separators (10,000), the same in both languages. */
const count = (n: number) => n.toLocaleString("en-US");

/** `/console/statistics?year=`. */
export function StatisticsPage(props: { frame: PageFrame; view: StatsView }) {
  const { t } = props.frame;
  const { year, overview: o, sectors, providers } = props.view;
  const csv = (table: string) => `/console/statistics/${table}.csv?year=${year}`;
  const most = Math.max(1, ...sectors.data.map((s) => s.enrolled));
  return (
    <Layout frame={props.frame} title={t("stats.title", { year })} current="statistics">
      <form method="get" action="/console/statistics" class="inline">
        <label for="f-year">{t("stats.year")}</label>
        <input type="number" id="f-year" name="year" value={String(year)} min="2000" max="2100" />
        <button type="submit">{t("stats.show")}</button>
      </form>
      <section class="card" aria-labelledby="progress-title">
        <h2 id="progress-title">{t("stats.progress")}</h2>
        <p class="big-figure">{formatPercent(o.progress)}</p>
        <p>{t("stats.progressFigure", { completed: count(o.completed), target: count(o.target) })}</p>
        <Bar value={o.progress} label={t("stats.progressBar", { percent: formatPercent(o.progress) })} />
      </section>
      <section class="card" aria-labelledby="figures-title">
        <h2 id="figures-title">{t("stats.figures")}</h2>
        <dl class="facts">
          <dt>{t("stats.enrolled")}</dt>
          <dd>{o.enrolled}</dd>
          <dt>{t("stats.completed")}</dt>
          <dd>{o.completed}</dd>
          <dt>{t("stats.certified")}</dt>
          <dd>{o.certified}</dd>
          <dt>{t("stats.placed")}</dt>
          <dd>{o.placed}</dd>
          <dt>{t("stats.subsidies")}</dt>
          <dd>{formatFen(o.subsidiesApprovedFen)}</dd>
        </dl>
        <p>
          <a href={csv("overview")}>{t("stats.csvOf", { table: t("stats.figures") })}</a>
        </p>
      </section>
      <section class="card" aria-labelledby="sectors-title">
        <h2 id="sectors-title">{t("stats.bySector")}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("stats.col.sector")}</th>
                <th scope="col">{t("stats.enrolled")}</th>
                <th scope="col">{t("stats.completed")}</th>
                <th scope="col">{t("stats.certified")}</th>
                <th scope="col">{t("stats.placed")}</th>
              </tr>
            </thead>
            <tbody>
              {sectors.data.map((s) => (
                <tr>
                  <td>{t(`sector.${s.sector}`)}</td>
                  <td>
                    <span class="score-cell">
                      <Bar
                        value={s.enrolled / most}
                        label={t("stats.sectorBar", { sector: t(`sector.${s.sector}`), n: s.enrolled })}
                      />
                      <span aria-hidden="true">{s.enrolled}</span>
                    </span>
                  </td>
                  <td>{s.completed}</td>
                  <td>{s.certified}</td>
                  <td>{s.placed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <a href={csv("sectors")}>{t("stats.csvOf", { table: t("stats.bySector") })}</a>
        </p>
      </section>
      <section class="card" aria-labelledby="providers-title">
        <h2 id="providers-title">{t("stats.byProvider")}</h2>
        {providers.data.length === 0 ? (
          <p>{t("stats.providersNone")}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("stats.col.provider")}</th>
                  <th scope="col">{t("stats.col.contracts")}</th>
                  <th scope="col">{t("stats.col.trainees")}</th>
                  <th scope="col">{t("stats.col.completionRate")}</th>
                  <th scope="col">{t("stats.col.certificationRate")}</th>
                  <th scope="col">{t("stats.col.placementRate")}</th>
                </tr>
              </thead>
              <tbody>
                {providers.data.map((p) => (
                  <tr>
                    <td>{p.name}</td>
                    <td>{p.contracts}</td>
                    <td>{p.trainees}</td>
                    <td>{rate(p.completionRate)}</td>
                    <td>{rate(p.certificationRate)}</td>
                    <td>{rate(p.placementRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <a href={csv("providers")}>{t("stats.csvOf", { table: t("stats.byProvider") })}</a>
        </p>
      </section>
    </Layout>
  );
}
