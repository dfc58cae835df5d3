/**
 * A worker thread of the allocation pool: solves one job off the event loop and posts progress, then the result or
 * the error. With `databaseUrl` it loads the job's problem over its own PostgreSQL connection; otherwise (embedded
 * PGlite, which only the main thread can open) the pool loads the problem and passes it in.
 */
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import type { AllocationProgress } from "../db/schema";
import type { AllocationRequest } from "../modules/matching/schemas";
import { type AllocationProblem, solveAllocation } from "../modules/matching/solve";

/** The solver thread's niceness (0 normal … 19 lowest). */
const ALLOCATION_NICE = 10;

/** What the pool hands a worker. */
export interface WorkerJob {
  request: AllocationRequest;
  /** The instant the job was claimed: orders are open if their bid deadline is after it. */
  now: string;
  databaseUrl?: string;
  problem?: AllocationProblem;
}

/** What a worker posts back. */
export type WorkerMessage =
  | { type: "progress"; progress: AllocationProgress }
  | { type: "result"; result: ReturnType<typeof solveAllocation> }
  | { type: "error"; message: string };

const post = (message: WorkerMessage) => parentPort!.postMessage(message);

async function problemOf(job: WorkerJob, onProgress: (p: AllocationProgress) => void) {
  if (job.problem) return job.problem;
  // Imported only here: a worker handed its problem starts without the database code.
  const [{ openPostgres }, { loadAllocationProblem }] = await Promise.all([
    import("../db/client"),
    import("../modules/matching/allocations"),
  ]);
  const handle = openPostgres(job.databaseUrl!, { max: 2 });
  try {
    const filter = job.request.filter ?? {};
    return await loadAllocationProblem(handle.db, { now: new Date(job.now), filter, onProgress });
  } finally {
    await handle.close();
  }
}

// On Linux a priority set with pid 0 is this thread's alone: the solver yields a busy CPU to the event loop, so
// requests keep their latency while a job runs (elsewhere this may fail, and the thread keeps the default).
try {
  setPriority(0, ALLOCATION_NICE);
} catch {}

const job = workerData as WorkerJob;
const progress = (p: AllocationProgress) => post({ type: "progress", progress: p });
try {
  const problem = await problemOf(job, progress);
  post({ type: "result", result: solveAllocation(job.request, problem, progress) });
} catch (err) {
  post({ type: "error", message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
