/** The contract page's terms form (either party, while a draft or changes are requested) and termination. */
import type { Contract } from "../../../modules/contracts/schemas";
import { ErrorSummary, type FormState, Input, TextArea } from "../../components/form";
import { CsrfField, type PageFrame } from "../../layout";

/** The terms form: the version it was read at, so a stale form is refused (412) and said so. */
export function TermsForm(props: { frame: PageFrame; contract: Contract; form: FormState; stale?: string }) {
  const { t, csrf } = props.frame;
  const { contract, form } = props;
  const open = props.stale !== undefined || Object.keys(form.errors).length > 0;
  return (
    <section class="card" aria-labelledby="change-terms-title">
      <h2 id="change-terms-title">{t("contract.changeTerms")}</h2>
      <p class="hint">{t("contract.changeHint")}</p>
      {props.stale && (
        <p class="problem" role="alert">
          {props.stale}
        </p>
      )}
      <details open={open}>
        <summary>{t("contract.changeOpen")}</summary>
        <ErrorSummary form={form} t={t} />
        <form method="post" action={`/console/contracts/${contract.id}/terms`} class="stack" novalidate>
          <CsrfField token={csrf} />
          <input type="hidden" name="version" value={String(contract.version)} />
          <Input form={form} name="startDate" type="date" label={t("contract.field.startDate")} required />
          <Input form={form} name="endDate" type="date" label={t("contract.field.endDate")} required />
          <Input
            form={form}
            name="subsidyRequestedYuan"
            label={t("contract.field.subsidyRequestedYuan")}
            hint={t("form.yuanHint")}
          />
          <TextArea form={form} name="specialTerms" label={t("contract.field.specialTermsInput")} />
          <p>
            <button type="submit">{t("contract.changeSubmit")}</button>
          </p>
        </form>
      </details>
    </section>
  );
}

/** Termination with a reason, for either party or the bureau, of an approved or active contract. */
export function TerminateForm(props: { frame: PageFrame; contract: Contract }) {
  const { t, csrf } = props.frame;
  const { contract } = props;
  return (
    <section class="card" aria-labelledby="terminate-title">
      <h2 id="terminate-title">{t("contract.terminate")}</h2>
      <p class="hint" id="terminate-hint">
        {t("contract.terminateHint")}
      </p>
      <form method="post" action={`/console/contracts/${contract.id}/terminate`} class="stack">
        <CsrfField token={csrf} />
        <input type="hidden" name="version" value={String(contract.version)} />
        <label for="f-terminate-reason">{t("contract.terminateReason")}</label>
        <textarea id="f-terminate-reason" name="reason" required aria-describedby="terminate-hint" />
        <p>
          <button type="submit" class="danger">
            {t("contract.terminateSubmit")}
          </button>
        </p>
      </form>
    </section>
  );
}
