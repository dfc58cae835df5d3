/** Route plumbing shared by every module: the router factory, the route contract, validation, ETags. */
import { createRoute, OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ZodError } from "zod";
import type { AppEnv } from "./context";
import { AppError, ERROR_STATUS, type ErrorCode, MAX_FIELD_ERRORS, validationError } from "./errors";
import { QUOTAS, type QuotaName } from "./quotas";
import { perIpLimit } from "./rate-limit";

const QUOTA_NAMES = Object.keys(QUOTAS) as [QuotaName, ...QuotaName[]];

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
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: `At most ${MAX_FIELD_ERRORS} field errors` }),
    errorCount: z
      .number()
      .int()
      .optional()
      .openapi({ description: "How many field errors there were in all" }),
    quota: z
      .object({ name: z.enum(QUOTA_NAMES), limit: z.number().int() })
      .optional()
      .openapi({
        description: "With `quota_exceeded`: the organisation's quota that is full, and its limit",
      }),
  })
  .openapi("Problem", {
    example: {
      type: "https://orderbridge.dev/problems/validation-failed",
      title: "Validation failed",
      status: 400,
      detail: "headcountMin: must not exceed headcountMax",
      code: "validation_failed",
      requestId: "3f1c2a9e-6b7d-4e0a-9c1b-2d3e4f5a6b7c",
      errors: [{ path: "headcountMin", message: "must not exceed headcountMax" }],
      errorCount: 1,
    },
  });

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 422 | 428 | 429 | 500 | 503;

const DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: "Invalid path, query, header or body (`validation_failed`)",
  401: "Missing, expired or revoked token (`unauthenticated`)",
  403: "The caller's role may not do this (`forbidden`)",
  404: "No such resource, or not visible to the caller (`not_found`)",
  409: "Conflicts with existing data or the resource's state (`conflict`, `invalid_state`)",
  412: "`If-Match` does not match the current version (`precondition_failed`)",
  413: "Body over 1 MiB (`payload_too_large`)",
  422: "`Idempotency-Key` reused with a different request (`idempotency_mismatch`)",
  428: "`If-Match` header missing (`precondition_required`)",
  429: "Too many requests (`rate_limited`); `Retry-After` says when to try again",
  500: "Internal error (`internal`); quote the requestId",
  503: "No database is configured or reachable (`unavailable`)",
};

const header = (name: string) => ({ $ref: `#/components/headers/${name}` });
const ERROR_HEADERS: Partial<Record<ErrorStatus, Record<string, { $ref: string }>>> = {
  401: { "WWW-Authenticate": header("WWW-Authenticate") },
  429: { "Retry-After": header("Retry-After") },
};

function problemResponse(status: ErrorStatus, quota?: QuotaName) {
  const description =
    status === 409 && quota
      ? `${DESCRIPTIONS[409]}, or the organisation's \`${quota}\` quota (${QUOTAS[quota].variable}) is full (\`quota_exceeded\`)`
      : DESCRIPTIONS[status];
  return {
    description,
    ...(ERROR_HEADERS[status] ? { headers: ERROR_HEADERS[status] } : {}),
    content: { "application/problem+json": { schema: problemSchema } },
  };
}

/** Reusable OpenAPI components the route contract refers to; registered once by the app. */
export const CONTRACT_COMPONENTS = {
  parameters: {
    IfMatch: {
      name: "If-Match",
      in: "header" as const,
      required: true,
      description: 'The ETag you read, e.g. `"3"`; 428 without it, 412 when stale',
      schema: { type: "string" as const, example: '"1"' },
    },
    IfMatchOptional: {
      name: "If-Match",
      in: "header" as const,
      required: false,
      description: 'Optional: the ETag you read, e.g. `"3"`; 412 when stale',
      schema: { type: "string" as const, example: '"1"' },
    },
    IdempotencyKey: {
      name: "Idempotency-Key",
      in: "header" as const,
      required: false,
      description:
        "1–255 visible ASCII characters. The same key and body within 24 h replay the first response; another body gets 422.",
      schema: { type: "string" as const, minLength: 1, maxLength: 255, example: "7f9c2b4e-order-draft-1" },
    },
  },
  headers: {
    ETag: {
      description: 'The resource\'s version, e.g. `"3"`; send it back as `If-Match`',
      schema: { type: "string" as const },
    },
    Location: { description: "The path of the created resource", schema: { type: "string" as const } },
    "Idempotent-Replayed": {
      description:
        "`true` when this is the stored response of an earlier request with the same Idempotency-Key",
      schema: { type: "string" as const, enum: ["true"] },
    },
    "Retry-After": {
      description: "Seconds to wait before trying again",
      schema: { type: "integer" as const },
    },
    "WWW-Authenticate": {
      description: 'The authentication scheme: `Bearer realm="orderbridge"`',
      schema: { type: "string" as const },
    },
  },
};

export const bearer = [{ bearerAuth: [] }];

/** What a route adds to `createRoute`: its identity, who may call it, and the protocol headers it honours. */
export interface Contract {
  /** `createOrder`, `listOrders`, `publishOrder`: unique across the API. */
  operationId: string;
  /** `bearer` needs a token (401 without); `public` is open to anyone. */
  auth: "bearer" | "public";
  /** Statuses the use case itself answers (403, 404, 409 …); the contract adds the protocol's own. */
  errors?: ErrorStatus[];
  /** `required` on PATCH (428 without), `optional` on state transitions (412 when stale). */
  ifMatch?: "required" | "optional";
  /** Whether a POST is replayed under `Idempotency-Key` (every POST is, unless it says false). Anonymous callers
   * are never replayed, so a public POST says false. */
  idempotent?: boolean;
  /**
   * `ip`: at most `RATE_LIMIT_AUTH_PER_MINUTE` calls per client IP per minute (429 with Retry-After). For register,
   * login and public lookups; one line opts a route in. (Every bearer operation is limited per token, and every
   * other public one per IP at `RATE_LIMIT_PER_MINUTE`, anyway.)
   */
  rateLimit?: "ip";
  /** The per-organisation quota a creating operation counts against (409 `quota_exceeded` when full). */
  quota?: QuotaName;
}

type Spec = Omit<RouteConfig, "security" | "operationId"> & Contract;

/** The statuses a route can answer, from its contract and the middleware every request passes through. */
export function contractStatuses(spec: Spec): ErrorStatus[] {
  const out = new Set<ErrorStatus>([500, 503, ...(spec.errors ?? [])]);
  const r = spec.request;
  const hasBody = ["post", "put", "patch"].includes(spec.method);
  const idempotent = spec.method === "post" && spec.idempotent !== false;
  if (r?.params || r?.query || r?.body || spec.ifMatch || idempotent) out.add(400);
  if (spec.auth === "bearer") out.add(401);
  out.add(429); // per token when signed in, per client IP when public

  if (spec.quota) out.add(409);
  if (hasBody) out.add(413);
  if (idempotent) {
    out.add(409); // the same key while the first request is still running
    out.add(422);
  }
  if (spec.ifMatch) out.add(412);
  if (spec.ifMatch === "required") out.add(428);
  return [...out].sort((a, b) => a - b);
}

/**
 * `createRoute` with the contract applied: `operationId`, security (`[]` when public), the `If-Match` and
 * `Idempotency-Key` parameters, `Idempotent-Replayed` on replayable successes, the per-IP limit's middleware, and
 * one problem response per status the route can answer.
 * @example const publishOrderRoute = defineRoute({ operationId: "publishOrder", auth: "bearer", ifMatch: "optional",
 *   errors: [403, 404, 409], method: "post", path: "/orders/{id}/publish", … });
 */
export function defineRoute<const R extends Spec>(spec: R): R {
  const { auth, errors: _errors, ifMatch, idempotent: _idempotent, rateLimit, quota, ...route } = spec;
  const replayable = spec.method === "post" && spec.idempotent !== false;
  const parameters = [
    ...((route as RouteConfig).parameters ?? []),
    ...(ifMatch
      ? [{ $ref: `#/components/parameters/${ifMatch === "required" ? "IfMatch" : "IfMatchOptional"}` }]
      : []),
    ...(replayable ? [{ $ref: "#/components/parameters/IdempotencyKey" }] : []),
  ];
  const responses: RouteConfig["responses"] = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const success = Number(status) < 300 && replayable && !("$ref" in response);
    responses[status] = success
      ? {
          ...response,
          headers: { ...(response.headers as object), "Idempotent-Replayed": header("Idempotent-Replayed") },
        }
      : response;
  }
  for (const status of contractStatuses(spec)) responses[status] ??= problemResponse(status, quota);
  return createRoute({
    ...route,
    security: auth === "bearer" ? bearer : [],
    ...(parameters.length ? { parameters } : {}),
    ...(auth === "public" || rateLimit === "ip"
      ? {
          middleware: [
            perIpLimit(
              spec.operationId,
              rateLimit === "ip" ? "RATE_LIMIT_AUTH_PER_MINUTE" : "RATE_LIMIT_PER_MINUTE",
            ),
          ],
        }
      : {}),
    responses,
  } as RouteConfig) as unknown as R;
}

/**
 * A JSON response entry for `createRoute({ responses })`; `etag` and `location` document those headers.
 * @example responses: { 201: json(orderSchema, "The draft order", { etag: true, location: true }) }
 */
export function json<T extends z.ZodTypeAny>(
  schema: T,
  description: string,
  opts: { etag?: boolean; location?: boolean } = {},
) {
  const headers = {
    ...(opts.etag ? { ETag: header("ETag") } : {}),
    ...(opts.location ? { Location: header("Location") } : {}),
  };
  return {
    description,
    ...(Object.keys(headers).length ? { headers } : {}),
    content: { "application/json": { schema } },
  };
}

/**
 * A required JSON request body for `createRoute({ request })`, with a documented example that must type-check
 * against the schema's input.
 */
export function jsonBody<T extends z.ZodTypeAny>(schema: T, example: z.input<T>) {
  return { required: true, content: { "application/json": { schema, example } } };
}

/**
 * Sets the `ETag` of a versioned resource and hands the resource back, so every handler tags the same way.
 * @example return c.json(tagged(c, order), 200);
 */
export function tagged<T extends { version: number }>(c: Context, resource: T): T {
  c.header("ETag", `"${resource.version}"`);
  return resource;
}

/**
 * A created resource: its `Location` and, when versioned, its `ETag`.
 * @example return c.json(created(c, `/v1/orders/${order.id}`, order), 201);
 */
export function created<T extends object>(c: Context, location: string, resource: T): T {
  c.header("Location", location);
  if ("version" in resource && typeof resource.version === "number")
    c.header("ETag", `"${resource.version}"`);
  return resource;
}

function parseIfMatch(raw: string): number {
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim());
  if (!match) {
    throw new AppError("validation_failed", 'If-Match must be an ETag such as "3"', {
      errors: [{ path: "If-Match", message: "not an ETag" }],
    });
  }
  return Number(match[1]);
}

/** The version named by `If-Match` on a PATCH (428 when absent, 400 when not a version this API issued). */
export function ifMatchVersion(c: Context): number {
  const raw = c.req.header("If-Match");
  if (!raw) throw new AppError("precondition_required", "Send If-Match with the version you read (its ETag)");
  return parseIfMatch(raw);
}

/** The version named by an optional `If-Match` on a transition, or undefined when there is none. */
export const optionalIfMatch = (c: Context): number | undefined => {
  const raw = c.req.header("If-Match");
  return raw ? parseIfMatch(raw) : undefined;
};
