/** The scope every use case receives first: who acts, when, and the services it may use. */
import type { Context } from "hono";
import type { Config } from "../config";
import type { Database } from "../db/client";
import type { MatchIndex } from "../modules/matching/match-index";
import type { Actor } from "./actor";
import { authenticate, optionalActor } from "./auth";
import type { AllocationQueue, AppEnv, Services } from "./context";
import type { Logger } from "./logger";
import type { PasswordHasher } from "./password";

/**
 * What a service call needs besides its input: the database (or transaction), the acting user, the request's
 * instant, and the configuration. Every use case is `(scope, input)`.
 */
export interface Scope {
  db: Database;
  actor: Actor;
  now: Date;
  config: Config;
  hasher: PasswordHasher;
  logger: Logger;
  /** Where new allocation jobs are queued (see `AllocationQueue`). */
  allocations?: AllocationQueue;
  /** The app instance's match-list indexes (a scope built outside the app gets a fresh one). */
  matchIndex?: MatchIndex;
}

/** The scope of a public operation: the caller may be anonymous. */
export type PublicScope = Omit<Scope, "actor"> & { actor: Actor | null };

/**
 * A scope for `actor` over the given services; the one place a scope is assembled (handlers, jobs, demo, CLI).
 * @example const scope = scopeFor(services, bureauActor);
 */
export function scopeFor(services: Omit<Services, "clock"> & { clock: { now(): Date } }, actor: Actor): Scope;
export function scopeFor(
  services: Omit<Services, "clock"> & { clock: { now(): Date } },
  actor: Actor | null,
): PublicScope;
export function scopeFor(
  services: Omit<Services, "clock"> & { clock: { now(): Date } },
  actor: Actor | null,
): PublicScope {
  const { db, config, hasher, logger, clock, allocations, matchIndex } = services;
  return { db, actor, now: clock.now(), config, hasher, logger, allocations, matchIndex };
}

/**
 * The authenticated caller's scope; 401 without a valid token.
 * @example const order = await publishOrder(await scopeOf(c), { id, expectedVersion: optionalIfMatch(c) });
 */
export async function scopeOf(c: Context<AppEnv>): Promise<Scope> {
  return scopeFor(c.var.services, await authenticate(c));
}

/** The scope of a public operation, with the caller when a valid token is sent. */
export async function publicScopeOf(c: Context<AppEnv>): Promise<PublicScope> {
  return scopeFor(c.var.services, await optionalActor(c));
}
