/** Matching over the marketplace: ranked, explained matches for an order or a cohort, and stored allocations. */
import { eq, inArray } from "drizzle-orm";
import { allocations, cohorts, orders } from "../../db/schema";
import {
  allocateOptimal,
  allocateStable,
  buildCohortIndex,
  buildOrderIndex,
  type MatchCandidate,
  type MatchOrder,
  resolveWeights,
  type ScoreContext,
  score,
  topK,
  topOrdersForCohort,
} from "../../matching";
import { requireKind } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import type { Scope } from "../../platform/scope";
import { findVisibleCohort } from "../cohorts/access";
import { toCohortSummary } from "../cohorts/schemas";
import { cohortProfiles } from "../cohorts/service";
import { findVisibleOrder } from "../orders/access";
import { requireCohortMatchesAccess, requireOrderMatchesAccess } from "./access";
import { attachOrderSkills, loadContext, loadOpenCohorts, loadOpenOrders, type MatchFilter } from "./load";
import type { AllocationRequest, AllocationView } from "./schemas";

/** Candidate pairs per order considered by allocation (exact top-k from retrieval). */
export const ALLOCATION_TOP_K = 50;

const explain = (order: MatchOrder, candidate: MatchCandidate, context: ScoreContext) => {
  const { score: value, eligible, reason, reasonEvidence, factors } = score(order, candidate, context);
  return { score: value, eligible, ...(reason ? { reason, reasonEvidence } : {}), factors };
};

/** The best open cohorts for an order, each with its explanation. For the ordering company and the bureau. */
export async function matchesForOrder(scope: Scope, input: { id: string; limit: number }) {
  const { db, actor } = scope;
  const { id: orderId, limit } = input;
  const row = await findVisibleOrder(scope, orderId);
  requireOrderMatchesAccess(actor, row);
  const [order] = await attachOrderSkills(db, [row]);
  const essential = { cohortsHolding: order.requiredSkills.filter((s) => s.essential).map((s) => s.skillId) };
  const [context, candidates] = await Promise.all([
    loadContext(db),
    loadOpenCohorts(db, { occupationCodes: [order.occupationCode] }, undefined, essential),
  ]);
  const hits = topK(buildCohortIndex(candidates, context), order, limit);
  const ids = hits.map((h) => h.id);
  const [rows, skillsById] = await Promise.all([
    ids.length ? db.select().from(cohorts).where(inArray(cohorts.id, ids)) : [],
    cohortProfiles(db, ids),
  ]);
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const candidateById = new Map(candidates.map((c) => [c.id, c]));
  return {
    orderId,
    weights: resolveWeights(order.matchWeights),
    data: ids.map((id) => ({
      cohort: toCohortSummary(rowById.get(id)!, skillsById.get(id) ?? []),
      ...explain(order, candidateById.get(id)!, context),
    })),
  };
}

/** The best open orders for a cohort, each with its explanation. For the cohort's provider and the bureau. */
export async function matchesForCohort(scope: Scope, input: { id: string; limit: number }) {
  const { db, actor, now } = scope;
  const { id: cohortId, limit } = input;
  const row = await findVisibleCohort(scope, cohortId);
  requireCohortMatchesAccess(actor, row);
  const [context, [cohort]] = await Promise.all([loadContext(db), loadOpenCohorts(db, {}, [cohortId])]);
  // A cohort under contract is no longer offered, so it has no matches.
  if (!cohort) return { cohortId, data: [] };
  const held = cohort.skills.filter((s) => s.share > 0).map((s) => s.skillId);
  const openOrders = await loadOpenOrders(
    db,
    now,
    { occupationCodes: [row.occupationCode] },
    { ordersNeedingOnly: held },
  );
  const hits = topOrdersForCohort(buildOrderIndex(openOrders, context), cohort, limit);
  const orderById = new Map(openOrders.map((o) => [o.id, o]));
  const ids = hits.map((h) => h.id);
  const rows = ids.length ? await db.select().from(orders).where(inArray(orders.id, ids)) : [];
  const rowById = new Map(rows.map((r) => [r.id, r]));
  return {
    cohortId,
    data: ids.map((id) => {
      const r = rowById.get(id)!;
      const order = orderById.get(id)!;
      return {
        order: {
          id: r.id,
          title: r.title,
          companyOrgId: r.companyOrgId,
          occupationCode: r.occupationCode,
          headcountMin: r.headcountMin,
          headcountMax: r.headcountMax,
          city: r.city,
          district: r.district,
          deliverBy: r.deliverBy,
          bidDeadline: r.bidDeadline.toISOString(),
          budgetPerTraineeFen: r.budgetPerTraineeFen,
        },
        weights: resolveWeights(order.matchWeights),
        ...explain(order, cohort, context),
      };
    }),
  };
}

/**
 * Allocates open cohorts to open orders (optimal or stable), stores the recommendation, and returns it.
 * Stable mode treats capacities as counts (hospitals/residents): an order accepts up to enough cohorts to reach
 * headcountMax at its candidates' mean size, a cohort goes whole to one order (or, with allowSplit, to as many
 * orders as its size covers at their mean headcountMax); headcounts are then filled in preference order.
 * @example await runAllocation(scope, { request: { mode: "optimal", allowSplit: false } });
 */
export async function runAllocation(
  scope: Scope,
  run: { request: AllocationRequest; onProgress?: (stage: string) => void },
): Promise<AllocationView> {
  const { db, actor, now } = scope;
  requireKind(actor, "bureau");
  const { request } = run;
  const filter: MatchFilter = request.filter ?? {};
  run.onProgress?.("loading open orders and cohorts");
  const [context, openOrders, openCohorts] = await Promise.all([
    loadContext(db),
    loadOpenOrders(db, now, filter),
    loadOpenCohorts(db, filter),
  ]);
  run.onProgress?.(`solving over ${openOrders.length} orders and ${openCohorts.length} cohorts`);
  const started = performance.now();
  const input = { orders: openOrders, cohorts: openCohorts, context, k: ALLOCATION_TOP_K };
  let result: ReturnType<typeof allocateOptimal>;
  let blockingPairs: number | null = null;
  if (request.mode === "optimal") {
    result = allocateOptimal({ ...input, allowSplit: request.allowSplit });
  } else {
    const capacities = stableCapacities(openOrders, openCohorts, request.allowSplit);
    const stable = allocateStable({ ...input, proposing: request.proposing ?? "orders", ...capacities });
    blockingPairs = stable.blockingPairs.length;
    result = stable;
  }
  const solveMs = Math.round((performance.now() - started) * 100) / 100;
  const row = {
    id: newId("alc"),
    mode: request.mode,
    proposing: request.mode === "stable" ? (request.proposing ?? "orders") : null,
    allowSplit: request.allowSplit,
    filter: request.filter ?? null,
    assignments: result.assignments,
    underfilledOrders: result.underfilledOrders,
    objective: result.objective,
    blockingPairs,
    stats: {
      orders: result.stats.orders,
      cohorts: result.stats.cohorts,
      candidatePairs: result.stats.pairs,
      solveMs,
    },
    createdBy: actor.userId,
    createdAt: now,
  };
  run.onProgress?.(`storing ${row.assignments.length} assignments`);
  await db.transaction(async (tx) => {
    await tx.insert(allocations).values(row);
    await writeAudit(tx, actor, now, {
      entityType: "allocation",
      entityId: row.id,
      action: "allocate",
      data: { mode: row.mode, objective: row.objective },
    });
  });
  return toAllocation(row);
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 1;
}

/** Count capacities for deferred acceptance, derived from trainee headcounts and cohort sizes. */
function stableCapacities(openOrders: MatchOrder[], openCohorts: MatchCandidate[], allowSplit: boolean) {
  const meanSize = mean(openCohorts.map((c) => c.size));
  const meanHeadcount = mean(openOrders.map((o) => o.headcountMax));
  return {
    orderCapacity: new Map(openOrders.map((o) => [o.id, Math.max(1, Math.ceil(o.headcountMax / meanSize))])),
    cohortCapacity: new Map(
      openCohorts.map((c) => [c.id, allowSplit ? Math.max(1, Math.ceil(c.size / meanHeadcount)) : 1]),
    ),
  };
}

function toAllocation(row: typeof allocations.$inferSelect): AllocationView {
  return {
    id: row.id,
    mode: row.mode,
    proposing: row.proposing,
    allowSplit: row.allowSplit,
    filter: row.filter,
    assignments: row.assignments,
    objective: row.objective,
    underfilledOrders: row.underfilledOrders,
    blockingPairs: row.blockingPairs,
    stats: row.stats as AllocationView["stats"],
    createdAt: row.createdAt.toISOString(),
  };
}

export async function getAllocation({ db, actor }: Scope, input: { id: string }): Promise<AllocationView> {
  requireKind(actor, "bureau");
  const { id } = input;
  const [row] = await db.select().from(allocations).where(eq(allocations.id, id));
  if (!row) throw new AppError("not_found", `Allocation ${id} does not exist`);
  return toAllocation(row);
}
