/**
 * Enrolment from an uploaded CSV file: bounded in size and rows, read with `csv.ts`, every row checked against the
 * trainees module's own trainee schema, and each problem worded with its row, column and message. Nothing is
 * enrolled unless every row passes (the caller enrols the whole batch in one service call).
 */
import { type Enrolment, enrolmentSchema, looksLikeNationalId } from "../../modules/trainees/schemas";
import type { MessageKey, Translate } from "../i18n";
import { decodeUtf8, parseCsv } from "./csv";

/** At most this many trainees per file (the enrolment schema's own bound). */
export const CSV_MAX_ROWS = 500;
/** At most this many bytes per file. */
export const CSV_MAX_BYTES = 256 * 1024;
/** At most this many problems are listed (the rest are counted). */
export const CSV_MAX_LISTED = 100;

type Field = "name" | "phone" | "email" | "idLast4";
type NewTrainee = Enrolment["trainees"][number];

/** The header names a column may have (compared lower-cased, trimmed), in either language. */
const COLUMNS: Record<string, Field> = {
  name: "name",
  姓名: "name",
  phone: "phone",
  mobile: "phone",
  手机: "phone",
  手机号: "phone",
  email: "email",
  邮箱: "email",
  idlast4: "idLast4",
  身份证后四位: "idLast4",
};

export const FIELD_LABELS: Record<Field, MessageKey> = {
  name: "csv.field.name",
  phone: "csv.field.phone",
  email: "csv.field.email",
  idLast4: "csv.field.idLast4",
};

/** The template's header row in a language. */
export const templateHeader = (t: Translate) =>
  (["name", "phone", "email", "idLast4"] as const).map((f) => t(FIELD_LABELS[f])).join(",");

/** One problem of the file: its row (the line of the file, the header being 1) and column when it has them. */
export interface RowError {
  row: number | null;
  field: Field | null;
  message: string;
}

const traineeSchema = enrolmentSchema.shape.trainees.element;

/** One field's schema failure in the page's language. */
function wordIssue(t: Translate, field: Field, code: string, value: string): string {
  if (code === "custom" || looksLikeNationalId(value)) return t("csv.error.fullId");
  if (field === "name")
    return code === "too_big" ? t("validation.tooLong", { n: 100 }) : t("validation.required");
  if (field === "idLast4") return t("csv.error.idLast4");
  if (field === "phone") return t("csv.error.phone");
  return code === "too_big" ? t("validation.tooLong", { n: 254 }) : t("csv.error.email");
}

/**
 * The trainees of a file, or every problem found in it.
 * @example readEnrolmentCsv(t, new TextEncoder().encode("姓名,手机\n张晓明,13800138000\n"))
 */
export function readEnrolmentCsv(
  t: Translate,
  bytes: Uint8Array,
): { ok: true; trainees: NewTrainee[] } | { ok: false; errors: RowError[] } {
  const whole = (message: string, row: number | null = null) => ({
    ok: false as const,
    errors: [{ row, field: null, message }],
  });
  if (bytes.byteLength > CSV_MAX_BYTES) return whole(t("csv.error.tooLarge", { kb: CSV_MAX_BYTES / 1024 }));
  const text = decodeUtf8(bytes);
  if (text === null) return whole(t("csv.error.notUtf8"));
  const parsed = parseCsv(text, CSV_MAX_ROWS + 1);
  if ("problem" in parsed) {
    const p = parsed.problem;
    return p.code === "not_utf8"
      ? whole(t("csv.error.notUtf8"))
      : whole(t("csv.error.unclosedQuote"), p.line);
  }
  if (parsed.more) return whole(t("csv.error.tooManyRows", { max: CSV_MAX_ROWS }));
  const [header, ...rows] = parsed.records;
  if (!header) return whole(t("csv.error.empty"));
  const columns: Field[] = [];
  for (const raw of header.cells) {
    const name = raw.trim();
    const field = COLUMNS[name.toLowerCase()];
    if (!field) return whole(t("csv.error.unknownColumn", { name }), header.line);
    if (columns.includes(field)) return whole(t("csv.error.duplicateColumn", { name }), header.line);
    columns.push(field);
  }
  if (!columns.includes("name")) return whole(t("csv.error.noNameColumn"), header.line);
  if (rows.length === 0) return whole(t("csv.error.empty"));

  const errors: RowError[] = [];
  const trainees: NewTrainee[] = [];
  for (const record of rows) {
    if (record.cells.length > columns.length && record.cells.slice(columns.length).some((c) => c.trim())) {
      errors.push({ row: record.line, field: null, message: t("csv.error.extraCells") });
      continue;
    }
    const input: Partial<Record<Field, string>> = {};
    columns.forEach((field, i) => {
      const value = (record.cells[i] ?? "").trim();
      if (value || field === "name") input[field] = value;
    });
    const result = traineeSchema.safeParse(input);
    if (result.success) {
      trainees.push(result.data);
      continue;
    }
    const seen = new Set<Field>();
    for (const issue of result.error.issues) {
      const field = issue.path[0] as Field;
      if (seen.has(field)) continue;
      seen.add(field);
      errors.push({ row: record.line, field, message: wordIssue(t, field, issue.code, input[field] ?? "") });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, trainees };
}
