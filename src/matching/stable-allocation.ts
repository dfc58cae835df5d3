/** `allocateStable`: deferred acceptance between orders and cohorts with score-based or explicit rank lists. */
import { type AllocationInput, type AllocationResult, type Pick, pairSet, summarise } from "./pair-set";
import { score as scorePair } from "./scoring";
import {
  type StablePreferences,
  blockingEntries,
  deferredAcceptance,
  entriesToPairs,
  stableProblem,
} from "./stable";

/** Options of a stable allocation. */
export interface StableInput extends AllocationInput {
  /** Which side proposes (gets its optimal stable matching). */
  proposing: "orders" | "cohorts";
  /** Number of cohorts an order may take (default 1). */
  orderCapacity?: Map<string, number>;
  /** Number of orders a cohort may serve (default 1: a cohort goes whole to one order). */
  cohortCapacity?: Map<string, number>;
  /** Explicit rank lists (best first) replacing the score-based ones for that side. */
  preferences?: { orders?: Map<string, string[]>; cohorts?: Map<string, string[]> };
}

/** Stable allocation result: the usual allocation plus the rank lists used and the blocking-pair check. */
export interface StableResult extends AllocationResult {
  preferences: StablePreferences;
  blockingPairs: { orderId: string; cohortId: string }[];
  /** Every pair deferred acceptance matched, including those left with no trainees to place (a full order). */
  matched: { orderId: string; cohortId: string }[];
}

/**
 * Deferred acceptance with capacities. Score-based lists rank the candidate pairs by score descending, id
 * ascending; a pair is acceptable only if each side lists the other. Each assignment places
 * min(cohort size, order's remaining headcountMax) trainees, filling an order in its own preference order.
 * @example allocateStable({ orders, cohorts, context, proposing: "orders" }).blockingPairs // []
 */
export function allocateStable(input: StableInput): StableResult {
  const explicitBoth = input.preferences?.orders && input.preferences?.cohorts;
  const ps = pairSet(explicitBoth && !input.pairs ? { ...input, pairs: [] } : input);
  const { orders, cohorts } = ps;
  const scoreOf = new Map<number, number>();
  const byOrder: [number, number][][] = orders.map(() => []);
  const byCohort: [number, number][][] = cohorts.map(() => []);
  for (let e = 0; e < ps.c.length; e++) {
    scoreOf.set(ps.c[e] * orders.length + ps.o[e], ps.score[e]);
    byOrder[ps.o[e]].push([ps.c[e], ps.score[e]]);
    byCohort[ps.c[e]].push([ps.o[e], ps.score[e]]);
  }
  // Indices are id-sorted, so "index ascending" is "id ascending" for ties.
  const rank = (l: [number, number][]) => l.sort((a, b) => b[1] - a[1] || a[0] - b[0]).map((x) => x[0]);
  const fromIds = (ids: string[] | undefined, idx: Map<string, number>) =>
    (ids ?? []).filter((id) => idx.has(id)).map((id) => idx.get(id) as number);
  const orderLists = orders.map((o, i) =>
    input.preferences?.orders ? fromIds(input.preferences.orders.get(o.id), ps.cohortIdx) : rank(byOrder[i]),
  );
  const cohortLists = cohorts.map((c, i) =>
    input.preferences?.cohorts
      ? fromIds(input.preferences.cohorts.get(c.id), ps.orderIdx)
      : rank(byCohort[i]),
  );
  const capO = orders.map((o) => input.orderCapacity?.get(o.id) ?? 1);
  const capC = cohorts.map((c) => input.cohortCapacity?.get(c.id) ?? 1);
  const ordersPropose = input.proposing === "orders";
  const sp = ordersPropose
    ? stableProblem(orderLists, cohortLists, capO, capC)
    : stableProblem(cohortLists, orderLists, capC, capO);
  const matched = deferredAcceptance(sp);
  const asPair = (p: number, r: number) => (ordersPropose ? { o: p, c: r } : { o: r, c: p });
  const pairs = entriesToPairs(
    sp,
    [...matched.keys()].filter((k) => matched[k] === 1),
    asPair,
  );
  // Fill each order in its own preference order so headcounts respect headcountMax.
  const orderRank = orderLists.map((l) => new Map(l.map((c, t) => [c, t])));
  pairs.sort((a, b) => a.o - b.o || (orderRank[a.o].get(a.c) ?? 0) - (orderRank[b.o].get(b.c) ?? 0));
  const filled = new Float64Array(orders.length);
  // A cohort serving several orders (capacity > 1) shares out its trainees; it never places more than its size.
  const used = new Float64Array(cohorts.length);
  const picked: Pick[] = pairs.map(({ o, c }) => {
    const s = scoreOf.get(c * orders.length + o) ?? scorePair(orders[o], cohorts[c], input.context).score;
    const headcount = Math.max(0, Math.min(cohorts[c].size - used[c], orders[o].headcountMax - filled[o]));
    filled[o] += headcount;
    used[c] += headcount;
    return { o, c, score: s, headcount };
  });
  const ids = (l: number[][], other: { id: string }[]) => l.map((x) => x.map((i) => other[i].id));
  const orderIdLists = ids(orderLists, cohorts);
  const cohortIdLists = ids(cohortLists, orders);
  const preferences: StablePreferences = {
    orderPrefs: new Map(orders.map((o, i) => [o.id, orderIdLists[i]])),
    cohortPrefs: new Map(cohorts.map((c, i) => [c.id, cohortIdLists[i]])),
    orderCapacity: new Map(orders.map((o, i) => [o.id, capO[i]])),
    cohortCapacity: new Map(cohorts.map((c, i) => [c.id, capC[i]])),
  };
  const blockingPairs = entriesToPairs(sp, blockingEntries(sp, matched), (p, r) => {
    const { o, c } = asPair(p, r);
    return { orderId: orders[o].id, cohortId: cohorts[c].id };
  });
  return {
    ...summarise(orders, cohorts, picked),
    preferences,
    blockingPairs,
    matched: pairs.map(({ o, c }) => ({ orderId: orders[o].id, cohortId: cohorts[c].id })),
    stats: { orders: orders.length, cohorts: cohorts.length, pairs: ps.c.length },
  };
}
