/**
 * An allocation job's computation, with no database and no I/O: the same function runs in a Node worker thread,
 * in a Workers queue consumer, and in tests.
 */
import type { AllocationProgress } from "../../db/schema";
import {
  allocateOptimal,
  allocateStable,
  type MatchCandidate,
  type MatchOrder,
  type ScoreContext,
} from "../../matching";
import type { AllocationRequest, AllocationResult } from "./schemas";

/** Candidate pairs per order considered by allocation (exact top-k from retrieval). */
export const ALLOCATION_TOP_K = 50;

/** What an allocation solves over: the open orders and cohorts its filter selects, and the scoring context. */
export interface AllocationProblem {
  orders: MatchOrder[];
  cohorts: MatchCandidate[];
  context: ScoreContext;
}

/**
 * Solves one allocation request. Stable mode treats capacities as counts (hospitals/residents): an order accepts
 * up to enough cohorts to reach headcountMax at its candidates' mean size, a cohort goes whole to one order (or,
 * with allowSplit, to as many orders as its size covers at their mean headcountMax); headcounts are then filled in
 * preference order.
 * @example solveAllocation({ mode: "optimal", allowSplit: true }, problem, (p) => report(p));
 */
export function solveAllocation(
  request: AllocationRequest,
  problem: AllocationProblem,
  onProgress?: (progress: AllocationProgress) => void,
): AllocationResult {
  const started = performance.now();
  const input = { ...problem, k: ALLOCATION_TOP_K, onProgress };
  let result: ReturnType<typeof allocateOptimal>;
  let blockingPairs: number | null = null;
  if (request.mode === "optimal") {
    result = allocateOptimal({ ...input, allowSplit: request.allowSplit });
  } else {
    const capacities = stableCapacities(problem.orders, problem.cohorts, request.allowSplit);
    const stable = allocateStable({ ...input, proposing: request.proposing ?? "orders", ...capacities });
    blockingPairs = stable.blockingPairs.length;
    result = stable;
  }
  return {
    assignments: result.assignments,
    underfilledOrders: result.underfilledOrders,
    objective: result.objective,
    blockingPairs,
    stats: {
      orders: result.stats.orders,
      cohorts: result.stats.cohorts,
      candidatePairs: result.stats.pairs,
      solveMs: Math.round((performance.now() - started) * 100) / 100,
    },
  };
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
