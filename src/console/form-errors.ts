/**
 * Validation failures worded for a form: zod issues by their code, and the services' field errors by the rule they
 * name, each in the page's language. A rule the console does not know yet gets the generic "check this value".
 */
import type { ZodError } from "zod";
import { AppError, type FieldError } from "../platform/errors";
import type { MessageKey, Params, Translate } from "./i18n";

/** The fields other fields' rules name, worded. */
const OTHER_FIELDS: Record<string, MessageKey> = {
  headcountMax: "field.headcountMax",
  salaryMaxFen: "field.salaryMax",
  bidDeadline: "field.bidDeadline",
  deliverBy: "field.deliverBy",
  endDate: "field.endDate",
};

const other = (t: Translate, name: string) => ({
  other: Object.hasOwn(OTHER_FIELDS, name) ? t(OTHER_FIELDS[name]) : name,
});

/** The services' cross-field and reference rules, by the words of their messages. */
const SERVICE_RULES: [RegExp, MessageKey, (m: RegExpExecArray, t: Translate) => Params][] = [
  [/^must not exceed (\w+)$/, "validation.notAbove", (m, t) => other(t, m[1])],
  [/^must not be after (\w+)$/, "validation.notAfter", (m, t) => other(t, m[1])],
  [/^must be before (\w+)$/, "validation.before", (m, t) => other(t, m[1])],
  [/must be in the future/, "validation.future", () => ({})],
  [/must be at least 72 h/, "validation.amendmentNotice", () => ({})],
  [/^must be today or later$/, "validation.todayOrLater", () => ({})],
  [/^must not be in the past$/, "validation.todayOrLater", () => ({})],
  [/^no such skill/, "validation.noSuchSkill", () => ({})],
  [/^no such occupation/, "validation.noSuchOccupation", () => ({})],
  [/^skill listed twice$/, "validation.skillTwice", () => ({})],
  [/exceeds the program's cohortCapacity of (\d+)/, "validation.aboveCapacity", (m) => ({ n: m[1] })],
  [/^below the size (\d+)/, "validation.belowCohortSize", (m) => ({ n: m[1] })],
  [/at least one weight must be positive/, "validation.weightsPositive", () => ({})],
  [/^cannot change/, "validation.cannotChange", () => ({})],
  [/order's headcountMax of (\d+)/, "validation.atMost", (m) => ({ n: m[1] })],
  [/exceeds the cohort's size of (\d+)/, "validation.aboveCohortSize", (m) => ({ n: m[1] })],
  [/on or before the order's deliverBy (\S+)/, "validation.onOrBefore", (m) => ({ date: m[1] })],
  [/after the bid deadline's date (\S+)/, "validation.afterDate", (m) => ({ date: m[1] })],
  [/^(?:not one of your programs|trains |program \S+ is )/, "validation.programFit", () => ({})],
  [
    /^(?:not one of your cohorts|runs under program|cohort \S+ is not open)/,
    "validation.cohortFit",
    () => ({}),
  ],
];

/** One service field error in the page's language. */
export function wordFieldError(t: Translate, message: string): string {
  for (const [pattern, key, params] of SERVICE_RULES) {
    const match = pattern.exec(message);
    if (match) return t(key, params(match, t));
  }
  return t("validation.invalid");
}

type Issue = ZodError["issues"][number];

/** One zod issue in the page's language. */
function wordIssue(t: Translate, issue: Issue): string {
  if (issue.code === "too_small") {
    if (issue.origin === "string" && Number(issue.minimum) <= 1) return t("validation.required");
    if (issue.origin === "array") return t("validation.pickAtLeast", { n: Number(issue.minimum) });
    return t("validation.atLeast", { n: Number(issue.minimum) });
  }
  if (issue.code === "too_big") {
    if (issue.origin === "string") return t("validation.tooLong", { n: Number(issue.maximum) });
    return t("validation.atMost", { n: Number(issue.maximum) });
  }
  if (issue.code === "invalid_type") return t("validation.required");
  if (issue.code === "custom") return wordFieldError(t, issue.message);
  return t("validation.invalid");
}

/**
 * The errors of a failed parse, keyed by form field (`fieldOf` maps an input path such as `location.city` to the
 * form's field name); the first error of a field wins.
 */
export function formErrorsOf(
  t: Translate,
  failure: ZodError | AppError,
  fieldOf: (path: string) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (path: string, message: string) => {
    const field = fieldOf(path);
    out[field] ??= message;
  };
  if (failure instanceof AppError) {
    for (const e of failure.errors ?? ([] as FieldError[])) add(e.path, wordFieldError(t, e.message));
    if (Object.keys(out).length === 0) out._form = t("validation.invalid");
  } else {
    for (const issue of failure.issues) add(issue.path.map(String).join("."), wordIssue(t, issue));
  }
  return out;
}

/** Whether a service failure is one a form shows beside its fields (400 with field errors). */
export const isFieldFailure = (err: unknown): err is AppError =>
  err instanceof AppError && err.code === "validation_failed";
