/** Forward auction (Bertsekas): a near-optimal one-to-one matching to start the simplex on whole-cohort problems. */

/** Price step as a share of the largest value: smaller is closer to optimal but takes more bidding. */
const EPSILON_SHARE = 1 / 1000;
/** Bids allowed per edge before the auction stops with what it has (it is only a starting point). */
const BIDS_PER_EDGE = 20;

/**
 * A matching of left to right nodes by edges (`from[e]` → `to[e]`, earning `value[e]` > 0), where a left node may
 * also stay unmatched at value 0. Each unmatched left node bids for the right node with the best value − price,
 * raising that price by (best − second best + ε), with staying unmatched counting as a second best of 0; the left
 * node it outbids bids again. Prices start at 0 and only rise on matched right nodes, so the result is within ε per
 * left node of the best matching (ε = 0.1% of the largest value). Close values can start long price wars, so after
 * `maxBids` bids (by default 20 per edge) it stops with the matching it has, which is then only a good start.
 * Deterministic: nodes bid in queue order and ties go to the first edge. Returns 1 for each matched edge.
 */
export function auctionMatching(
  nLeft: number,
  nRight: number,
  from: Int32Array,
  to: Int32Array,
  value: Float64Array,
  maxBids = BIDS_PER_EDGE * from.length,
): Uint8Array {
  const m = from.length;
  const start = new Int32Array(nLeft + 1);
  for (let e = 0; e < m; e++) start[from[e] + 1]++;
  for (let i = 0; i < nLeft; i++) start[i + 1] += start[i];
  const fill = start.slice(0, nLeft);
  const edges = new Int32Array(m);
  for (let e = 0; e < m; e++) edges[fill[from[e]]++] = e;
  let maxValue = 0;
  for (let e = 0; e < m; e++) if (value[e] > maxValue) maxValue = value[e];
  const eps = Math.max(1, maxValue * EPSILON_SHARE);
  const price = new Float64Array(nRight);
  const owner = new Int32Array(nRight).fill(-1);
  const chosen = new Int32Array(nLeft).fill(-1);
  // Ring buffer of left nodes waiting to bid: at most nLeft at once.
  const queue = new Int32Array(nLeft + 1);
  let head = 0;
  let tail = 0;
  let waiting = 0;
  for (let i = 0; i < nLeft; i++) {
    queue[tail++] = i;
    waiting++;
  }
  let bidsLeft = maxBids;
  while (waiting > 0 && bidsLeft-- > 0) {
    const i = queue[head];
    head = head === nLeft ? 0 : head + 1;
    waiting--;
    let best = 0;
    let second = 0;
    let bestEdge = -1;
    for (let k = start[i]; k < start[i + 1]; k++) {
      const e = edges[k];
      const v = value[e] - price[to[e]];
      if (v > best) {
        second = best;
        best = v;
        bestEdge = e;
      } else if (v > second) {
        second = v;
      }
    }
    if (bestEdge < 0) continue;
    const j = to[bestEdge];
    price[j] += best - second + eps;
    const outbid = owner[j];
    owner[j] = i;
    chosen[i] = bestEdge;
    if (outbid >= 0) {
      chosen[outbid] = -1;
      queue[tail] = outbid;
      tail = tail === nLeft ? 0 : tail + 1;
      waiting++;
    }
  }
  const matched = new Uint8Array(m);
  for (let i = 0; i < nLeft; i++) if (chosen[i] >= 0) matched[chosen[i]] = 1;
  return matched;
}
