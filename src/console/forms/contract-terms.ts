/** The contract terms form: the schedule, the requested subsidy in yuan and the special terms, as a terms patch. */
import { type Contract, type ContractPatch, contractPatchSchema } from "../../modules/contracts/schemas";
import type { FormState } from "../components/form";
import type { Translate } from "../i18n";
import { fenToYuanInput, yuanInputToFen } from "../i18n/format";
import { adminFormErrors } from "./admin-errors";

/** Where an input path's error shows on the form. */
export const termsField = (path: string) => (path === "subsidyRequestedFen" ? "subsidyRequestedYuan" : path);

/** The form values of a contract's current terms. */
export function termsToForm(contract: Contract): Record<string, string> {
  const { terms } = contract;
  return {
    startDate: terms.startDate,
    endDate: terms.endDate,
    subsidyRequestedYuan: fenToYuanInput(terms.subsidyRequestedFen),
    specialTerms: terms.specialTerms ?? "",
  };
}

type Parsed = { ok: true; patch: ContractPatch } | { ok: false; form: FormState };

/** A submitted terms form as the patch of what changed (only those fields, so only they count as changed). */
export function parseTermsForm(t: Translate, contract: Contract, v: Record<string, string>): Parsed {
  const errors: Record<string, string> = {};
  const yuan = (v.subsidyRequestedYuan ?? "").trim();
  const fen = yuan ? yuanInputToFen(yuan) : 0;
  if (fen === null) errors.subsidyRequestedYuan = t("validation.money");
  const wanted: ContractPatch = {
    startDate: (v.startDate ?? "").trim(),
    endDate: (v.endDate ?? "").trim(),
    subsidyRequestedFen: fen ?? 0,
    specialTerms: v.specialTerms?.trim() ? v.specialTerms.trim() : null,
  };
  const current: ContractPatch = {
    startDate: contract.terms.startDate,
    endDate: contract.terms.endDate,
    subsidyRequestedFen: contract.terms.subsidyRequestedFen,
    specialTerms: contract.terms.specialTerms,
  };
  const patch = Object.fromEntries(
    Object.entries(wanted).filter(([k, value]) => value !== current[k as keyof ContractPatch]),
  ) as ContractPatch;
  if (Object.keys(errors).length > 0) return { ok: false, form: { values: v, errors } };
  if (Object.keys(patch).length === 0)
    return { ok: false, form: { values: v, errors: { _form: t("validation.nothingChanged") } } };
  const parsed = contractPatchSchema.safeParse(patch);
  if (!parsed.success)
    return { ok: false, form: { values: v, errors: adminFormErrors(t, parsed.error, termsField) } };
  return { ok: true, patch: parsed.data };
}
