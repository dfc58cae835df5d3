/**
 * Allocation jobs: queued by the API, claimed under a lease by a runner (Node's worker pool, the Workers queue
 * consumer or Cron), reported on while running, and finished with the result or a problem.
 */
import { and, eq, lt, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { type AllocationFailure, type AllocationProgress, allocations } from "../../db/schema";
import { requireKind } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { AppError, problemOf } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { keyset, type PageQuery, toPage } from "../../platform/pagination";
import type { Scope } from "../../platform/scope";
import { countOpen, loadContext, loadOpenCohorts, loadOpenOrders, type MatchFilter } from "./load";
import type { AllocationRequest, AllocationResult, AllocationView } from "./schemas";
import type { AllocationProblem } from "./solve";

export type AllocationRow = typeof allocations.$inferSelect;

/** A runner holds a job this long without renewing; past it the job counts as orphaned. */
export const LEASE_MS = 60_000;

/** Rows read per query while loading an allocation's problem: bounds each database round (and PGlite's turn). */
export const LOAD_CHUNK = 2_000;

/**
 * Queues an allocation job (bureau only) and hands it to the runtime's queue. Refused with 422 when the runtime
 * caps the problem size (Workers) and the filter selects more open orders and cohorts than that.
 * @example const job = await createAllocation(scope, { request: { mode: "optimal", allowSplit: true } });
 */
export async function createAllocation(
  scope: Scope,
  input: { request: AllocationRequest },
): Promise<AllocationView> {
  const { db, actor, now, allocations: queue } = scope;
  requireKind(actor, "bureau");
  const { request } = input;
  if (queue?.maxProblemSize !== undefined) {
    await requireWithin(db, now, request.filter ?? {}, queue.maxProblemSize);
  }
  const row = {
    id: newId("alc"),
    status: "queued" as const,
    mode: request.mode,
    proposing: request.mode === "stable" ? (request.proposing ?? "orders") : null,
    allowSplit: request.allowSplit,
    filter: request.filter ?? null,
    createdBy: actor.userId,
    createdAt: now,
  };
  const [stored] = await db.transaction(async (tx) => {
    const inserted = await tx.insert(allocations).values(row).returning();
    await writeAudit(tx, actor, now, {
      entityType: "allocation",
      entityId: row.id,
      action: "allocate",
      data: { mode: row.mode, allowSplit: row.allowSplit },
    });
    return inserted;
  });
  try {
    await queue?.enqueue(row.id);
  } catch (err) {
    // The job is stored: the Cron runner (Workers) or the next start (Node) still picks it up.
    scope.logger.warn("could not enqueue an allocation job", { id: row.id, error: String(err) });
  }
  return toAllocation(stored);
}

/** The 422 a runtime gives an allocation larger than it can solve within its limits. */
export function tooLargeForRuntime(size: number, max: number): AppError {
  return new AppError(
    "too_large_for_runtime",
    `This allocation covers ${size} open orders and cohorts; this runtime solves at most ${max} within its CPU limit. Narrow the filter (occupationCodes, city), or run it on Node: \`npm run cli -- allocate\` against the same database.`,
  );
}

async function requireWithin(db: Database, now: Date, filter: MatchFilter, max: number): Promise<void> {
  const counts = await countOpen(db, now, filter);
  const size = counts.orders + counts.cohorts;
  if (size > max) throw tooLargeForRuntime(size, max);
}

/** One allocation job, bureau only. */
export async function getAllocation({ db, actor }: Scope, input: { id: string }): Promise<AllocationView> {
  requireKind(actor, "bureau");
  const [row] = await db.select().from(allocations).where(eq(allocations.id, input.id));
  if (!row) throw new AppError("not_found", `Allocation ${input.id} does not exist`);
  return toAllocation(row);
}

/** Allocation jobs, newest first, optionally of one status; bureau only. */
export async function listAllocations(
  { db, actor }: Scope,
  query: PageQuery & { status?: AllocationRow["status"] },
) {
  requireKind(actor, "bureau");
  const { after, orderBy } = keyset(
    { sortBy: allocations.createdAt, id: allocations.id, direction: "desc" },
    query.cursor,
  );
  const rows = await db
    .select()
    .from(allocations)
    .where(and(after, query.status ? eq(allocations.status, query.status) : undefined))
    .orderBy(...orderBy)
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.createdAt.toISOString(), r.id], toAllocation);
}

/** The API shape of a job: the result fields only once it succeeded, `progress` while running, `problem` if failed. */
export function toAllocation(row: AllocationRow): AllocationView {
  return {
    id: row.id,
    status: row.status,
    mode: row.mode,
    proposing: row.proposing,
    allowSplit: row.allowSplit,
    filter: row.filter,
    ...(row.status === "running" && row.progress ? { progress: row.progress } : {}),
    ...(row.status === "succeeded"
      ? {
          assignments: row.assignments ?? [],
          objective: row.objective ?? 0,
          underfilledOrders: row.underfilledOrders ?? [],
          blockingPairs: row.blockingPairs,
          stats: row.stats as AllocationResult["stats"],
        }
      : {}),
    ...(row.status === "failed" && row.failure ? { problem: row.failure } : {}),
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Claims the oldest queued job (or the one named) for `owner` under a lease; null when there is none. SKIP LOCKED
 * lets several runners claim side by side without waiting on each other.
 */
export async function claimAllocation(
  db: Database,
  claim: { owner: string; now: Date; id?: string; leaseMs?: number },
): Promise<AllocationRow | null> {
  const only = claim.id ? sql`and id = ${claim.id}` : sql``;
  const [row] = await db
    .update(allocations)
    .set({
      status: "running",
      leaseOwner: claim.owner,
      leaseExpiresAt: new Date(claim.now.getTime() + (claim.leaseMs ?? LEASE_MS)),
      startedAt: claim.now,
    })
    .where(
      sql`${allocations.id} = (select id from allocations where status = 'queued' ${only}
        order by created_at, id limit 1 for update skip locked)`,
    )
    .returning();
  return row ?? null;
}

const heldBy = (id: string, owner: string): SQL =>
  and(eq(allocations.id, id), eq(allocations.status, "running"), eq(allocations.leaseOwner, owner))!;

/** Records progress and renews the lease; false when the job is no longer this runner's. */
export async function reportProgress(
  db: Database,
  job: { id: string; owner: string; now: Date; progress?: AllocationProgress },
): Promise<boolean> {
  const rows = await db
    .update(allocations)
    .set({
      ...(job.progress ? { progress: job.progress } : {}),
      leaseExpiresAt: new Date(job.now.getTime() + LEASE_MS),
    })
    .where(heldBy(job.id, job.owner))
    .returning({ id: allocations.id });
  return rows.length > 0;
}

/** Stores a job's result. */
export async function completeAllocation(
  db: Database,
  job: { id: string; owner: string; now: Date; result: AllocationResult },
): Promise<void> {
  const { result } = job;
  await db
    .update(allocations)
    .set({
      status: "succeeded",
      assignments: result.assignments,
      underfilledOrders: result.underfilledOrders,
      objective: result.objective,
      blockingPairs: result.blockingPairs,
      stats: result.stats,
      progress: null,
      leaseOwner: null,
      leaseExpiresAt: null,
      finishedAt: job.now,
    })
    .where(heldBy(job.id, job.owner));
}

/** Marks a job failed with the problem that explains why. */
export async function failAllocation(
  db: Database,
  job: { id: string; owner: string; now: Date; error: AppError },
): Promise<void> {
  await db
    .update(allocations)
    .set({
      status: "failed",
      failure: failureOf(job.error),
      progress: null,
      leaseOwner: null,
      leaseExpiresAt: null,
      finishedAt: job.now,
    })
    .where(heldBy(job.id, job.owner));
}

/** Puts a running job back in the queue (a runner shutting down cleanly hands its jobs on). */
export async function requeueAllocation(db: Database, job: { id: string; owner: string }): Promise<void> {
  await db
    .update(allocations)
    .set({ status: "queued", progress: null, leaseOwner: null, leaseExpiresAt: null, startedAt: null })
    .where(heldBy(job.id, job.owner));
}

function failureOf(error: AppError): AllocationFailure {
  const { type, title, status, detail, code } = problemOf(error, "");
  return { type, title, status, detail, code };
}

/**
 * Fails every running job whose runner is gone: its lease ran out unrenewed, or (`owners`) it belongs to a runner
 * known to be dead, such as the previous process of an embedded database only one process can open.
 * @example await failOrphanedAllocations(db, { now: clock.now() });
 */
export async function failOrphanedAllocations(
  db: Database,
  orphans: { now: Date; unlessOwner?: string; allRunning?: boolean },
): Promise<number> {
  const { now, unlessOwner, allRunning } = orphans;
  const rows = await db
    .update(allocations)
    .set({
      status: "failed",
      failure: failureOf(
        new AppError(
          "internal",
          "The process running this allocation stopped before it finished (it crashed or was killed); queue it again.",
        ),
      ),
      progress: null,
      leaseOwner: null,
      leaseExpiresAt: null,
      finishedAt: now,
    })
    .where(
      and(
        eq(allocations.status, "running"),
        allRunning ? undefined : lt(allocations.leaseExpiresAt, now),
        unlessOwner ? sql`${allocations.leaseOwner} is distinct from ${unlessOwner}` : undefined,
      ),
    )
    .returning({ id: allocations.id });
  return rows.length;
}

/**
 * Loads what an allocation solves over, `LOAD_CHUNK` rows per query, reporting the "loading" phase.
 * @example const problem = await loadAllocationProblem(db, { now, filter, onProgress });
 */
export async function loadAllocationProblem(
  db: Database,
  load: { now: Date; filter: MatchFilter; onProgress?: (p: AllocationProgress) => void },
): Promise<AllocationProblem> {
  const { now, filter, onProgress } = load;
  const [context, counts] = await Promise.all([loadContext(db), countOpen(db, now, filter)]);
  const total = counts.orders + counts.cohorts;
  const problem: AllocationProblem = { orders: [], cohorts: [], context };
  const report = () =>
    onProgress?.({ phase: "loading", done: problem.orders.length + problem.cohorts.length, total });
  report();
  for (let after: string | undefined; ; ) {
    const page = await loadOpenOrders(db, now, filter, {}, { after, limit: LOAD_CHUNK });
    problem.orders.push(...page);
    report();
    if (page.length < LOAD_CHUNK) break;
    after = page[page.length - 1].id;
  }
  for (let after: string | undefined; ; ) {
    const page = await loadOpenCohorts(db, filter, undefined, {}, { after, limit: LOAD_CHUNK });
    problem.cohorts.push(...page);
    report();
    if (page.length < LOAD_CHUNK) break;
    after = page[page.length - 1].id;
  }
  return problem;
}
