/** Route plumbing shared by every module: the router factory, validation hook, error schemas, ETags. */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ZodError } from "zod";
import type { AppEnv } from "./context";
import { AppError, ERROR_STATUS, type ErrorCode, type FieldError } from "./errors";

function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => ({ path: base ? `${base}.${k}` : k, message: "unknown field" }));
    }
    return [{ path: base, message: issue.message }];
  });
}

/** Turns a zod failure into the 400 `validation_failed` problem. */
export function validationError(error: ZodError): AppError {
  const errors = fieldErrors(error);
  const detail = errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join("; ");
  return new AppError("validation_failed", detail || "Invalid request", { errors });
}

/**
 * A router whose validation failures become 400 `validation_failed`.
 * @example export const ordersRouter = createRouter().openapi(createOrderRoute, handler);
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error as unknown as ZodError);
    },
  });
}

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input (`validation_failed`)",
  401: "Missing, expired or revoked token (`unauthenticated`)",
  403: "The caller's role may not do this (`forbidden`)",
  404: "No such resource, or not visible to the caller (`not_found`)",
  409: "Conflicts with existing data or the resource's state (`conflict`, `invalid_state`)",
  412: "`If-Match` does not match the current version (`precondition_failed`)",
  413: "Body over 1 MiB (`payload_too_large`)",
  422: "`Idempotency-Key` reused with a different request (`idempotency_mismatch`)",
  428: "`If-Match` header missing (`precondition_required`)",
  429: "Too many attempts (`rate_limited`)",
  503: "Database unreachable",
};

/**
 * The problem+json responses a route can give, spread into `createRoute({ responses })`.
 * @example responses: { 200: ok(orderSchema), ...problems(400, 401, 404) }
 */
export function problems<S extends number>(...statuses: S[]) {
  const out = {} as Record<S, { description: string; content: { "application/problem+json": { schema: typeof problemSchema } } }>;
  for (const s of statuses) {
    out[s] = { description: DESCRIPTIONS[s] ?? "Error", content: { "application/problem+json": { schema: problemSchema } } };
  }
  return out;
}

/** A JSON response entry for `createRoute({ responses })`. */
export function json<T extends z.ZodTypeAny>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/**
 * A required JSON request body for `createRoute({ request })`, with a documented example that must type-check
 * against the schema's input.
 */
export function jsonBody<T extends z.ZodTypeAny>(schema: T, example: z.input<T>) {
  return { required: true, content: { "application/json": { schema, example } } };
}

export const bearer = [{ bearerAuth: [] }];

/** Sets the `ETag` of a versioned resource. */
export function setEtag(c: Context, version: number): void {
  c.header("ETag", `"${version}"`);
}

/** The version named by `If-Match` (428 when absent, 400 when not a version this API issued). */
export function ifMatchVersion(c: Context): number {
  const raw = c.req.header("If-Match");
  if (!raw) throw new AppError("precondition_required", "Send If-Match with the version you read (its ETag)");
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim());
  if (!match) {
    throw new AppError("validation_failed", "If-Match must be an ETag such as \"3\"", {
      errors: [{ path: "If-Match", message: "not an ETag" }],
    });
  }
  return Number(match[1]);
}

export const ifMatchHeader = z.object({
  "if-match": z.string().optional().openapi({ description: "Required: the ETag you read, e.g. `\"3\"` (428 without it)", example: '"1"' }),
});

/** `If-Match` on a state transition is optional: when sent it must match (412), when absent the transition runs. */
export const optionalIfMatchHeader = z.object({
  "if-match": z.string().optional().openapi({ description: "Optional: the ETag you read; 412 when stale", example: '"1"' }),
});

/** The version named by an optional `If-Match`, or undefined when there is none. */
export const optionalIfMatch = (c: Context) => (c.req.header("If-Match") ? ifMatchVersion(c) : undefined);

export const idParam = (prefix: string) =>
  z.object({ id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" }, example: `${prefix}_0123456789abcdefghjkmnpqrs` }) });
