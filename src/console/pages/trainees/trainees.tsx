/**
 * A contract's trainees: delivery figures, the cohort's trainees in the viewer's view (contact data only for the
 * provider and the bureau), the provider's enrolment form and completion, and the company's placement form.
 */
import type { Contract } from "../../../modules/contracts/schemas";
import type { ContractDelivery } from "../../../modules/trainees/placement";
import type { Trainee, TraineeRecord } from "../../../modules/trainees/schemas";
import type { MessageKey, Translate } from "../../i18n";
import { formatFen } from "../../i18n/format";
import { CsrfField, Layout, type PageFrame } from "../../layout";
import { ContractStatusBadge } from "../contracts/bits";
import { type ContractRowView, ContractTable } from "../contracts/list";
import { CsvEnrolForm, type CsvOutcome } from "./csv";

/** What a contract's trainee page shows. */
export interface TraineesView {
  contract: Contract;
  orderTitle: string;
  delivery: ContractDelivery;
  trainees: (Trainee | TraineeRecord)[];
  side: "company" | "provider" | "bureau";
  /** A refused CSV file's problems. */
  csv?: CsvOutcome;
  done?: MessageKey;
  problem?: string;
}

const hasContact = (x: Trainee | TraineeRecord): x is Trainee => "phone" in x;

function Placement(props: { t: Translate; trainee: Trainee | TraineeRecord }) {
  const { t } = props;
  const p = props.trainee.placement;
  if (!p) return <span class="muted">{t("trainees.placement.none")}</span>;
  if (!p.hired) return <span>{t("trainees.placement.notHired")}</span>;
  return (
    <span>
      {t("trainees.placement.hired", { on: p.hiredOn ?? "—" })}
      {p.salaryFen !== null && ` · ${t("trainees.placement.salary", { salary: formatFen(p.salaryFen) })}`}
    </span>
  );
}

/** The company's placement form for one completed trainee. */
function PlaceForm(props: { frame: PageFrame; trainee: Trainee | TraineeRecord }) {
  const { t, csrf } = props.frame;
  const { trainee: tr } = props;
  const id = tr.id;
  return (
    <details>
      <summary>{t("trainees.place", { name: tr.name })}</summary>
      <form method="post" action={`/console/trainees/${id}/placement`} class="stack">
        <CsrfField token={csrf} />
        <fieldset>
          <legend>{t("trainees.place", { name: tr.name })}</legend>
          <label class="choice">
            <input type="radio" name="hired" value="true" required checked={tr.placement?.hired !== false} />{" "}
            {t("trainees.hired")}
          </label>
          <label class="choice">
            <input type="radio" name="hired" value="false" checked={tr.placement?.hired === false} />{" "}
            {t("trainees.notHired")}
          </label>
        </fieldset>
        <label for={`f-hired-on-${id}`}>{t("trainees.hiredOn")}</label>
        <input type="date" id={`f-hired-on-${id}`} name="hiredOn" value={tr.placement?.hiredOn ?? ""} />
        <label for={`f-salary-${id}`}>{t("trainees.salary")}</label>
        <input type="text" inputmode="decimal" id={`f-salary-${id}`} name="salaryYuan" />
        <p>
          <button type="submit">{t("trainees.placeSubmit")}</button>
        </p>
      </form>
    </details>
  );
}

function CompleteForm(props: { frame: PageFrame; trainee: Trainee | TraineeRecord }) {
  const { t, csrf } = props.frame;
  const { trainee: tr } = props;
  return (
    <form method="post" action={`/console/trainees/${tr.id}/complete`}>
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={String(tr.version)} />
      <button type="submit" class="secondary" aria-label={t("trainees.complete", { name: tr.name })}>
        {t("trainees.completeSubmit")}
      </button>
    </form>
  );
}

function TraineeTable(props: { frame: PageFrame; view: TraineesView }) {
  const { t } = props.frame;
  const { view } = props;
  const contact = view.side !== "company";
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("trainees.col.name")}</th>
            {contact && <th scope="col">{t("trainees.col.contact")}</th>}
            <th scope="col">{t("trainees.col.status")}</th>
            <th scope="col">{t("trainees.col.enrolled")}</th>
            <th scope="col">{t("trainees.col.certificates")}</th>
            <th scope="col">{t("trainees.col.placement")}</th>
            {view.side !== "bureau" && <th scope="col">{t("trainees.col.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {view.trainees.map((tr) => (
            <tr>
              <td>{tr.name}</td>
              {contact && (
                <td>{hasContact(tr) ? [tr.phone, tr.email].filter(Boolean).join(" · ") || "—" : "—"}</td>
              )}
              <td>
                <span class={`badge ${tr.status}`}>{t(`trainee.status.${tr.status}`)}</span>
              </td>
              <td>{tr.enrolledOn}</td>
              <td>{tr.certificates.map((c) => c.certificateNo).join(", ") || "—"}</td>
              <td>
                <Placement t={t} trainee={tr} />
              </td>
              {view.side === "provider" && (
                <td>
                  {tr.status === "enrolled" && view.contract.status === "active" && (
                    <CompleteForm frame={props.frame} trainee={tr} />
                  )}
                </td>
              )}
              {view.side === "company" && (
                <td>{tr.status === "completed" && <PlaceForm frame={props.frame} trainee={tr} />}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EnrolForm(props: { frame: PageFrame; view: TraineesView }) {
  const { t, csrf } = props.frame;
  const field = (name: string, label: MessageKey, type = "text", required = false) => (
    <div class="field">
      <label for={`f-${name}`}>{t(label)}</label>
      <input type={type} id={`f-${name}`} name={name} required={required} />
    </div>
  );
  return (
    <section class="card" aria-labelledby="enrol-title">
      <h2 id="enrol-title">{t("trainees.enrol")}</h2>
      <p class="hint">{t("trainees.enrolHint")}</p>
      <form method="post" action={`/console/contracts/${props.view.contract.id}/trainees`} class="stack">
        <CsrfField token={csrf} />
        {field("name", "trainees.field.name", "text", true)}
        {field("phone", "trainees.field.phone", "tel")}
        {field("email", "trainees.field.email", "email")}
        {field("idLast4", "trainees.field.idLast4")}
        <p>
          <button type="submit">{t("trainees.enrolSubmit")}</button>
        </p>
      </form>
    </section>
  );
}

/** `/console/contracts/:id/trainees`. */
export function ContractTraineesPage(props: { frame: PageFrame; view: TraineesView }) {
  const { t } = props.frame;
  const { view } = props;
  const d = view.delivery;
  return (
    <Layout
      frame={props.frame}
      title={t("trainees.contractTitle", { order: view.orderTitle })}
      current="trainees"
    >
      <p>
        <a href={`/console/contracts/${view.contract.id}`}>{t("trainees.backToContract")}</a>{" "}
        <ContractStatusBadge t={t} status={view.contract.status} />
      </p>
      {view.done && (
        <p class="notice" role="status">
          {t(view.done)}
        </p>
      )}
      {view.problem && (
        <p class="problem" role="alert">
          {view.problem}
        </p>
      )}
      <section class="card" aria-labelledby="delivery-title">
        <h2 id="delivery-title">{t("trainees.delivery")}</h2>
        <p>{t("trainees.delivery.enrolled", { n: d.enrolled, headcount: d.headcount })}</p>
        <p>
          {t("trainees.delivery.outcomes", {
            completed: d.completed,
            dropped: d.dropped,
            certified: d.certified,
          })}
        </p>
        <p>{t("trainees.delivery.hires", { made: d.hiresMade, committed: d.hiresCommitted })}</p>
      </section>
      {view.side === "provider" && view.contract.status === "active" && d.enrolled < d.headcount && (
        <>
          <EnrolForm frame={props.frame} view={view} />
          <CsvEnrolForm frame={props.frame} contractId={view.contract.id} outcome={view.csv} />
        </>
      )}
      {!view.contract.cohortId ? (
        <p class="card">{t("trainees.noCohort")}</p>
      ) : view.trainees.length === 0 ? (
        <p class="card">{t("trainees.none")}</p>
      ) : (
        <TraineeTable frame={props.frame} view={view} />
      )}
    </Layout>
  );
}

/** `/console/trainees`: the viewer's active and completed contracts, each a way to its trainees. */
export function TraineeContractsPage(props: { frame: PageFrame; rows: ContractRowView[] }) {
  const { t } = props.frame;
  return (
    <Layout frame={props.frame} title={t("trainees.title")} current="trainees">
      <p>{t("trainees.contractsIntro")}</p>
      {props.rows.length === 0 ? (
        <p class="card">{t("trainees.contractsNone")}</p>
      ) : (
        <ContractTable t={t} rows={props.rows} suffix="/trainees" />
      )}
    </Layout>
  );
}
