/**
 * `Idempotency-Key` for authenticated POSTs: the same key and body replay the first response; another body is 422.
 * Anonymous callers are never replayed: nothing they send can name a scope that is theirs alone, and a shared one
 * would hand one caller's stored response to another (so public POSTs document no Idempotency-Key).
 */
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { idempotencyKeys } from "../db/schema";
import { optionalActor, sha256Hex } from "./auth";
import type { AppEnv } from "./context";
import { AppError } from "./errors";
import { sealerOf } from "./sealing";

// Session routes are not replayed: a stored login response would keep a bearer token in clear text.
const NOT_REPLAYED = new Set(["/v1/auth/login", "/v1/auth/logout"]);

/** The response headers a replay returns as they were first sent. */
const REPLAYED_HEADERS = ["Content-Type", "ETag", "Location"] as const;

/** How long a key is remembered; the housekeeping job forgets older ones. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Marks a response as carrying sealed bid terms: its copy for replays is stored sealed with the bid sealing key,
 * never in clear. Keep a rotated-out key in BID_SEALING_PREVIOUS_KEYS for at least `IDEMPOTENCY_TTL_MS`.
 * @example sealReplay(c); return c.json(created(c, `/v1/bids/${bid.id}`, bid), 201);
 */
export function sealReplay(c: Context<AppEnv>): void {
  c.set("replaySealed", true);
}

const replaySealer = (c: Context<AppEnv>) => sealerOf(c.get("services").config);

/** A refusal is kept for replay only when its body is at most this long: storage must not amplify a request. */
export const MAX_STORED_PROBLEM_BYTES = 8 * 1024;

/** Whether a response is kept for replay: successes, and small 4xx except those that say "come back later". */
function storable(res: Response, bodyBytes: number): boolean {
  if (!res.headers.get("content-type")?.includes("json")) return false;
  if (res.status < 400) return true;
  // 401 and 429 depend on the moment (a token, a window), not on the request: a retry must run again.
  return (
    res.status < 500 && res.status !== 401 && res.status !== 429 && bodyBytes <= MAX_STORED_PROBLEM_BYTES
  );
}

export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header("Idempotency-Key");
  if (c.req.method !== "POST" || key === undefined || NOT_REPLAYED.has(c.req.path)) return next();
  const actor = await optionalActor(c);
  if (!actor) return next();
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new AppError("validation_failed", "Idempotency-Key must be 1–255 visible ASCII characters", {
      errors: [{ path: "Idempotency-Key", message: "invalid" }],
    });
  }
  const { db, clock } = c.get("services");
  const scope = actor.userId;
  const requestHash = await sha256Hex(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
  const where = and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));

  // Claim the key first, so two concurrent requests with one key cannot both run.
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ scope, key, requestHash, createdAt: clock.now() })
    .onConflictDoNothing()
    .returning();
  if (claimed.length === 0) {
    const [previous] = await db.select().from(idempotencyKeys).where(where);
    if (!previous || previous.requestHash !== requestHash) {
      throw new AppError("idempotency_mismatch", "This Idempotency-Key was used for a different request");
    }
    if (previous.status === null)
      throw new AppError("conflict", "A request with this Idempotency-Key is in progress");
    const body = previous.sealedBody
      ? await (await replaySealer(c)).open(previous.sealedBody, `replay:${scope}:${key}`)
      : previous.body;
    return new Response(body === null ? null : JSON.stringify(body), {
      status: previous.status,
      headers: { ...previous.headers, "Idempotent-Replayed": "true", "X-Request-Id": c.get("requestId") },
    });
  }

  await next();
  const text = await c.res.clone().text();
  if (storable(c.res, new TextEncoder().encode(text).length)) {
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = c.res.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    const body = text ? JSON.parse(text) : null;
    const stored = c.get("replaySealed")
      ? { body: null, sealedBody: await (await replaySealer(c)).seal(body, `replay:${scope}:${key}`) }
      : { body };
    await db
      .update(idempotencyKeys)
      .set({ status: c.res.status, ...stored, headers })
      .where(where);
  } else {
    await db.delete(idempotencyKeys).where(where); // not kept: a retry with the same key runs again
  }
});
