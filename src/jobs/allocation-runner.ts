/**
 * Runs an allocation job in the calling isolate, for runtimes without threads: the Workers queue consumer and
 * the Cron runner. (Node never calls this: its jobs go to worker threads, see src/entry/allocation-pool.ts.)
 */
import type { AllocationProgress } from "../db/schema";
import {
  claimAllocation,
  completeAllocation,
  failAllocation,
  loadAllocationProblem,
  reportProgress,
  tooLargeForRuntime,
} from "../modules/matching/allocations";
import { countOpen } from "../modules/matching/load";
import { solveAllocation } from "../modules/matching/solve";
import { AppError } from "../platform/errors";
import type { JobDeps } from "./types";

/**
 * The most open orders + cohorts one allocation may cover on Workers. Measured: 5,000 orders and 10,000 cohorts
 * (173k candidate pairs) solve in about 2 s of CPU on the development machine, and loading them takes a few more;
 * 20,000 keeps a wide margin under `limits.cpu_ms` (wrangler.toml) and the isolate's 128 MB. Larger: the Node CLI.
 */
export const WORKERS_MAX_ALLOCATION_SIZE = 20_000;

export interface InlineRunner {
  /** Recorded as the job's lease owner. */
  owner: string;
  /** The most open orders + cohorts one job may cover here. */
  maxProblemSize: number;
  /** The lease taken: the runtime's whole time limit, since a synchronous solve cannot renew it. */
  leaseMs: number;
}

/**
 * Claims the job `id` (or the oldest queued one) and runs it to the end; false when there was nothing to claim.
 * Progress is written as the problem loads; the solve itself is synchronous, so its phases land at its end.
 * @example await runAllocationHere({ db, clock, config, logger }, runner, message.body.id);
 */
export async function runAllocationHere(deps: JobDeps, runner: InlineRunner, id?: string): Promise<boolean> {
  const { db, clock, logger } = deps;
  const row = await claimAllocation(db, {
    owner: runner.owner,
    now: clock.now(),
    id,
    leaseMs: runner.leaseMs,
  });
  if (!row) return false;
  const job = { id: row.id, owner: runner.owner };
  let writes: Promise<unknown> = Promise.resolve();
  const progress = (p: AllocationProgress) => {
    writes = writes.then(() => reportProgress(db, { ...job, now: clock.now(), progress: p })).catch(() => {});
  };
  try {
    const now = clock.now();
    const filter = row.filter ?? {};
    const counts = await countOpen(db, now, filter);
    if (counts.orders + counts.cohorts > runner.maxProblemSize) {
      throw tooLargeForRuntime(counts.orders + counts.cohorts, runner.maxProblemSize);
    }
    const problem = await loadAllocationProblem(db, { now, filter, onProgress: progress });
    const request = { mode: row.mode, proposing: row.proposing ?? undefined, allowSplit: row.allowSplit };
    const result = solveAllocation(request, problem);
    await writes;
    await completeAllocation(db, { ...job, now: clock.now(), result });
  } catch (err) {
    await writes;
    const known = err instanceof AppError;
    if (!known) logger.error("allocation job failed", { id: row.id, error: String(err) });
    const error = known ? err : new AppError("internal", "The allocation failed; the log has the details.");
    await failAllocation(db, { ...job, now: clock.now(), error });
  }
  return true;
}
