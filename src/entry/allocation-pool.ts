/**
 * Node's allocation runner: a pool of `ALLOCATION_WORKERS` worker threads. Jobs are claimed from the database under
 * a lease, so queued jobs survive a restart and several processes can share one PostgreSQL; the event loop only
 * moves messages and writes throttled progress.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { Worker } from "node:worker_threads";
import type { Database } from "../db/client";
import type { AllocationProgress } from "../db/schema";
import {
  type AllocationRow,
  claimAllocation,
  completeAllocation,
  failAllocation,
  failOrphanedAllocations,
  LEASE_MS,
  loadAllocationProblem,
  reportProgress,
  requeueAllocation,
} from "../modules/matching/allocations";
import type { Clock } from "../platform/clock";
import type { AllocationQueue } from "../platform/context";
import { AppError } from "../platform/errors";
import type { Logger } from "../platform/logger";
import type { WorkerJob, WorkerMessage } from "./allocation-worker";

export interface AllocationPoolOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Worker threads, i.e. jobs run at once (`ALLOCATION_WORKERS`). */
  size: number;
  /** PostgreSQL: each worker loads its job's problem over its own connection. Absent for embedded PGlite. */
  databaseUrl?: string;
  /** Progress is written at most this often per job (default 1 s); the lease is renewed with it. */
  progressIntervalMs?: number;
  /** Every progress report, unthrottled (the CLI's progress bar). */
  onProgress?: (id: string, progress: AllocationProgress) => void;
  /** The worker script; tests substitute one that fails. */
  workerUrl?: URL;
}

const DEFAULT_WORKER = new URL(
  import.meta.url.endsWith(".ts") ? "./allocation-worker.ts" : "./allocation-worker.js",
  import.meta.url,
);

/**
 * Starts a worker on `url`. A TypeScript worker (`npm start` runs the sources through tsx, and so does vitest) gets
 * a two-line bootstrap that registers tsx's loader in the new thread before importing it; `--import` flags are not
 * honoured by worker threads on Node 20.
 */
function startWorker(url: URL, workerData: WorkerJob): Worker {
  if (!url.pathname.endsWith(".ts")) return new Worker(url, { workerData });
  // Resolved from the working directory, the repository's root under `npm start` and `npm test`.
  const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * The pool. `start()` fails orphaned jobs and picks up queued ones; `enqueue` wakes it when the API queues one.
 * @example const pool = new AllocationPool({ db, clock, logger, size: config.ALLOCATION_WORKERS }); await pool.start();
 */
export class AllocationPool implements AllocationQueue {
  /** This process's runner id, the owner recorded on the jobs it holds. */
  readonly owner = `node:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly running = new Map<string, { worker?: Worker; done: Promise<void> }>();
  private closed = false;
  private pumping: Promise<void> | null = null;
  private again = false;
  private heartbeat?: ReturnType<typeof setInterval>;

  constructor(private readonly options: AllocationPoolOptions) {}

  /**
   * Fails jobs orphaned by a crash, then runs what is queued. Embedded PGlite is open in one process only, so every
   * job still `running` there belongs to a dead process; on PostgreSQL only an expired lease proves it.
   */
  async start(): Promise<void> {
    const { db, clock, logger, databaseUrl } = this.options;
    const failed = await failOrphanedAllocations(db, { now: clock.now(), allRunning: !databaseUrl });
    if (failed > 0) logger.warn("allocation jobs orphaned by a stopped process marked failed", { failed });
    this.heartbeat = setInterval(() => void this.renewLeases(), LEASE_MS / 4);
    this.heartbeat.unref();
    this.kick();
  }

  async enqueue(): Promise<void> {
    this.kick();
  }

  /** Claims and runs one job now, whether or not the pool is started (the CLI); resolves when it has finished. */
  async runJob(id: string): Promise<void> {
    const row = await claimAllocation(this.options.db, {
      owner: this.owner,
      now: this.options.clock.now(),
      id,
    });
    if (!row) throw new Error(`Allocation ${id} is not queued`);
    await this.track(row);
  }

  /** Resolves when no job is running or queued (tests, benchmarks). */
  async drained(): Promise<void> {
    for (;;) {
      await this.pumping;
      if (this.running.size === 0) return;
      await Promise.all([...this.running.values()].map((r) => r.done));
    }
  }

  /** Stops taking jobs; jobs it holds go back to the queue for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    await this.pumping;
    await Promise.all(
      [...this.running.entries()].map(async ([id, r]) => {
        await r.worker?.terminate();
        await requeueAllocation(this.options.db, { id, owner: this.owner });
      }),
    );
  }

  private kick(): void {
    if (this.closed) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async pump(): Promise<void> {
    const { db, clock, size, logger } = this.options;
    try {
      while (!this.closed && this.running.size < size) {
        const row = await claimAllocation(db, { owner: this.owner, now: clock.now() });
        if (!row) return;
        void this.track(row).finally(() => this.kick());
      }
    } catch (err) {
      logger.error("claiming an allocation job failed", { error: String(err) });
    }
  }

  private track(row: AllocationRow): Promise<void> {
    const entry: { worker?: Worker; done: Promise<void> } = { done: Promise.resolve() };
    this.running.set(row.id, entry);
    entry.done = this.run(row, entry).finally(() => this.running.delete(row.id));
    return entry.done;
  }

  private async renewLeases(): Promise<void> {
    const { db, clock } = this.options;
    for (const id of this.running.keys()) {
      await reportProgress(db, { id, owner: this.owner, now: clock.now() }).catch(() => {});
    }
  }

  private async run(row: AllocationRow, entry: { worker?: Worker }): Promise<void> {
    const { db, clock, logger, databaseUrl, onProgress } = this.options;
    const interval = this.options.progressIntervalMs ?? 1000;
    const job = { id: row.id, owner: this.owner };
    let writes: Promise<unknown> = Promise.resolve();
    let lastWrite = Number.NEGATIVE_INFINITY;
    const progress = (p: AllocationProgress) => {
      onProgress?.(row.id, p);
      const at = performance.now();
      if (at - lastWrite < interval) return;
      lastWrite = at;
      writes = writes
        .then(() => reportProgress(db, { ...job, now: clock.now(), progress: p }))
        .catch(() => {});
    };
    const fail = async (detail: string) => {
      await writes;
      await failAllocation(db, { ...job, now: clock.now(), error: new AppError("internal", detail) });
    };
    try {
      const request = {
        mode: row.mode,
        proposing: row.proposing ?? undefined,
        allowSplit: row.allowSplit,
        filter: row.filter ?? undefined,
      };
      const now = clock.now();
      const data: WorkerJob = databaseUrl
        ? { request, now: now.toISOString(), databaseUrl }
        : {
            request,
            now: now.toISOString(),
            problem: await loadAllocationProblem(db, {
              now,
              filter: request.filter ?? {},
              onProgress: progress,
            }),
          };
      if (this.closed) return;
      const url = this.options.workerUrl ?? DEFAULT_WORKER;
      const worker = startWorker(url, data);
      entry.worker = worker;
      await new Promise<void>((resolve) => {
        let settled = false;
        const settle = (finish: () => Promise<void>) => {
          if (settled) return;
          settled = true;
          void finish()
            .catch((err) =>
              logger.error("recording an allocation job failed", { id: row.id, error: String(err) }),
            )
            .finally(() => void worker.terminate().then(() => resolve()));
        };
        worker.on("message", (m: WorkerMessage) => {
          if (m.type === "progress") progress(m.progress);
          else if (m.type === "result")
            settle(async () => {
              await writes;
              await completeAllocation(db, { ...job, now: clock.now(), result: m.result });
            });
          else {
            logger.error("allocation job failed", { id: row.id, error: m.message });
            settle(() => fail("The allocation failed in its worker; the server log has the details."));
          }
        });
        worker.on("error", (err) => {
          logger.error("allocation worker crashed", { id: row.id, error: String(err), stack: err.stack });
          settle(() => fail("The allocation worker crashed; the server log has the details."));
        });
        worker.on("exit", (code) => {
          if (this.closed && !settled) return resolve(); // close() requeues it
          settle(() => fail(`The allocation worker stopped unexpectedly (exit code ${code}).`));
        });
      });
    } catch (err) {
      logger.error("allocation job failed", { id: row.id, error: String(err) });
      await fail("Loading the allocation's orders and cohorts failed; the server log has the details.").catch(
        () => {},
      );
    }
  }
}
