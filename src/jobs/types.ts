/** What a scheduled job receives and returns. */
import type { Config } from "../config";
import type { Database } from "../db/client";
import type { Clock } from "../platform/clock";
import type { Logger } from "../platform/logger";

export interface JobDeps {
  db: Database;
  clock: Clock;
  /** The configuration, e.g. the keys that open sealed bids at their deadline. */
  config: Config;
  logger: Logger;
}

/** One scheduled task: returns how many records it changed. */
export type Job = (deps: JobDeps) => Promise<number>;
