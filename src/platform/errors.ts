/** The one error type of OrderBridge, validation failures as problems, and the RFC 9457 problem+json rendering. */
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";

export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  quota_exceeded: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  idempotency_mismatch: 422,
  too_large_for_runtime: 422,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

const TITLES: Record<ErrorCode, string> = {
  validation_failed: "Validation failed",
  unauthenticated: "Authentication required",
  forbidden: "Forbidden",
  not_found: "Not found",
  conflict: "Conflict",
  invalid_state: "Invalid state",
  quota_exceeded: "Quota exceeded",
  precondition_failed: "Precondition failed",
  payload_too_large: "Payload too large",
  idempotency_mismatch: "Idempotency key reused with another request",
  too_large_for_runtime: "Too large for this runtime",
  precondition_required: "Precondition required",
  rate_limited: "Too many requests",
  internal: "Internal error",
  unavailable: "Service unavailable",
};

export interface FieldError {
  path: string;
  message: string;
}

/** The quota a 409 `quota_exceeded` names: which one, and its configured limit. */
export interface QuotaInfo {
  name: string;
  limit: number;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
  errors?: FieldError[];
  errorCount?: number;
  quota?: QuotaInfo;
}

/**
 * A domain or HTTP failure with a stable `code`; thrown anywhere, rendered once by the app's error handler.
 * @example throw new AppError("not_found", "Order ord_123 does not exist");
 */
export class AppError extends HTTPException {
  readonly code: ErrorCode;
  readonly errors?: FieldError[];
  readonly errorCount?: number;
  readonly quota?: QuotaInfo;
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    detail: string,
    opts: {
      errors?: FieldError[];
      errorCount?: number;
      quota?: QuotaInfo;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(ERROR_STATUS[code], { message: detail });
    this.code = code;
    this.errors = opts.errors;
    this.errorCount = opts.errorCount;
    this.quota = opts.quota;
    this.headers = opts.headers;
  }
}

/** A 400 naming the offending field, for rules zod cannot express. */
export function invalidField(path: string, message: string): AppError {
  return invalidFields([{ path, message }]);
}

/** One 400 naming every offending field (cross-field and reference rules checked together). */
export function invalidFields(errors: FieldError[]): AppError {
  return new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), {
    errors,
  });
}

/** Validation failures list at most this many field errors (a huge body must not make a huger response). */
export const MAX_FIELD_ERRORS = 20;
/** …and cut each path and message to this many characters (an unknown key may be a megabyte long). */
const MAX_FIELD_TEXT = 200;

const clip = (text: string) =>
  text.length > MAX_FIELD_TEXT ? `${text.slice(0, MAX_FIELD_TEXT - 1)}…` : text;

function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => ({ path: base ? `${base}.${k}` : k, message: "unknown field" }));
    }
    return [{ path: base, message: issue.message }];
  });
}

/** Turns a zod failure into the 400 `validation_failed` problem (at most 20 errors, plus their count). */
export function validationError(error: ZodError): AppError {
  const all = fieldErrors(error);
  const errors = all
    .slice(0, MAX_FIELD_ERRORS)
    .map((e) => ({ path: clip(e.path), message: clip(e.message) }));
  const more = all.length - errors.length;
  const detail = errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join("; ");
  return new AppError(
    "validation_failed",
    (detail || "Invalid request") + (more > 0 ? `; and ${more} more` : ""),
    {
      errors,
      errorCount: all.length,
    },
  );
}

export function problemOf(err: AppError, requestId: string): Problem {
  return {
    type: `https://orderbridge.dev/problems/${err.code.replaceAll("_", "-")}`,
    title: TITLES[err.code],
    status: ERROR_STATUS[err.code],
    detail: err.message,
    code: err.code,
    requestId,
    ...(err.errors ? { errors: err.errors } : {}),
    ...(err.errorCount !== undefined ? { errorCount: err.errorCount } : {}),
    ...(err.quota ? { quota: err.quota } : {}),
  };
}

/** Maps a framework HTTPException (malformed JSON, etc.) onto our codes. */
export function fromHttpException(err: HTTPException): AppError {
  if (err instanceof AppError) return err;
  const byStatus: Partial<Record<number, ErrorCode>> = {
    400: "validation_failed",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    413: "payload_too_large",
  };
  const code = byStatus[err.status] ?? (err.status >= 500 ? "internal" : "validation_failed");
  return new AppError(code, code === "internal" ? "Internal error" : err.message || TITLES[code]);
}
