/**
 * Wording of the rules the subsidy-policy and contract-terms forms meet (cross-field dates, the subsidy cap, dates),
 * ahead of the console's shared wording in `form-errors.ts`.
 */
import { ZodError } from "zod";
import { AppError } from "../../platform/errors";
import { formErrorsOf, wordFieldError } from "../form-errors";
import type { Translate } from "../i18n";
import { formatFen } from "../i18n/format";

/** One service or schema message in the page's language, when it is one of these forms' rules. */
function wordRule(t: Translate, message: string): string | null {
  if (/^must not be before validFrom$/.test(message)) return t("validation.notBeforeValidFrom");
  if (/^must not be before startDate$/.test(message)) return t("validation.notBeforeStart");
  if (/^expected YYYY-MM-DD$|^not a calendar date$/.test(message)) return t("validation.date");
  const cap = /exceeds the cap of (\d+) fen/.exec(message);
  if (cap) return t("validation.subsidyCap", { cap: formatFen(Number(cap[1])) });
  return null;
}

/** The errors of a failed parse or a refused service call, worded, by form field (the first per field). */
export function adminFormErrors(
  t: Translate,
  failure: ZodError | AppError,
  fieldOf: (path: string) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (failure instanceof AppError) {
    for (const e of failure.errors ?? [])
      out[fieldOf(e.path)] ??= wordRule(t, e.message) ?? wordFieldError(t, e.message);
    if (Object.keys(out).length === 0) out._form = t("validation.invalid");
    return out;
  }
  for (const issue of failure.issues) {
    const field = fieldOf(issue.path.map(String).join("."));
    out[field] ??= wordRule(t, issue.message) ?? formErrorsOf(t, new ZodError([issue]), () => field)[field];
  }
  return out;
}
