/** The subsidy policy form: yuan in, fen out, checked by the subsidies module's schema. */
import {
  type SubsidyPolicy,
  type SubsidyPolicyRequest,
  subsidyPolicyRequestSchema,
} from "../../modules/subsidies/schemas";
import type { FormState } from "../components/form";
import type { Translate } from "../i18n";
import { fenToYuanInput, formatFen, yuanInputToFen } from "../i18n/format";
import { adminFormErrors } from "./admin-errors";

/** The most a policy may grant per trainee (the schema's bound), in fen. */
const MAX_PER_TRAINEE_FEN = 100_000_000;

/** Where an input path's error shows on the form. */
export const subsidyField = (path: string) => (path === "perTraineeFen" ? "perTraineeYuan" : path);

/** The form values of a stored policy. */
export function policyToForm(p: SubsidyPolicy): Record<string, string> {
  return {
    occupationCode: p.occupationCode,
    perTraineeYuan: fenToYuanInput(p.perTraineeFen),
    validFrom: p.validFrom,
    validUntil: p.validUntil ?? "",
  };
}

type Parsed =
  | { ok: true; occupationCode: string; input: SubsidyPolicyRequest }
  | { ok: false; form: FormState };

/** A submitted policy form; `occupations` are the codes the taxonomy knows. */
export function parseSubsidyForm(t: Translate, v: Record<string, string>, occupations: string[]): Parsed {
  const errors: Record<string, string> = {};
  if (!occupations.includes(v.occupationCode ?? "")) errors.occupationCode = t("validation.noSuchOccupation");
  const yuan = (v.perTraineeYuan ?? "").trim();
  const fen = yuan ? yuanInputToFen(yuan) : undefined;
  if (!yuan) errors.perTraineeYuan = t("validation.required");
  else if (fen === null) errors.perTraineeYuan = t("validation.money");
  else if (fen !== undefined && fen > MAX_PER_TRAINEE_FEN)
    errors.perTraineeYuan = t("validation.atMost", { n: formatFen(MAX_PER_TRAINEE_FEN) });
  const parsed = subsidyPolicyRequestSchema.safeParse({
    perTraineeFen: fen ?? undefined,
    validFrom: v.validFrom?.trim() ?? "",
    validUntil: v.validUntil?.trim() ? v.validUntil.trim() : null,
  });
  const zodErrors = parsed.success ? {} : adminFormErrors(t, parsed.error, subsidyField);
  if (!v.validFrom?.trim()) errors.validFrom = t("validation.required");
  if (parsed.success && Object.keys(errors).length === 0)
    return { ok: true, occupationCode: v.occupationCode, input: parsed.data };
  return { ok: false, form: { values: v, errors: { ...zodErrors, ...errors } } };
}
