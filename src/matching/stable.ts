/** Stable allocation: capacitated deferred acceptance (either side proposing) and a blocking-pair checker. */

/**
 * Two-sided preferences in typed form. Proposer p ranks receivers prefList[prefStart[p]..prefStart[p+1]) best
 * first; `rankAt[k]` is the receiver's rank of the proposer of entry k (-1: the receiver finds it unacceptable).
 */
export interface StableProblem {
  nP: number;
  nR: number;
  prefStart: Int32Array;
  prefList: Int32Array;
  rankAt: Int32Array;
  capP: Int32Array;
  capR: Int32Array;
}

/** Compiles rank lists (indices, best first) into a StableProblem; duplicate entries keep the first. */
export function stableProblem(
  proposerLists: ArrayLike<number>[],
  receiverLists: ArrayLike<number>[],
  capP: ArrayLike<number>,
  capR: ArrayLike<number>,
): StableProblem {
  const nP = proposerLists.length;
  const nR = receiverLists.length;
  const prefStart = new Int32Array(nP + 1);
  for (let p = 0; p < nP; p++) prefStart[p + 1] = prefStart[p] + proposerLists[p].length;
  const prefList = new Int32Array(prefStart[nP]);
  const owner = new Int32Array(prefStart[nP]);
  const stamp = new Int32Array(nR).fill(-1);
  let k = 0;
  for (let p = 0; p < nP; p++) {
    const l = proposerLists[p];
    for (let t = 0; t < l.length; t++) {
      if (stamp[l[t]] === p) continue;
      stamp[l[t]] = p;
      prefList[k] = l[t];
      owner[k++] = p;
    }
    prefStart[p + 1] = k;
  }
  // Receiver-side ranks via a per-receiver bucket of entries pointing at it.
  const byR = new Int32Array(nR + 1);
  for (let e = 0; e < k; e++) byR[prefList[e] + 1]++;
  for (let r = 0; r < nR; r++) byR[r + 1] += byR[r];
  const fill = byR.slice(0, nR);
  const entries = new Int32Array(k);
  for (let e = 0; e < k; e++) entries[fill[prefList[e]]++] = e;
  const rankAt = new Int32Array(k).fill(-1);
  const pos = new Int32Array(nP).fill(-1);
  for (let r = 0; r < nR; r++) {
    const l = receiverLists[r];
    for (let t = l.length - 1; t >= 0; t--) pos[l[t]] = t;
    for (let i = byR[r]; i < byR[r + 1]; i++) rankAt[entries[i]] = pos[owner[entries[i]]];
    for (let t = 0; t < l.length; t++) pos[l[t]] = -1;
  }
  return {
    nP,
    nR,
    prefStart: prefStart.subarray(0, nP + 1),
    prefList: prefList.subarray(0, k),
    rankAt,
    capP: Int32Array.from(capP),
    capR: Int32Array.from(capR),
  };
}

/**
 * Proposer-optimal deferred acceptance with capacities on both sides (many-to-many with responsive
 * preferences). Returns a 0/1 flag per preference entry: matched or not. Deterministic (proposers are
 * processed by index through a FIFO queue).
 */
export function deferredAcceptance(sp: StableProblem): Uint8Array {
  const { nP, nR, prefStart, prefList, rankAt, capP, capR } = sp;
  const matched = new Uint8Array(prefList.length);
  const next = prefStart.slice(0, nP);
  const held = new Int32Array(nP);
  // Per-receiver max-heap (worst rank on top) of held entries, stored in one flat array.
  const hStart = new Int32Array(nR + 1);
  for (let r = 0; r < nR; r++) hStart[r + 1] = hStart[r] + Math.max(0, capR[r]);
  const heap = new Int32Array(hStart[nR]);
  const hLen = new Int32Array(nR);
  const queue = new Int32Array(nP + prefList.length + 1);
  let qh = 0;
  let qt = 0;
  for (let p = 0; p < nP; p++) queue[qt++] = p;
  const owner = new Int32Array(prefList.length);
  for (let p = 0; p < nP; p++) for (let k = prefStart[p]; k < prefStart[p + 1]; k++) owner[k] = p;
  while (qh < qt) {
    const p = queue[qh++];
    while (held[p] < capP[p] && next[p] < prefStart[p + 1]) {
      const k = next[p]++;
      const r = prefList[k];
      const rk = rankAt[k];
      if (rk < 0 || capR[r] <= 0) continue;
      const b = hStart[r];
      let n = hLen[r];
      if (n === capR[r]) {
        const worst = heap[b];
        if (rankAt[worst] < rk) continue;
        matched[worst] = 0;
        const q = owner[worst];
        held[q]--;
        queue[qt++] = q;
        n--;
        heap[b] = heap[b + n];
        siftDown(heap, rankAt, b, n, 0);
      }
      heap[b + n] = k;
      hLen[r] = n + 1;
      let i = n;
      while (i > 0) {
        const par = (i - 1) >> 1;
        if (rankAt[heap[b + par]] >= rankAt[heap[b + i]]) break;
        const t = heap[b + par];
        heap[b + par] = heap[b + i];
        heap[b + i] = t;
        i = par;
      }
      matched[k] = 1;
      held[p]++;
    }
  }
  return matched;
}

function siftDown(heap: Int32Array, rank: Int32Array, b: number, n: number, i0: number): void {
  let i = i0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) return;
    let m = l;
    if (l + 1 < n && rank[heap[b + l + 1]] > rank[heap[b + l]]) m = l + 1;
    if (rank[heap[b + m]] <= rank[heap[b + i]]) return;
    const t = heap[b + m];
    heap[b + m] = heap[b + i];
    heap[b + i] = t;
    i = m;
  }
}

/**
 * Entries k (proposer, receiver) that block `matched`: both find each other acceptable, they are not matched,
 * and each has a free slot or prefers the other to its worst current partner.
 */
export function blockingEntries(sp: StableProblem, matched: Uint8Array): number[] {
  const { nP, nR, prefStart, prefList, rankAt, capP, capR } = sp;
  const worstP = new Int32Array(nP).fill(-1);
  const countP = new Int32Array(nP);
  const worstR = new Int32Array(nR).fill(-1);
  const countR = new Int32Array(nR);
  for (let p = 0; p < nP; p++) {
    for (let k = prefStart[p]; k < prefStart[p + 1]; k++) {
      if (!matched[k]) continue;
      const r = prefList[k];
      countP[p]++;
      countR[r]++;
      worstP[p] = k - prefStart[p];
      if (rankAt[k] > worstR[r]) worstR[r] = rankAt[k];
    }
  }
  const out: number[] = [];
  for (let p = 0; p < nP; p++) {
    for (let k = prefStart[p]; k < prefStart[p + 1]; k++) {
      if (matched[k] || rankAt[k] < 0) continue;
      const r = prefList[k];
      if (capP[p] <= 0 || capR[r] <= 0) continue;
      const pWants = countP[p] < capP[p] || k - prefStart[p] < worstP[p];
      const rWants = countR[r] < capR[r] || rankAt[k] < worstR[r];
      if (pWants && rWants) out.push(k);
    }
  }
  return out;
}

/** Rank lists and capacities by id, side-neutral (orders and cohorts). */
export interface StablePreferences {
  orderPrefs: Map<string, string[]>;
  cohortPrefs: Map<string, string[]>;
  orderCapacity?: Map<string, number>;
  cohortCapacity?: Map<string, number>;
}

/**
 * Pairs (order, cohort) that block a many-to-many matching under the given rank lists (capacity defaults 1).
 * @example findBlockingPairs(prefs, result.assignments) // [] for a stable allocation
 */
export function findBlockingPairs(
  prefs: StablePreferences,
  assignments: { orderId: string; cohortId: string }[],
): { orderId: string; cohortId: string }[] {
  const orderIds = [...new Set([...prefs.orderPrefs.keys(), ...assignments.map((a) => a.orderId)])].sort();
  const cohortIds = [...new Set([...prefs.cohortPrefs.keys(), ...assignments.map((a) => a.cohortId)])].sort();
  const oi = new Map(orderIds.map((id, i) => [id, i]));
  const ci = new Map(cohortIds.map((id, i) => [id, i]));
  const lists = (ids: string[], m: Map<string, string[]>, other: Map<string, number>) =>
    ids.map((id) => (m.get(id) ?? []).filter((x) => other.has(x)).map((x) => other.get(x) as number));
  const sp = stableProblem(
    lists(orderIds, prefs.orderPrefs, ci),
    lists(cohortIds, prefs.cohortPrefs, oi),
    orderIds.map((id) => prefs.orderCapacity?.get(id) ?? 1),
    cohortIds.map((id) => prefs.cohortCapacity?.get(id) ?? 1),
  );
  const matched = new Uint8Array(sp.prefList.length);
  for (const a of assignments) {
    const o = oi.get(a.orderId) as number;
    const c = ci.get(a.cohortId) as number;
    for (let k = sp.prefStart[o]; k < sp.prefStart[o + 1]; k++) if (sp.prefList[k] === c) matched[k] = 1;
  }
  return entriesToPairs(sp, blockingEntries(sp, matched), (o, c) => ({
    orderId: orderIds[o],
    cohortId: cohortIds[c],
  }));
}

/** Maps entries k back to (proposer, receiver) through `make`. */
export function entriesToPairs<T>(sp: StableProblem, ks: number[], make: (p: number, r: number) => T): T[] {
  return ks.map((k) => {
    let lo = 0;
    let hi = sp.nP - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (sp.prefStart[mid] <= k) lo = mid;
      else hi = mid - 1;
    }
    return make(lo, sp.prefList[k]);
  });
}
