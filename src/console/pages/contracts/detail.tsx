/**
 * A contract for its parties and the bureau: the terms, each party's signature against the terms version, the
 * version history, and the one next action the viewer may take (sign, submit, review, start, complete).
 */
import type { Contract, ContractVersion } from "../../../modules/contracts/schemas";
import type { MessageKey, Translate } from "../../i18n";
import { fenToYuanInput, formatFen, formatInstant } from "../../i18n/format";
import { CsrfField, Layout, type PageFrame } from "../../layout";
import { emptyForm, type FormState } from "../../components/form";
import { termsToForm } from "../../forms/contract-terms";
import { ContractStatusBadge } from "./bits";
import { TerminateForm, TermsForm } from "./changes";

/** What the contract page shows, loaded through the services. */
export interface ContractView {
  contract: Contract;
  versions: ContractVersion[];
  orderTitle: string;
  companyName: string;
  providerName: string;
  cohortName: string | null;
  /** The viewer's side: a party, or the bureau. */
  side: "company" | "provider" | "bureau";
  isAdmin: boolean;
  /** The provider's planned cohorts it may start the contract with. */
  startCohorts: { id: string; name: string }[];
  /** The terms form as posted (with its errors) after a refused change. */
  termsForm?: FormState;
  /** Why a change was refused as stale, worded. */
  stale?: string;
  done?: MessageKey;
  problem?: string;
}

function Terms(props: { t: Translate; contract: Contract }) {
  const { t } = props;
  const { terms } = props.contract;
  const h = terms.hiringCommitment;
  const rows: [MessageKey, string][] = [
    ["contract.term.headcount", String(terms.headcount)],
    ["contract.term.price", formatFen(terms.pricePerTraineeFen)],
    ["contract.term.total", formatFen(terms.totalValueFen)],
    ["contract.term.schedule", t("bids.schedule", { start: terms.startDate, end: terms.endDate })],
    [
      "contract.term.hiring",
      t("contract.term.hiringValue", {
        hires: h.hires,
        min: formatFen(h.salaryMinFen),
        max: formatFen(h.salaryMaxFen),
        months: h.servicePeriodMonths,
      }),
    ],
    ["contract.term.subsidyRequested", formatFen(terms.subsidyRequestedFen)],
    ["contract.term.special", terms.specialTerms ?? t("contract.term.none")],
  ];
  if (props.contract.subsidyApprovedFen !== null)
    rows.push(["contract.term.subsidyApproved", formatFen(props.contract.subsidyApprovedFen)]);
  return (
    <section class="card" aria-labelledby="terms-title">
      <h2 id="terms-title">{t("contract.terms", { n: props.contract.termsVersion })}</h2>
      <dl class="facts">
        {rows.map(([key, value]) => (
          <>
            <dt>{t(key)}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}

function Signatures(props: { t: Translate; contract: Contract }) {
  const { t, contract } = props;
  const line = (s: Contract["signatures"]["company"]) => {
    if (!s) return <span>{t("contract.signature.missing")}</span>;
    if (s.termsVersion !== contract.termsVersion)
      return <span class="problem">{t("contract.signature.stale", { n: s.termsVersion })}</span>;
    return (
      <span>
        {t("contract.signature.signed", { n: s.termsVersion, at: formatInstant(s.signedAt) })}
        <br />
        <code class="muted">{t("contract.signature.hash", { hash: s.termsSha256 })}</code>
      </span>
    );
  };
  return (
    <section class="card" aria-labelledby="signatures-title">
      <h2 id="signatures-title">{t("contract.signatures")}</h2>
      <dl class="facts">
        <dt>{t("contract.signature.company")}</dt>
        <dd>{line(contract.signatures.company)}</dd>
        <dt>{t("contract.signature.provider")}</dt>
        <dd>{line(contract.signatures.provider)}</dd>
      </dl>
    </section>
  );
}

const FIELD_KEYS: Record<string, MessageKey> = {
  startDate: "contract.field.startDate",
  endDate: "contract.field.endDate",
  subsidyRequestedFen: "contract.field.subsidyRequestedFen",
  specialTerms: "contract.field.specialTerms",
};

function Versions(props: { t: Translate; lang: string; versions: ContractVersion[] }) {
  const { t } = props;
  const sep = props.lang === "en" ? ", " : "、";
  return (
    <section class="card" aria-labelledby="versions-title">
      <h2 id="versions-title">{t("contract.versions")}</h2>
      <ol>
        {props.versions.map((v) => (
          <li>
            {t("contract.version.line", { n: v.termsVersion, at: formatInstant(v.changedAt) })} ·{" "}
            {v.changedFields.length === 0
              ? t("contract.version.first")
              : t("contract.version.changed", {
                  fields: v.changedFields.map((f) => (FIELD_KEYS[f] ? t(FIELD_KEYS[f]) : f)).join(sep),
                })}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A one-button form posting to `/console/contracts/:id/<step>` at the version shown. */
function StepForm(props: { frame: PageFrame; contract: Contract; step: string; label: string }) {
  return (
    <form method="post" action={`/console/contracts/${props.contract.id}/${props.step}`}>
      <CsrfField token={props.frame.csrf} />
      <input type="hidden" name="version" value={String(props.contract.version)} />
      <button type="submit">{props.label}</button>
    </form>
  );
}

function ReviewForm(props: { frame: PageFrame; contract: Contract }) {
  const { t, csrf } = props.frame;
  const { contract } = props;
  return (
    <form method="post" action={`/console/contracts/${contract.id}/review`} class="stack">
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={String(contract.version)} />
      <fieldset>
        <legend>{t("contract.decision")}</legend>
        {(["approve", "request_changes", "reject"] as const).map((d) => (
          <label class="choice">
            <input type="radio" name="decision" value={d} required checked={d === "approve"} />{" "}
            {t(`contract.decision.${d}`)}
          </label>
        ))}
      </fieldset>
      <label for="f-subsidy">{t("contract.subsidyField")}</label>
      <p class="hint" id="subsidy-hint">
        {t("contract.subsidyHint", { requested: formatFen(contract.terms.subsidyRequestedFen) })}
      </p>
      <input
        type="text"
        inputmode="decimal"
        id="f-subsidy"
        name="subsidyYuan"
        aria-describedby="subsidy-hint"
        value={fenToYuanInput(contract.terms.subsidyRequestedFen)}
      />
      <label for="f-review-reason">{t("contract.reviewReasonField")}</label>
      <textarea id="f-review-reason" name="reason" required />
      <p>
        <button type="submit">{t("contract.reviewSubmit")}</button>
      </p>
    </form>
  );
}

function StartForm(props: { frame: PageFrame; view: ContractView }) {
  const { t, csrf } = props.frame;
  const { contract, startCohorts } = props.view;
  if (startCohorts.length === 0) return <p>{t("contract.noCohort")}</p>;
  return (
    <form method="post" action={`/console/contracts/${contract.id}/start`} class="stack">
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={String(contract.version)} />
      <label for="f-cohort">{t("contract.startCohort")}</label>
      <p class="hint" id="cohort-hint">
        {t("contract.startHint")}
      </p>
      <select id="f-cohort" name="cohortId" aria-describedby="cohort-hint" required>
        {startCohorts.map((c) => (
          <option value={c.id}>{c.name}</option>
        ))}
      </select>
      <p>
        <button type="submit">{t("contract.startSubmit")}</button>
      </p>
    </form>
  );
}

/** The viewer's next action on the contract, if any. */
function Actions(props: { frame: PageFrame; view: ContractView }) {
  const { t } = props.frame;
  const { view } = props;
  const { contract, side } = view;
  const party = side !== "bureau";
  const own = party ? contract.signatures[side] : null;
  const signedCurrent = own?.termsVersion === contract.termsVersion;
  let body: unknown = null;
  if (party && contract.status === "draft" && !signedCurrent) {
    body = view.isAdmin ? (
      <>
        <p class="hint">{t("contract.signHint", { n: contract.termsVersion })}</p>
        <p class="hint">{t("contract.publicity")}</p>
        <StepForm frame={props.frame} contract={contract} step="sign" label={t("contract.sign")} />
      </>
    ) : (
      <p>{t("contract.signAdmin")}</p>
    );
  } else if (party && contract.status === "draft") body = <p>{t("contract.waitOther")}</p>;
  else if (party && contract.status === "signed")
    body = <StepForm frame={props.frame} contract={contract} step="submit" label={t("contract.submit")} />;
  else if (side === "bureau" && contract.status === "under_review")
    body = <ReviewForm frame={props.frame} contract={contract} />;
  else if (side === "provider" && contract.status === "approved")
    body = <StartForm frame={props.frame} view={view} />;
  else if (party && contract.status === "active")
    body = (
      <StepForm frame={props.frame} contract={contract} step="complete" label={t("contract.complete")} />
    );
  if (!body) return null;
  return (
    <section class="card" aria-labelledby="actions-title">
      <h2 id="actions-title">{side === "bureau" ? t("contract.review") : t("contract.actions")}</h2>
      {body}
    </section>
  );
}

/** `/console/contracts/:id`. */
export function ContractPage(props: { frame: PageFrame; view: ContractView }) {
  const { t } = props.frame;
  const { view } = props;
  const { contract } = view;
  return (
    <Layout frame={props.frame} title={t("contract.title", { order: view.orderTitle })} current="contracts">
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
      <p>
        <ContractStatusBadge t={t} status={contract.status} />{" "}
        {t("contract.parties", { company: view.companyName, provider: view.providerName })} ·{" "}
        <a href={`/console/orders/${contract.orderId}`}>{t("contract.order")}</a>
      </p>
      {view.cohortName && <p>{t("contract.cohort", { name: view.cohortName })}</p>}
      {(contract.status === "active" || contract.status === "completed") && (
        <p>
          <a class="button secondary" href={`/console/contracts/${contract.id}/trainees`}>
            {t("trainees.open")}
          </a>
        </p>
      )}
      {contract.reviewReason && <p>{t("contract.reviewReason", { reason: contract.reviewReason })}</p>}
      {contract.terminationReason && (
        <p class="problem">{t("contract.terminationReason", { reason: contract.terminationReason })}</p>
      )}
      <Actions frame={props.frame} view={view} />
      {view.side !== "bureau" && (contract.status === "draft" || contract.status === "changes_requested") && (
        <TermsForm
          frame={props.frame}
          contract={contract}
          form={view.termsForm ?? emptyForm(termsToForm(contract))}
          stale={view.stale}
        />
      )}
      {(contract.status === "approved" || contract.status === "active") && (
        <TerminateForm frame={props.frame} contract={contract} />
      )}
      <Terms t={t} contract={contract} />
      <Signatures t={t} contract={contract} />
      <Versions t={t} lang={props.frame.lang} versions={view.versions} />
    </Layout>
  );
}
