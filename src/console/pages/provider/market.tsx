/** The provider's market: open orders ranked for its cohorts, each explained factor by factor. */
import type { Cohort } from "../../../modules/cohorts/schemas";
import { FactorList } from "../../components/factors";
import { formatFen, formatInstant, formatScore } from "../../i18n/format";
import { Layout, type PageFrame } from "../../layout";
import type { RankedOrder } from "../../market";
import type { ConsoleTaxonomy } from "../../taxonomy";

/** Ranked open orders, each with its score, best cohort and explanation. */
export function RankedOrderList(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  ranked: RankedOrder[];
  names: Map<string, string>;
}) {
  const { t } = props.frame;
  const { tax } = props;
  if (props.ranked.length === 0) return <p class="card">{t("market.none")}</p>;
  return (
    <ol class="plain">
      {props.ranked.map((r, i) => (
        <li class="card">
          <h3>
            {t("match.rank", { n: i + 1 })} <a href={`/console/orders/${r.order.id}`}>{r.order.title}</a>
          </h3>
          <p>
            <span class="score">{t("match.score", { score: formatScore(r.score) })}</span>{" "}
            <span class="muted">{t("market.bestCohort", { cohort: r.cohortName })}</span>
          </p>
          <p class="muted">
            {props.names.get(r.order.companyOrgId) ?? "—"} · {tax.occupationName(r.order.occupationCode)} ·{" "}
            {t("order.headcountRange", { min: r.order.headcountMin, max: r.order.headcountMax })} ·{" "}
            {t("order.perTrainee", { amount: formatFen(r.order.budgetPerTraineeFen) })} ·{" "}
            {t("market.bidBy", { at: formatInstant(r.order.bidDeadline) })}
          </p>
          <p>
            <a href={`/console/orders/${r.order.id}/bids/new`}>{t("bid.place")}</a>
          </p>
          <details>
            <summary>{t("market.why")}</summary>
            <FactorList t={t} tax={tax} factors={r.factors} />
          </details>
        </li>
      ))}
    </ol>
  );
}

/** The market page: a cohort picker and the orders ranked for it. */
export function MarketPage(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  cohorts: Cohort[];
  selected: string;
  ranked: RankedOrder[];
  names: Map<string, string>;
}) {
  const { t } = props.frame;
  return (
    <Layout frame={props.frame} title={t("market.title")} current="market">
      <p>{t("market.intro")}</p>
      <form method="get" action="/console/market" class="actions">
        <label for="f-cohort">{t("market.forCohort")}</label>
        <select id="f-cohort" name="cohort">
          <option value="all" selected={props.selected === "all"}>
            {t("market.allCohorts")}
          </option>
          {props.cohorts.map((c) => (
            <option value={c.id} selected={c.id === props.selected}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          {t("form.filter")}
        </button>
      </form>
      {props.cohorts.length === 0 ? (
        <p class="card">
          {t("market.noCohorts")} <a href="/console/cohorts/new">{t("cohort.new")}</a>
        </p>
      ) : (
        <RankedOrderList frame={props.frame} tax={props.tax} ranked={props.ranked} names={props.names} />
      )}
    </Layout>
  );
}
