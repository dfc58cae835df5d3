/** Bearer tokens: opaque, random, stored only as SHA-256, expiring and revocable; resolved (and metered) lazily per request. */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Context } from "hono";
import type { Database } from "../db/client";
import { organizations, rateLimitWindows, sessions, users } from "../db/schema";
import type { Actor } from "./actor";
import type { AppEnv } from "./context";
import { AppError } from "./errors";
import { countInWindow, rateLimited, windowStart } from "./rate-limit";

const TOKEN_PREFIX = "obt_";

/**
 * Node's synchronous hash where the runtime offers it: `crypto.subtle.digest` hops to a thread pool and back, a
 * noticeable share of a request that does little else (every token lookup hashes). Looked up at run time, so the
 * Workers bundle imports no Node module; without it (or where it fails) Web Crypto does the same digest.
 */
type NodeCrypto = { createHash(algorithm: string): { update(text: string): { digest(enc: "hex"): string } } };
const nodeCrypto = (() => {
  try {
    const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
      ?.getBuiltinModule;
    return (get?.("node:crypto") as NodeCrypto | undefined) ?? null;
  } catch {
    return null;
  }
})();

export async function sha256Hex(text: string): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHash("sha256").update(text).digest("hex");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A new session token (32 random bytes) and the hash that is stored. */
export async function newSessionToken(): Promise<{ token: string; tokenHash: string }> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const token =
    TOKEN_PREFIX +
    btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (ch) => ({ "+": "-", "/": "_", "=": "" })[ch]!);
  return { token, tokenHash: await sha256Hex(token) };
}

/** The bearer token of a request, or null when there is no usable Authorization header. */
export function bearerToken(c: Context): string | null {
  const header = c.req.header("Authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S{1,200})$/i.exec(header.trim());
  return match ? match[1] : null;
}

const actorColumns = {
  userId: users.id,
  orgId: organizations.id,
  orgKind: organizations.kind,
  orgStatus: organizations.status,
  role: users.role,
};

const liveSession = (tokenHash: string, now: Date) =>
  and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now));

/** The plain lookup, built and prepared once per database: the SQL text is not rebuilt on every request. */
const preparedLookups = new WeakMap<Database, ReturnType<typeof prepareLookup>>();
const prepareLookup = (db: Database) =>
  db
    .select(actorColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder("tokenHash")),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder("now")),
      ),
    )
    .prepare("session_actor");

/** The session's actor, and the token's window count when `countKey` asks the same query to count this request. */
async function lookup(db: Database, tokenHash: string, now: Date, countKey?: string) {
  if (!countKey) {
    let prepared = preparedLookups.get(db);
    if (!prepared) {
      prepared = prepareLookup(db);
      preparedLookups.set(db, prepared);
    }
    // The column's own encoding of a timestamp parameter (a placeholder skips the column's mapper).
    return (await prepared.execute({ tokenHash, now: now.toISOString() }))[0];
  }
  // One round trip: the request is counted (only for a live session) by a CTE of the lookup itself.
  const hit = db.$with("hit").as(
    db
      .insert(rateLimitWindows)
      .select(
        db
          .select({
            key: sql`${countKey}`.as("key"),
            windowStart: sql`${windowStart(now).toISOString()}::timestamptz`.as("window_start"),
            count: sql`1`.as("count"),
          })
          .from(sessions)
          .where(liveSession(tokenHash, now)),
      )
      .onConflictDoUpdate({
        target: [rateLimitWindows.key, rateLimitWindows.windowStart],
        set: { count: sql`${rateLimitWindows.count} + 1` },
      })
      .returning({ count: rateLimitWindows.count }),
  );
  const [row] = await db
    .with(hit)
    .select({ ...actorColumns, windowCount: sql<number>`(select ${hit.count} from ${hit})` })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(liveSession(tokenHash, now));
  return row;
}

/**
 * The one session lookup: the actor of a live session token (null when unknown, expired, revoked or its
 * organisation suspended), metered against `RATE_LIMIT_PER_MINUTE` (429 over it). Bearer tokens and the web
 * console's session cookie both resolve through it.
 * @example const actor = await resolveActor(c, token);
 */
export async function resolveActor(
  c: { var: Pick<AppEnv["Variables"], "services" | "limits"> },
  token: string,
): Promise<Actor | null> {
  const { db, clock, config } = c.var.services;
  const meter = c.var.limits.tokens;
  const now = clock.now();
  const limit = config.RATE_LIMIT_PER_MINUTE;
  const tokenHash = await sha256Hex(token);
  const key = `token:${tokenHash}`;
  const row = await lookup(db, tokenHash, now, meter.countsInLookup ? key : undefined);
  // A suspended organisation's tokens stop working at once, without revoking each session.
  if (!row || row.orgStatus === "suspended") return null;
  const allowed =
    "windowCount" in row
      ? Number(row.windowCount) <= limit
      : await meter.take(key, limit, now, (n, at) => countInWindow(db, key, n, at));
  if (!allowed) throw rateLimited("with this token", now);
  const { userId, orgId, orgKind, orgStatus, role } = row;
  return { userId, orgId, orgKind, orgStatus, role };
}

/** The caller, or null when the request carries no valid token; 429 over the token's limit. Memoised per request. */
export function optionalActor(c: Context<AppEnv>): Promise<Actor | null> {
  let pending = c.get("actorPromise");
  if (!pending) {
    const token = bearerToken(c);
    pending = token ? resolveActor(c, token) : Promise.resolve(null);
    c.set("actorPromise", pending);
  }
  return pending;
}

/**
 * The authenticated caller; 401 `unauthenticated` when the token is missing, unknown, expired or revoked.
 * @example const actor = await authenticate(c); requireKind(actor, "company");
 */
export async function authenticate(c: Context<AppEnv>): Promise<Actor> {
  const actor = await optionalActor(c);
  if (!actor) {
    throw new AppError(
      "unauthenticated",
      bearerToken(c) ? "The token is invalid, expired or revoked" : "Send Authorization: Bearer <token>",
      {
        headers: { "WWW-Authenticate": 'Bearer realm="orderbridge"' },
      },
    );
  }
  return actor;
}
