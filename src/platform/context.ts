/** The typed Hono environment: per-request services and the lazily resolved actor. */
import type { Config } from "../config";
import type { Database } from "../db/client";
import type { MatchIndex } from "../modules/matching/match-index";
import type { Actor } from "./actor";
import type { Clock } from "./clock";
import type { Logger } from "./logger";
import type { PasswordHasher } from "./password";
import type { Limits } from "./rate-limit";

/**
 * Where allocation jobs go to be run: a worker-thread pool on Node, a Cloudflare Queue on Workers. `maxProblemSize`
 * caps open orders + cohorts a job may cover (Workers' CPU limit); a larger request is refused.
 */
export interface AllocationQueue {
  enqueue(id: string): Promise<void>;
  maxProblemSize?: number;
}

export interface Services {
  db: Database;
  /** Absent where nothing runs jobs on request (then the startup pickup or the Cron runner does). */
  allocations?: AllocationQueue;
  /** The app instance's in-memory retrieval indexes for match lists. */
  matchIndex?: MatchIndex;
  clock: Clock;
  hasher: PasswordHasher;
  config: Config;
  logger: Logger;
}

export interface AppEnv {
  /** On Workers the entry opens a database per request and passes it here. */
  Bindings: { db?: Database; allocations?: AllocationQueue };
  Variables: {
    services: Services;
    requestId: string;
    /** The rate limiters' state, shared by the app instance's requests. */
    limits: Limits;
    /** Memoised result of resolving the bearer token (see `authenticate`). */
    actorPromise?: Promise<Actor | null>;
    /** Set by `sealReplay`: the response carries sealed bid terms, so its replay copy is stored sealed. */
    replaySealed?: boolean;
  };
}
