/**
 * Optimal allocation of open cohorts to open orders as an exact max-profit transportation / assignment flow.
 *
 * Split (`allowSplit: true`) — transportation problem: x_oc ∈ ℤ≥0 trainees of cohort c for order o,
 *   Σ_o x_oc ≤ size_c, Σ_c x_oc ≤ headcountMax_o, maximise Σ round(score_oc·1e6)·x_oc.
 * No split (default) — weighted bipartite matching: each cohort serves at most one order and each order takes
 *   at most one cohort; a matched pair places h_oc = min(size_c, headcountMax_o) trainees and earns
 *   round(score_oc·1e6)·h_oc. Letting an order take several whole cohorts under a trainee cap is a knapsack
 *   (NP-hard), so that richer rule is deliberately not offered; use split mode when an order needs several
 *   cohorts. Both are solved exactly by `solveTransport` (unit supplies/capacities in the no-split case).
 * headcountMin is not a hard constraint (it can make the problem infeasible); orders left below it are
 * reported in `underfilledOrders`. Only pairs in the candidate set are considered (by default the exact
 * top-k cohorts per order from retrieval), so optimality is over that set.
 */
import { type TransportProblem, solveTransport } from "./flow";
import {
  type AllocationInput,
  type AllocationResult,
  type PairSet,
  type Pick,
  SCORE_SCALE,
  pairSet,
  summarise,
} from "./pair-set";
import { buildCohortIndex, topK } from "./retrieval";
import type { CandidatePair, MatchCandidate, MatchOrder, ScoreContext } from "./types";

export {
  type AllocationInput,
  type AllocationProgress,
  type AllocationResult,
  SCORE_SCALE,
} from "./pair-set";

/**
 * The exact top-k cohorts of every order as scored pairs (the candidate set used by allocation).
 * @example candidatePairs(orders, cohorts, ctx, 50).length // ≤ 50 × orders.length
 */
export function candidatePairs(
  orders: MatchOrder[],
  cohorts: MatchCandidate[],
  context: ScoreContext,
  k = 50,
): CandidatePair[] {
  const idx = buildCohortIndex(cohorts, context);
  const out: CandidatePair[] = [];
  for (const o of orders)
    for (const h of topK(idx, o, k)) out.push({ orderId: o.id, cohortId: h.id, score: h.score });
  return out;
}

/**
 * The flow problem for a pair set: cohorts supply trainees (split) or one whole cohort (no split); `sel[i]` is
 * the pair behind edge i and `units[i]` the trainees a whole-cohort edge places.
 */
export function transportProblem(
  ps: PairSet,
  split: boolean,
): { problem: TransportProblem; sel: Int32Array; units: Float64Array } {
  const m = ps.c.length;
  const size = Float64Array.from(ps.cohorts, (c) => Math.max(0, c.size));
  const room = Float64Array.from(ps.orders, (o) => Math.max(0, o.headcountMax));
  const sel = new Int32Array(m);
  const edgeFrom = new Int32Array(m);
  const edgeTo = new Int32Array(m);
  const edgeCap = new Float64Array(m);
  const edgeProfit = new Float64Array(m);
  const units = new Float64Array(m);
  let keep = 0;
  for (let e = 0; e < m; e++) {
    const h = Math.min(size[ps.c[e]], room[ps.o[e]]);
    const p = Math.round(ps.score[e] * SCORE_SCALE);
    if (h <= 0 || p <= 0) continue;
    sel[keep] = e;
    edgeFrom[keep] = ps.c[e];
    edgeTo[keep] = ps.o[e];
    edgeCap[keep] = split ? h : 1;
    edgeProfit[keep] = split ? p : p * h;
    units[keep] = h;
    keep++;
  }
  const problem: TransportProblem = {
    nLeft: ps.cohorts.length,
    nRight: ps.orders.length,
    supply: split ? size : new Float64Array(size.length).fill(1),
    capacity: split ? room : new Float64Array(room.length).fill(1),
    edgeFrom: edgeFrom.slice(0, keep),
    edgeTo: edgeTo.slice(0, keep),
    edgeProfit: edgeProfit.slice(0, keep),
    edgeCap: edgeCap.slice(0, keep),
  };
  return { problem, sel: sel.slice(0, keep), units: units.slice(0, keep) };
}

/**
 * Maximises Σ score × headcount over the candidate pairs (see the module comment for both formulations).
 * `onProgress` hears the "retrieval" phase (when `pairs` is omitted) and then the "solve" phase.
 * @example allocateOptimal({ orders, cohorts, context, allowSplit: true, onProgress: (p) => job.report(p) })
 */
export function allocateOptimal(input: AllocationInput & { allowSplit?: boolean }): AllocationResult {
  return allocatePairSet(pairSet(input), input.allowSplit === true, input.onProgress);
}

/** `allocateOptimal` on a pair set already built (the step after retrieval). */
export function allocatePairSet(
  ps: PairSet,
  split: boolean,
  report?: AllocationInput["onProgress"],
): AllocationResult {
  const { problem, sel, units } = transportProblem(ps, split);
  const keep = sel.length;
  const sol = solveTransport(problem, {
    onProgress: report && ((done, total) => report({ phase: "solve", done, total })),
  });
  const picked: Pick[] = [];
  for (let i = 0; i < keep; i++) {
    const e = sel[i];
    if (sol.flow[i] > 0) {
      picked.push({ o: ps.o[e], c: ps.c[e], score: ps.score[e], headcount: split ? sol.flow[i] : units[i] });
    }
  }
  return {
    ...summarise(ps.orders, ps.cohorts, picked),
    stats: {
      orders: ps.orders.length,
      cohorts: ps.cohorts.length,
      pairs: keep,
      pivots: sol.stats.pivots,
    },
  };
}
