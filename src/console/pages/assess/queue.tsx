/** The assessor's home, its queue of trainees with filters and pages, and its assessed trainees with certificates. */
import { Pager } from "../../components/form";
import type { Accreditation } from "../../components/org-bits";
import type { AssessmentQueueEntry } from "../../../modules/assessments/queue-schemas";
import type { Translate } from "../../i18n";
import { Layout, type PageFrame } from "../../layout";
import type { ConsoleTaxonomy } from "../../taxonomy";
import { certificationLine, levelLine, ResultBadge } from "./bits";

const traineePage = (id: string) => `/console/assessments/${id}`;

function LastAssessment(props: { t: Translate; entry: AssessmentQueueEntry }) {
  const { t } = props;
  const last = props.entry.lastAssessment;
  if (!last) return <span class="muted">{t("assess.notYet")}</span>;
  return (
    <span>
      <ResultBadge t={t} result={last.result} /> {levelLine(t, last.certificationType, last.level)} ·{" "}
      {last.assessedOn}
      {last.certificateNo && (
        <>
          {" · "}
          <a
            href={`/verify/${encodeURIComponent(last.certificateNo)}`}
            aria-label={t("assess.verifyLink", { no: last.certificateNo })}
          >
            {last.certificateNo}
          </a>
        </>
      )}
    </span>
  );
}

/** The queue's table: each trainee with its provider, occupation, certification, latest result and the way to it. */
export function QueueTable(props: { t: Translate; tax: ConsoleTaxonomy; entries: AssessmentQueueEntry[] }) {
  const { t, tax } = props;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("assess.col.name")}</th>
            <th scope="col">{t("assess.col.provider")}</th>
            <th scope="col">{t("assess.col.occupation")}</th>
            <th scope="col">{t("assess.col.certification")}</th>
            <th scope="col">{t("assess.col.status")}</th>
            <th scope="col">{t("assess.col.last")}</th>
            <th scope="col">{t("assess.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((e) => (
            <tr>
              <td>{e.name}</td>
              <td>{e.providerName}</td>
              <td>{tax.occupationName(e.occupationCode)}</td>
              <td>{certificationLine(t, e.certificationType, e.certificationLevel)}</td>
              <td>
                <span class={`badge ${e.status}`}>{t(`trainee.status.${e.status}`)}</span>
              </td>
              <td>
                <LastAssessment t={t} entry={e} />
              </td>
              <td>
                {e.mayAssess ? (
                  <a href={traineePage(e.traineeId)} aria-label={t("assess.recordFor", { name: e.name })}>
                    {t("assess.record")}
                  </a>
                ) : (
                  <a href={traineePage(e.traineeId)} aria-label={t("assess.viewFor", { name: e.name })}>
                    {t("assess.view")}
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A page of the queue (or "none"), and the link to the next. */
function QueueList(props: {
  t: Translate;
  tax: ConsoleTaxonomy;
  entries: AssessmentQueueEntry[];
  nextHref: string | null;
}) {
  const { t } = props;
  return (
    <>
      {props.entries.length === 0 ? (
        <p class="card">{t("assess.queueNone")}</p>
      ) : (
        <QueueTable t={t} tax={props.tax} entries={props.entries} />
      )}
      <Pager t={t} nextHref={props.nextHref} />
    </>
  );
}

/** An assessor's home: what it does here, the trainees waiting for it, its accreditations. */
export function AssessorHome(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  accreditations: Accreditation[];
  waiting: AssessmentQueueEntry[];
  more: boolean;
}) {
  const { t } = props.frame;
  const n = props.more ? `${props.waiting.length}+` : String(props.waiting.length);
  return (
    <Layout frame={props.frame} title={t("home.title")} current="home">
      <div class="card">
        <p>{t("assess.homeIntro")}</p>
        <a href="/console/assessments?assessed=false">{t("assess.openQueue")}</a>
      </div>
      <h2>{t("assess.waitingTitle", { n })}</h2>
      {props.waiting.length === 0 ? (
        <p class="card">{t("assess.waitingNone")}</p>
      ) : (
        <QueueTable t={t} tax={props.tax} entries={props.waiting} />
      )}
      <h2>{t("accreditation.title")}</h2>
      {props.accreditations.length === 0 ? (
        <p class="card">{t("accreditation.none")}</p>
      ) : (
        <ul class="card">
          {props.accreditations.map((a) => (
            <li>
              {t("accreditation.line", {
                occupation: props.tax.occupationName(a.occupationCode),
                until: a.validUntil,
              })}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** The queue's filters as the page shows them (strings, as in the query). */
export interface QueueFilters {
  occupationCode?: string;
  assessed?: "true" | "false";
  status?: "enrolled" | "completed" | "dropped";
}

function FilterForm(props: {
  t: Translate;
  tax: ConsoleTaxonomy;
  occupations: string[];
  filters: QueueFilters;
}) {
  const { t, filters } = props;
  const option = (value: string, label: string, current?: string) => (
    <option value={value} selected={value === (current ?? "")}>
      {label}
    </option>
  );
  return (
    <form method="get" action="/console/assessments" class="card">
      <div class="row">
        <div class="field">
          <label for="f-occupation">{t("assess.filter.occupation")}</label>
          <select id="f-occupation" name="occupationCode">
            {option("", t("assess.filter.any"), filters.occupationCode)}
            {props.occupations.map((code) =>
              option(code, props.tax.occupationName(code), filters.occupationCode),
            )}
          </select>
        </div>
        <div class="field">
          <label for="f-assessed">{t("assess.filter.assessed")}</label>
          <select id="f-assessed" name="assessed">
            {option("", t("assess.filter.any"), filters.assessed)}
            {option("false", t("assess.filter.notAssessed"), filters.assessed)}
            {option("true", t("assess.filter.assessed.yes"), filters.assessed)}
          </select>
        </div>
        <div class="field">
          <label for="f-status">{t("assess.filter.status")}</label>
          <select id="f-status" name="status">
            {option("", t("assess.filter.any"), filters.status)}
            {(["enrolled", "completed", "dropped"] as const).map((s) =>
              option(s, t(`trainee.status.${s}`), filters.status),
            )}
          </select>
        </div>
      </div>
      <p>
        <button type="submit">{t("form.filter")}</button>
      </p>
    </form>
  );
}

/** `/console/assessments`: the queue, filtered, a page at a time. */
export function AssessmentQueuePage(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  occupations: string[];
  filters: QueueFilters;
  entries: AssessmentQueueEntry[];
  nextHref: string | null;
}) {
  const { t } = props.frame;
  return (
    <Layout frame={props.frame} title={t("assess.queueTitle")} current="assessments">
      <p>{t("assess.queueIntro")}</p>
      <FilterForm t={t} tax={props.tax} occupations={props.occupations} filters={props.filters} />
      <QueueList t={t} tax={props.tax} entries={props.entries} nextHref={props.nextHref} />
    </Layout>
  );
}

/** `/console/certificates`: the trainees the assessor has assessed, with its latest result and certificate. */
export function CertificatesPage(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  entries: AssessmentQueueEntry[];
  nextHref: string | null;
}) {
  const { t } = props.frame;
  return (
    <Layout frame={props.frame} title={t("assess.certificatesTitle")} current="certificates">
      <p>{t("assess.certificatesIntro")}</p>
      <QueueList t={t} tax={props.tax} entries={props.entries} nextHref={props.nextHref} />
    </Layout>
  );
}
