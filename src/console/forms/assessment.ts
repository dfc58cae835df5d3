/**
 * The assessment form: its values to the API's `NewAssessment`, and its refusals worded beside its fields (the
 * rules of `newAssessmentSchema` and `recordAssessment`, by the words of their messages).
 */
import type { ZodError } from "zod";
import type { AssessmentQueueEntry } from "../../modules/assessments/queue-schemas";
import { type NewAssessment, newAssessmentSchema } from "../../modules/assessments/schemas";
import { AppError } from "../../platform/errors";
import { formErrorsOf } from "../form-errors";
import type { MessageKey, Params, Translate } from "../i18n";

const FIELDS = ["certificationType", "level", "result", "certificateNo", "assessedOn"] as const;
const REQUIRED = ["certificationType", "level", "result", "assessedOn"];

/** The form's first values: the program's certification and level, a pass, today. */
export const assessmentDefaults = (entry: AssessmentQueueEntry, today: string): Record<string, string> => ({
  certificationType: entry.certificationType,
  level: String(entry.certificationLevel),
  result: "pass",
  certificateNo: "",
  assessedOn: today,
});

/** The messages of this form's rules, by field and the words of the API's message. */
const RULES: [field: string, RegExp, MessageKey, (m: RegExpExecArray, t: Translate) => Params][] = [
  ["certificateNo", /pass needs/, "assess.error.passNeedsNo", () => ({})],
  ["certificateNo", /fail issues/, "assess.error.failTakesNo", () => ({})],
  ["certificateNo", /letters, digits and dashes/, "assess.error.certificateFormat", () => ({})],
  [
    "level",
    /^(vocational_skill_level|professional_technical_grade) has levels 1–(\d)/,
    "assess.error.levelRange",
    (m, t) => ({ type: t(`certification.${m[1] as "vocational_skill_level"}`), n: m[2] }),
  ],
  ["assessedOn", /in the future/, "assess.error.future", () => ({})],
  ["assessedOn", /before the enrolment/, "assess.error.beforeEnrolment", () => ({})],
  ["occupationCode", /./, "assess.error.occupation", () => ({})],
];

/** A field a message belongs to on this form (the occupation is not a field: it goes on top). */
const fieldOf = (path: string) => {
  const head = path.split(".")[0];
  return (FIELDS as readonly string[]).includes(head) ? head : "_form";
};

/** The worded errors of a refused form: required fields, this form's rules, then the console's generic wording. */
export function assessmentErrors(
  t: Translate,
  failure: ZodError | AppError,
  values: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of REQUIRED) if (!values[name]?.trim()) out[name] = t("validation.required");
  const issues =
    failure instanceof AppError
      ? (failure.errors ?? [])
      : failure.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  for (const { path, message } of issues) {
    for (const [field, pattern, key, params] of RULES) {
      const match = path.split(".")[0] === field ? pattern.exec(message) : null;
      if (match) out[fieldOf(field)] ??= t(key, params(match, t));
    }
  }
  for (const [field, message] of Object.entries(formErrorsOf(t, failure, fieldOf))) out[field] ??= message;
  return out;
}

/** Parses the posted form for the trainee's occupation: the input, or the worded errors. */
export function parseAssessmentForm(
  t: Translate,
  entry: AssessmentQueueEntry,
  values: Record<string, string>,
): { ok: true; input: NewAssessment } | { ok: false; errors: Record<string, string> } {
  const certificateNo = values.certificateNo?.trim();
  const parsed = newAssessmentSchema.safeParse({
    occupationCode: entry.occupationCode,
    certificationType: values.certificationType || undefined,
    level: values.level ? Number(values.level) : undefined,
    result: values.result || undefined,
    assessedOn: values.assessedOn ?? "",
    ...(certificateNo ? { certificateNo } : {}),
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: assessmentErrors(t, parsed.error, values) };
}

/** A refusal of `recordAssessment` as form errors and the page's status, or null when the error page should show. */
export function refusedAssessment(
  t: Translate,
  err: unknown,
  values: Record<string, string>,
): { errors: Record<string, string>; status: 400 | 409 } | null {
  if (!(err instanceof AppError)) return null;
  if (err.code === "validation_failed") return { errors: assessmentErrors(t, err, values), status: 400 };
  // The one conflict of recording: a certificate number already issued (unique nationwide).
  if (err.code === "conflict")
    return { errors: { certificateNo: t("assess.error.certificateTaken") }, status: 409 };
  if (err.code === "invalid_state") return { errors: { _form: t("assess.error.dropped") }, status: 409 };
  return null;
}
