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
import { buildCohortIndex, topK } from "./retrieval";
import type {
  Assignment,
  CandidatePair,
  MatchCandidate,
  MatchOrder,
  ScoreContext,
  UnderfilledOrder,
} from "./types";

/** Profits are integers (score × 1e6) so the flow is exact and comparable with an LP solver. */
export const SCORE_SCALE = 1_000_000;

/** Input shared by optimal and stable allocation. */
export interface AllocationInput {
  orders: MatchOrder[];
  cohorts: MatchCandidate[];
  context: ScoreContext;
  /** Scored candidate pairs; computed by top-k retrieval per order when omitted. */
  pairs?: CandidatePair[];
  /** k for retrieval when `pairs` is omitted (default 50). */
  k?: number;
}

/** Result of an allocation. */
export interface AllocationResult {
  assignments: Assignment[];
  /** Σ score × headcount. */
  objective: number;
  /** Σ round(score·1e6) × headcount: the exact integer objective the solver maximised. */
  scaledObjective: number;
  underfilledOrders: UnderfilledOrder[];
  stats: { orders: number; cohorts: number; pairs: number; pivots?: number };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

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

/** Orders and cohorts sorted by id with lookup maps, plus the valid deduplicated pairs sorted by (cohort, order). */
export interface PairSet {
  orders: MatchOrder[];
  cohorts: MatchCandidate[];
  orderIdx: Map<string, number>;
  cohortIdx: Map<string, number>;
  /** Pairs as (cohort index, order index, score), sorted. */
  c: Int32Array;
  o: Int32Array;
  score: Float64Array;
}

/** Normalises the input so results do not depend on array order or duplicates. */
export function pairSet(input: AllocationInput): PairSet {
  const orders = [...input.orders].sort(byId);
  const cohorts = [...input.cohorts].sort(byId);
  const orderIdx = new Map(orders.map((o, i) => [o.id, i]));
  const cohortIdx = new Map(cohorts.map((c, i) => [c.id, i]));
  const raw = input.pairs ?? candidatePairs(orders, cohorts, input.context, input.k ?? 50);
  const seen = new Set<number>();
  const list: [number, number, number][] = [];
  for (const p of raw) {
    const o = orderIdx.get(p.orderId);
    const c = cohortIdx.get(p.cohortId);
    if (o === undefined || c === undefined || !(p.score > 0)) continue;
    const key = c * orders.length + o;
    if (seen.has(key)) continue;
    seen.add(key);
    list.push([c, o, p.score]);
  }
  list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    orders,
    cohorts,
    orderIdx,
    cohortIdx,
    c: Int32Array.from(list, (x) => x[0]),
    o: Int32Array.from(list, (x) => x[1]),
    score: Float64Array.from(list, (x) => x[2]),
  };
}

/** One allocated pair by sorted index. */
export interface Pick {
  o: number;
  c: number;
  score: number;
  headcount: number;
}

/** Builds assignments (sorted by order id, cohort id), objective and underfilled orders. */
export function summarise(
  orders: MatchOrder[],
  cohorts: MatchCandidate[],
  picked: Pick[],
): Omit<AllocationResult, "stats"> {
  const filled = new Float64Array(orders.length);
  const assignments: Assignment[] = [];
  let objective = 0;
  let scaledObjective = 0;
  const sorted = [...picked].sort((a, b) => a.o - b.o || a.c - b.c);
  for (const { o, c, score, headcount } of sorted) {
    if (headcount <= 0) continue;
    filled[o] += headcount;
    objective += score * headcount;
    scaledObjective += Math.round(score * SCORE_SCALE) * headcount;
    assignments.push({ orderId: orders[o].id, cohortId: cohorts[c].id, headcount, score });
  }
  const underfilledOrders: UnderfilledOrder[] = [];
  orders.forEach((o, i) => {
    if (filled[i] < o.headcountMin) {
      underfilledOrders.push({ orderId: o.id, headcount: filled[i], headcountMin: o.headcountMin });
    }
  });
  return { assignments, objective, scaledObjective, underfilledOrders };
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
  const cap = new Float64Array(m);
  const profit = new Float64Array(m);
  const units = new Float64Array(m);
  const edges = new Int32Array(m);
  let keep = 0;
  for (let e = 0; e < m; e++) {
    const h = Math.min(ps.cohorts[ps.c[e]].size, ps.orders[ps.o[e]].headcountMax);
    const p = Math.round(ps.score[e] * SCORE_SCALE);
    if (h <= 0 || p <= 0) continue;
    edges[keep] = e;
    cap[keep] = split ? h : 1;
    units[keep] = h;
    profit[keep] = split ? p : p * h;
    keep++;
  }
  const sel = edges.slice(0, keep);
  const problem: TransportProblem = {
    nLeft: ps.cohorts.length,
    nRight: ps.orders.length,
    supply: ps.cohorts.map((c) => (split ? Math.max(0, c.size) : 1)),
    capacity: ps.orders.map((o) => (split ? Math.max(0, o.headcountMax) : 1)),
    edgeFrom: Int32Array.from(sel, (e) => ps.c[e]),
    edgeTo: Int32Array.from(sel, (e) => ps.o[e]),
    edgeProfit: profit.slice(0, keep),
    edgeCap: cap.slice(0, keep),
  };
  return { problem, sel, units: units.slice(0, keep) };
}

/**
 * Maximises Σ score × headcount over the candidate pairs (see the module comment for both formulations).
 * @example allocateOptimal({ orders, cohorts, context, allowSplit: true }).objective
 */
export function allocateOptimal(input: AllocationInput & { allowSplit?: boolean }): AllocationResult {
  const ps = pairSet(input);
  const split = input.allowSplit === true;
  const { problem, sel, units } = transportProblem(ps, split);
  const keep = sel.length;
  const sol = solveTransport(problem);
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
