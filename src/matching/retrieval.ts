/** Exact top-k retrieval (order → cohorts, cohort → orders) over an occupation/skill index with score bounds. */
import { score } from "./scoring";
import { TopHeap } from "./top-heap";
import { combineFactors, combineRest, newScratch, restFactors, skillsBound, skillsFast } from "./kernels";
import {
  type CandidateStore,
  type PreparedOrder,
  type Vocab,
  buildStore,
  idRanks,
  newVocab,
  prepareOrder,
} from "./prepared";
import type { MatchCandidate, MatchOrder, ScoreContext } from "./types";

/** One retrieval hit. */
export interface RankedMatch {
  id: string;
  score: number;
}

/** Index of open cohorts (or bids) for order → candidates queries. */
export interface CohortIndex {
  context: ScoreContext;
  vocab: Vocab;
  store: CandidateStore;
  /** Candidates per occupation. */
  byOcc: Map<number, Int32Array>;
  /** Inverted index occupation → skill → candidates holding that skill (each candidate once). */
  postings: Map<number, Map<number, Int32Array>>;
  /** Dense skill → first entry table reused by queries (always reset to -1 after use). */
  head: Int32Array;
  /** Position in the caller's array of each stored candidate (the store keeps an occupation together). */
  position: Int32Array;
}

const EMPTY = new Int32Array(0);

/** Value under `key`, created by `make` when absent. */
function bucket<K, V>(m: Map<K, V>, key: K, make: () => V): V {
  let v = m.get(key);
  if (v === undefined) {
    v = make();
    m.set(key, v);
  }
  return v;
}

function groupInts(pairs: Map<number, number[]>): Map<number, Int32Array> {
  const out = new Map<number, Int32Array>();
  for (const [k, v] of pairs) out.set(k, Int32Array.from(v));
  return out;
}

/**
 * Builds the cohort index: columnar candidate data, per-occupation groups and skill posting lists.
 * @example const idx = buildCohortIndex(openCohorts, ctx); topK(idx, order, 20);
 */
export function buildCohortIndex(candidates: MatchCandidate[], context: ScoreContext): CohortIndex {
  const vocab = newVocab();
  // An occupation's candidates sit next to each other, so a query reads memory in order, not all over it.
  const groups = new Map<string, number[]>();
  for (let i = 0; i < candidates.length; i++) bucket(groups, candidates[i].occupationCode, () => []).push(i);
  const position = Int32Array.from([...groups.values()].flat());
  const rank = idRanks(candidates);
  const grouped = new Array<MatchCandidate>(position.length);
  const groupedRank = new Int32Array(position.length);
  for (let c = 0; c < position.length; c++) {
    grouped[c] = candidates[position[c]];
    groupedRank[c] = rank[position[c]];
  }
  const store = buildStore(grouped, vocab, context, true, groupedRank);
  const occ = new Map<number, number[]>();
  const post = new Map<number, Map<number, number[]>>();
  for (let c = 0; c < store.n; c++) {
    const o = store.occ[c];
    const g = bucket(occ, o, () => []);
    g.push(c);
    const m = bucket(post, o, () => new Map());
    for (let j = store.skStart[c]; j < store.skStart[c + 1]; j++) {
      const s = store.skId[j];
      const l = bucket(m, s, () => []);
      if (l[l.length - 1] !== c) l.push(c);
    }
  }
  const postings = new Map<number, Map<number, Int32Array>>();
  for (const [o, m] of post) postings.set(o, groupInts(m));
  return {
    context,
    vocab,
    store,
    byOcc: groupInts(occ),
    postings,
    head: new Int32Array(vocab.skills.size).fill(-1),
    position,
  };
}

/** Picks the candidate list to scan: the rarest essential skill's postings, else the whole occupation. */
function scanList(idx: CohortIndex, p: PreparedOrder): Int32Array {
  const group = idx.byOcc.get(p.occ);
  if (!group || p.impossible) return EMPTY;
  if (p.essential.length === 0) return group;
  const post = idx.postings.get(p.occ);
  let best: Int32Array | null = null;
  for (let i = 0; i < p.essential.length; i++) {
    const l = post?.get(p.reqSkill[p.essential[i]]) ?? EMPTY;
    if (best === null || l.length < best.length) best = l;
  }
  return best ?? EMPTY;
}

/**
 * Top-k candidates for an order: exactly the k best eligible pairs with score > 0 that scoring every
 * candidate would give (ties by id ascending), but scanning only the occupation's candidates that hold the
 * rarest essential skill, and skipping the skills computation when even a perfect skills score could not
 * beat the current k-th score.
 */
export function topK(idx: CohortIndex, order: MatchOrder, k: number): RankedMatch[] {
  return topStored(idx, order, k).map((h) => ({ id: idx.store.candidates[h.item].id, score: h.score }));
}

/** `topK` as positions in the array the index was built from (best first), for callers that work by index. */
export function topHits(idx: CohortIndex, order: MatchOrder, k: number): { item: number; score: number }[] {
  return topStored(idx, order, k).map((h) => ({ item: idx.position[h.item], score: h.score }));
}

/** The top k as store indices. */
function topStored(idx: CohortIndex, order: MatchOrder, k: number): { item: number; score: number }[] {
  if (k <= 0) return [];
  const p = prepareOrder(order, idx.vocab, idx.context, false);
  const list = p.occ < 0 ? EMPTY : scanList(idx, p);
  if (list.length === 0) return [];
  const { head, store } = idx;
  const nEnt = p.entSkill.length;
  const next = new Int32Array(nEnt);
  for (let e = nEnt - 1; e >= 0; e--) {
    next[e] = head[p.entSkill[e]];
    head[p.entSkill[e]] = e;
  }
  const heap = new TopHeap(k);
  const sc = newScratch(p.nReq);
  const rest = new Float64Array(5);
  try {
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      // Signature bound first: it rejects most candidates without touching their skill lists.
      const ub = skillsBound(p, store, c);
      if (ub < 0) continue;
      restFactors(p, store, c, rest);
      if (combineFactors(p, ub, rest) < heap.threshold()) continue;
      const sk = skillsFast(p, store, c, head, next, sc);
      if (sk < 0) continue;
      const s = combineFactors(p, sk, rest);
      if (s > 0) heap.push(s, store.idRank[c], c);
    }
  } finally {
    for (let e = 0; e < nEnt; e++) head[p.entSkill[e]] = -1;
  }
  return heap.sorted();
}

/** Index of open orders for cohort → orders queries. */
export interface OrderIndex {
  context: ScoreContext;
  vocab: Vocab;
  orders: MatchOrder[];
  prepared: PreparedOrder[];
  heads: Map<number, number>[];
  nexts: Int32Array[];
  idRank: Int32Array;
  /** Orders with no essential skill, per occupation. */
  open: Map<number, Int32Array>;
  /** Orders keyed by occupation and their first essential skill: a cohort must hold it to qualify. */
  byEssential: Map<number, Map<number, Int32Array>>;
}

/** Builds the order index (see `topOrdersForCohort`). */
export function buildOrderIndex(orders: MatchOrder[], context: ScoreContext): OrderIndex {
  const vocab = newVocab();
  const prepared = orders.map((o) => prepareOrder(o, vocab, context, true));
  const heads: Map<number, number>[] = [];
  const nexts: Int32Array[] = [];
  const open = new Map<number, number[]>();
  const ess = new Map<number, Map<number, number[]>>();
  prepared.forEach((p, o) => {
    const head = new Map<number, number>();
    const next = new Int32Array(p.entSkill.length);
    for (let e = p.entSkill.length - 1; e >= 0; e--) {
      next[e] = head.get(p.entSkill[e]) ?? -1;
      head.set(p.entSkill[e], e);
    }
    heads.push(head);
    nexts.push(next);
    if (p.essential.length === 0) {
      bucket(open, p.occ, () => []).push(o);
    } else {
      const m = bucket(ess, p.occ, () => new Map<number, number[]>());
      const s = p.reqSkill[p.essential[0]];
      const g = bucket(m, s, () => []);
      g.push(o);
    }
  });
  const byEssential = new Map<number, Map<number, Int32Array>>();
  for (const [occ, m] of ess) byEssential.set(occ, groupInts(m));
  const sortedIdx = orders
    .map((_, i) => i)
    .sort((a, b) => (orders[a].id < orders[b].id ? -1 : orders[a].id > orders[b].id ? 1 : 0));
  const idRank = new Int32Array(orders.length);
  sortedIdx.forEach((o, r) => {
    idRank[o] = r;
  });
  return { context, vocab, orders, prepared, heads, nexts, idRank, open: groupInts(open), byEssential };
}

/** Top-k orders for a cohort; same exactness and tie rules as `topK`. */
export function topOrdersForCohort(idx: OrderIndex, cohort: MatchCandidate, k: number): RankedMatch[] {
  if (k <= 0) return [];
  const st = buildStore([cohort], idx.vocab, idx.context, false);
  const occ = st.occ[0];
  if (occ < 0) return [];
  const lists: Int32Array[] = [idx.open.get(occ) ?? EMPTY];
  const ess = idx.byEssential.get(occ);
  if (ess) {
    const seen = new Set<number>();
    for (let j = st.skStart[0]; j < st.skStart[1]; j++) {
      const s = st.skId[j];
      if (s < 0 || seen.has(s)) continue;
      seen.add(s);
      const l = ess.get(s);
      if (l) lists.push(l);
    }
  }
  const heap = new TopHeap(k);
  const sc = newScratch(64);
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const o = list[i];
      const p = idx.prepared[o];
      const ub = skillsBound(p, st, 0);
      if (ub < 0 || combineRest(p, st, 0, ub) < heap.threshold()) continue;
      const scratch = p.nReq <= 64 ? sc : newScratch(p.nReq);
      const sk = skillsFast(p, st, 0, idx.heads[o], idx.nexts[o], scratch);
      if (sk < 0) continue;
      const s = combineRest(p, st, 0, sk);
      if (s > 0) heap.push(s, idx.idRank[o], o);
    }
  }
  return heap.sorted().map((h) => ({ id: idx.orders[h.item].id, score: h.score }));
}

/** Reference: scores every candidate with `score` and keeps the k best eligible ones (score > 0). */
export function bruteForceTopK(
  order: MatchOrder,
  candidates: MatchCandidate[],
  context: ScoreContext,
  k: number,
): RankedMatch[] {
  const all: RankedMatch[] = [];
  for (const c of candidates) {
    const r = score(order, c, context);
    if (r.eligible && r.score > 0) all.push({ id: c.id, score: r.score });
  }
  return all.sort(byScoreThenId).slice(0, k);
}

/** Reference for `topOrdersForCohort`. */
export function bruteForceTopOrders(
  cohort: MatchCandidate,
  orders: MatchOrder[],
  context: ScoreContext,
  k: number,
): RankedMatch[] {
  const all: RankedMatch[] = [];
  for (const o of orders) {
    const r = score(o, cohort, context);
    if (r.eligible && r.score > 0) all.push({ id: o.id, score: r.score });
  }
  return all.sort(byScoreThenId).slice(0, k);
}

/** Score descending, then id ascending. */
export function byScoreThenId(a: RankedMatch, b: RankedMatch): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
