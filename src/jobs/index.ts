/** Time-driven work (deadline sweeps), run by Node's interval and the Workers Cron Trigger alike. */
import type { Database } from "../db/client";
import type { Clock } from "../platform/clock";
import type { Logger } from "../platform/logger";

export interface JobDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
}

/** One scheduled task: returns how many records it changed. */
export type Job = (deps: JobDeps) => Promise<number>;

/** The jobs run on every tick, in order. Modules add theirs here. */
export const JOBS: Record<string, Job> = {};

/**
 * Runs every job once; a failing job is logged and does not stop the others.
 * @example await runScheduledWork({ db, clock: systemClock, logger });
 */
export async function runScheduledWork(deps: JobDeps): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  for (const [name, job] of Object.entries(JOBS)) {
    try {
      results[name] = await job(deps);
      if (results[name] > 0) deps.logger.info("scheduled job changed records", { job: name, changed: results[name] });
    } catch (err) {
      deps.logger.error("scheduled job failed", { job: name, error: String(err) });
      results[name] = -1;
    }
  }
  return results;
}
