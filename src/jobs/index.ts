/** Time-driven work (deadline sweeps), run by Node's interval and the Workers Cron Trigger alike. */
import { closeBidding } from "./close-bidding";
import { housekeeping } from "./housekeeping";
import { openBids } from "./open-bids";
import { orphanedAllocations } from "./orphaned-allocations";
import type { Job, JobDeps } from "./types";

export type { Job, JobDeps };

/** The jobs run on every tick, in order. */
export const JOBS: Record<string, Job> = { closeBidding, openBids, housekeeping, orphanedAllocations };

/**
 * Runs every job once; a failing job is logged and does not stop the others.
 * @example await runScheduledWork({ db, clock: systemClock, logger });
 */
export async function runScheduledWork(deps: JobDeps): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  for (const [name, job] of Object.entries(JOBS)) {
    try {
      results[name] = await job(deps);
      if (results[name] > 0)
        deps.logger.info("scheduled job changed records", { job: name, changed: results[name] });
    } catch (err) {
      deps.logger.error("scheduled job failed", { job: name, error: String(err) });
      results[name] = -1;
    }
  }
  return results;
}
