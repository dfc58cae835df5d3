/** The candidate pairs of an allocation by index (retrieved or given), and the summary of its picks. */
import { buildCohortIndex, topHits } from "./retrieval";
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

/** Where an allocation is: the phase and how far it got, in that phase's unit. */
export interface AllocationProgress {
  /**
   * "retrieval": orders whose top-k cohorts are found (total = orders); "solve": candidate pairs of the parts of
   * the flow problem solved so far (total = pairs that can carry trainees; see `solveTransport`).
   */
  phase: "retrieval" | "solve";
  done: number;
  total: number;
}

/** Input shared by optimal and stable allocation. */
export interface AllocationInput {
  orders: MatchOrder[];
  cohorts: MatchCandidate[];
  context: ScoreContext;
  /** Scored candidate pairs; computed by top-k retrieval per order when omitted. */
  pairs?: CandidatePair[];
  /** k for retrieval when `pairs` is omitted (default 50). */
  k?: number;
  /** Called now and then with the phase and its progress, for a job to report; never decreasing within a phase. */
  onProgress?: (progress: AllocationProgress) => void;
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

/**
 * Normalises the input so results do not depend on array order or duplicates (the first of duplicate pairs
 * counts). Without `pairs`, retrieves each order's exact top-k cohorts, reporting the "retrieval" phase.
 */
export function pairSet(input: AllocationInput): PairSet {
  const orders = [...input.orders].sort(byId);
  const cohorts = [...input.cohorts].sort(byId);
  const orderIdx = new Map(orders.map((o, i) => [o.id, i]));
  const cohortIdx = new Map(cohorts.map((c, i) => [c.id, i]));
  const raw = input.pairs
    ? pairsByIndex(input.pairs, orderIdx, cohortIdx)
    : retrievePairs(orders, cohorts, input.context, input.k ?? 50, input.onProgress);
  return { orders, cohorts, orderIdx, cohortIdx, ...sortedUnique(raw, orders.length, cohorts.length) };
}

interface RawPairs {
  c: Int32Array;
  o: Int32Array;
  score: Float64Array;
  n: number;
}

function pairsByIndex(
  pairs: CandidatePair[],
  orderIdx: Map<string, number>,
  cohortIdx: Map<string, number>,
): RawPairs {
  const raw = {
    c: new Int32Array(pairs.length),
    o: new Int32Array(pairs.length),
    score: new Float64Array(pairs.length),
    n: 0,
  };
  // Pairs usually come grouped by order, so the last order looked up is reused.
  let lastOrderId: string | undefined;
  let lastOrder: number | undefined;
  for (const p of pairs) {
    if (p.orderId !== lastOrderId) {
      lastOrderId = p.orderId;
      lastOrder = orderIdx.get(p.orderId);
    }
    const o = lastOrder;
    const c = cohortIdx.get(p.cohortId);
    if (o === undefined || c === undefined || !(p.score > 0)) continue;
    raw.c[raw.n] = c;
    raw.o[raw.n] = o;
    raw.score[raw.n++] = p.score;
  }
  return raw;
}

/** Each order's exact top-k cohorts (see `topK`), by index into the id-sorted arrays. */
function retrievePairs(
  orders: MatchOrder[],
  cohorts: MatchCandidate[],
  context: ScoreContext,
  k: number,
  onProgress: AllocationInput["onProgress"],
): RawPairs {
  const idx = buildCohortIndex(cohorts, context);
  const cap = Math.max(0, k) * orders.length;
  let raw: RawPairs = {
    c: new Int32Array(Math.min(cap, 1024)),
    o: new Int32Array(Math.min(cap, 1024)),
    score: new Float64Array(Math.min(cap, 1024)),
    n: 0,
  };
  const step = Math.max(1, Math.ceil(orders.length / 100));
  for (let o = 0; o < orders.length; o++) {
    for (const h of topHits(idx, orders[o], k)) {
      if (raw.n === raw.c.length) raw = grown(raw);
      raw.c[raw.n] = h.item;
      raw.o[raw.n] = o;
      raw.score[raw.n++] = h.score;
    }
    if (onProgress && ((o + 1) % step === 0 || o + 1 === orders.length)) {
      onProgress({ phase: "retrieval", done: o + 1, total: orders.length });
    }
  }
  return raw;
}

function grown(raw: RawPairs): RawPairs {
  const size = raw.c.length * 2;
  const next = { c: new Int32Array(size), o: new Int32Array(size), score: new Float64Array(size), n: raw.n };
  next.c.set(raw.c);
  next.o.set(raw.o);
  next.score.set(raw.score);
  return next;
}

/**
 * Pairs sorted by (cohort, order) with two stable counting sorts (by order, then by cohort) that carry the pairs
 * along, so every read is in order and only writes scatter; then the first of each duplicate is kept.
 */
function sortedUnique(raw: RawPairs, nOrders: number, nCohorts: number) {
  const byOrder = countingSort(raw.o, raw.c, raw.score, raw.n, nOrders);
  const sorted = countingSort(byOrder.second, byOrder.key, byOrder.score, raw.n, nCohorts);
  const { key: c, second: o, score } = sorted;
  let n = 0;
  for (let k = 0; k < raw.n; k++) {
    if (n > 0 && c[n - 1] === c[k] && o[n - 1] === o[k]) continue;
    c[n] = c[k];
    o[n] = o[k];
    score[n++] = score[k];
  }
  return { c: c.slice(0, n), o: o.slice(0, n), score: score.slice(0, n) };
}

/** The first n (key, second, score) triples stably sorted by key in 0..keys−1. */
function countingSort(key: Int32Array, second: Int32Array, score: Float64Array, n: number, keys: number) {
  const start = new Int32Array(keys + 1);
  for (let k = 0; k < n; k++) start[key[k] + 1]++;
  for (let v = 0; v < keys; v++) start[v + 1] += start[v];
  const out = { key: new Int32Array(n), second: new Int32Array(n), score: new Float64Array(n) };
  for (let k = 0; k < n; k++) {
    const at = start[key[k]]++;
    out.key[at] = key[k];
    out.second[at] = second[k];
    out.score[at] = score[k];
  }
  return out;
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
