/** `/console/assessments/:traineeId`: one trainee of the assessor's queue, its assessments by this assessor, the form. */
import type { Assessment } from "../../../modules/assessments/schemas";
import type { AssessmentQueueEntry } from "../../../modules/assessments/queue-schemas";
import { ErrorSummary, type FormState, Input, Select } from "../../components/form";
import { CsrfField, Layout, type PageFrame } from "../../layout";
import type { ConsoleTaxonomy } from "../../taxonomy";
import { certificationLine, levelLine, ResultBadge } from "./bits";

/** What the page shows. */
export interface AssessTraineeView {
  entry: AssessmentQueueEntry;
  assessments: Assessment[];
  form: FormState;
  done: boolean;
}

function Facts(props: { frame: PageFrame; tax: ConsoleTaxonomy; entry: AssessmentQueueEntry }) {
  const { t } = props.frame;
  const e = props.entry;
  return (
    <dl class="facts card">
      <dt>{t("assess.facts.provider")}</dt>
      <dd>{e.providerName}</dd>
      <dt>{t("assess.facts.occupation")}</dt>
      <dd>{props.tax.occupationName(e.occupationCode)}</dd>
      <dt>{t("assess.facts.offered")}</dt>
      <dd>{certificationLine(t, e.certificationType, e.certificationLevel)}</dd>
      <dt>{t("assess.facts.status")}</dt>
      <dd>
        <span class={`badge ${e.status}`}>{t(`trainee.status.${e.status}`)}</span>
      </dd>
      <dt>{t("assess.facts.enrolled")}</dt>
      <dd>{e.enrolledOn}</dd>
      {e.statusDate && (
        <>
          <dt>{t("assess.facts.statusDate")}</dt>
          <dd>{e.statusDate}</dd>
        </>
      )}
    </dl>
  );
}

function History(props: { frame: PageFrame; assessments: Assessment[] }) {
  const { t } = props.frame;
  if (props.assessments.length === 0) return <p class="card">{t("assess.historyNone")}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("assess.col.date")}</th>
            <th scope="col">{t("assess.col.result")}</th>
            <th scope="col">{t("assess.field.certificationType")}</th>
            <th scope="col">{t("assess.col.level")}</th>
            <th scope="col">{t("assess.col.certificateNo")}</th>
          </tr>
        </thead>
        <tbody>
          {props.assessments.map((a) => (
            <tr>
              <td>{a.assessedOn}</td>
              <td>
                <ResultBadge t={t} result={a.result} />
              </td>
              <td>{t(`certification.${a.certificationType}`)}</td>
              <td>{levelLine(t, a.certificationType, a.level)}</td>
              <td>
                {a.certificateNo ? (
                  <a href={`/verify/${encodeURIComponent(a.certificateNo)}`}>{a.certificateNo}</a>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RecordForm(props: { frame: PageFrame; view: AssessTraineeView }) {
  const { t, csrf } = props.frame;
  const { form, entry } = props.view;
  const levels = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));
  return (
    <section class="card" aria-labelledby="record-title">
      <h2 id="record-title">{t("assess.formTitle")}</h2>
      <p class="hint">{t("assess.formHint")}</p>
      <ErrorSummary form={form} t={t} />
      <form method="post" action={`/console/assessments/${entry.traineeId}`} class="stack" novalidate>
        <CsrfField token={csrf} />
        <Select
          form={form}
          name="certificationType"
          label={t("assess.field.certificationType")}
          options={(["vocational_skill_level", "professional_technical_grade"] as const).map((type) => ({
            value: type,
            label: t(`certification.${type}`),
          }))}
          required
        />
        <Select
          form={form}
          name="level"
          label={t("assess.field.level")}
          hint={t("assess.field.levelHint")}
          options={levels}
          required
        />
        <Select
          form={form}
          name="result"
          label={t("assess.field.result")}
          options={[
            { value: "pass", label: t("assess.result.pass") },
            { value: "fail", label: t("assess.result.fail") },
          ]}
          required
        />
        <Input
          form={form}
          name="certificateNo"
          label={t("assess.field.certificateNo")}
          hint={t("assess.field.certificateNoHint")}
          autocomplete="off"
        />
        <Input form={form} name="assessedOn" type="date" label={t("assess.field.assessedOn")} required />
        <p>
          <button type="submit">{t("assess.submit")}</button>
        </p>
      </form>
    </section>
  );
}

/** The trainee, this assessor's results, and (when it may assess) the form. */
export function AssessTraineePage(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  view: AssessTraineeView;
}) {
  const { t } = props.frame;
  const { view } = props;
  return (
    <Layout
      frame={props.frame}
      title={t("assess.traineeTitle", { name: view.entry.name })}
      current="assessments"
    >
      <p>
        <a href="/console/assessments">{t("assess.backToQueue")}</a>
      </p>
      {view.done && (
        <p class="notice" role="status">
          {t("assess.done")}
        </p>
      )}
      <Facts frame={props.frame} tax={props.tax} entry={view.entry} />
      <h2>{t("assess.history")}</h2>
      <History frame={props.frame} assessments={view.assessments} />
      {view.entry.mayAssess ? (
        <RecordForm frame={props.frame} view={view} />
      ) : (
        <p class="card">{t("assess.cannotAssess")}</p>
      )}
    </Layout>
  );
}
