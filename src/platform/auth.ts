/** Bearer tokens: opaque, random, stored only as SHA-256, expiring and revocable; resolved lazily per request. */
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Context } from "hono";
import type { Database } from "../db/client";
import { organizations, sessions, users } from "../db/schema";
import type { Actor } from "./actor";
import type { AppEnv } from "./context";
import { AppError } from "./errors";

const TOKEN_PREFIX = "obt_";

export async function sha256Hex(text: string): Promise<string> {
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

async function resolveActor(db: Database, token: string, now: Date): Promise<Actor | null> {
  const tokenHash = await sha256Hex(token);
  const [row] = await db
    .select({
      userId: users.id,
      orgId: organizations.id,
      orgKind: organizations.kind,
      orgStatus: organizations.status,
      role: users.role,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  // A suspended organisation's tokens stop working at once, without revoking each session.
  if (!row || row.orgStatus === "suspended") return null;
  return row;
}

/** The caller, or null when the request carries no valid token. Memoised per request. */
export function optionalActor(c: Context<AppEnv>): Promise<Actor | null> {
  let pending = c.get("actorPromise");
  if (!pending) {
    const token = bearerToken(c);
    const { db, clock } = c.get("services");
    pending = token ? resolveActor(db, token, clock.now()) : Promise.resolve(null);
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
