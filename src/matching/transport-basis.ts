/** The flow network of a transportation problem with a greedy, strongly feasible starting basis. */
import type { TransportProblem } from "./flow";
import { auctionMatching } from "./auction";
import { LOWER, type SimplexNetwork, TREE, UPPER } from "./network-simplex";

/**
 * Network of a transportation problem: nodes 0..L−1 (left), L..L+R−1 (right) and the sink T = L+R (the root).
 * Arcs 0..m−1 are the edges i→j (cost −profit, capacity edgeCap), m..m+L−1 the "leave unassigned" arcs i→T
 * (cost 0, uncapacitated: the supply bounds them anyway) and m+L..m+L+R−1 the arcs j→T (cost 0, capacity[j]).
 * Every edge must have a positive capacity, and positive supply and capacity at its ends.
 *
 * The starting flow is greedy: edges by profit descending each take min(remaining supply, remaining capacity,
 * edge capacity). When every supply, capacity and edge capacity is 1 (whole cohorts), the edges of a near-optimal
 * auction matching go first, which saves most of the (mostly degenerate) pivots such problems need. An edge left strictly between its bounds used up one of its ends, and no later edge can use that
 * end, so such edges form a forest and the flow is a basic solution. Tree: a node used up by an edge hangs below the
 * edge's other end (a left node only if the edge is not saturated; an edge that used up both ends serves the right
 * node); every other node hangs from T by its own arc. Following parent links leads to ever later edges, so there
 * is no cycle, and every node can push flow towards T along its path: the basis is strongly feasible.
 */
export function transportNetwork(pr: TransportProblem): SimplexNetwork {
  const { nLeft: L, nRight: R, edgeFrom, edgeTo, edgeProfit, edgeCap } = pr;
  const m = edgeFrom.length;
  const T = L + R;
  const nodes = L + R + 1;
  const arcs = m + L + R;
  const source = new Int32Array(arcs);
  const target = new Int32Array(arcs);
  const cost = new Float64Array(arcs);
  const cap = new Float64Array(arcs);
  for (let a = 0; a < m; a++) {
    source[a] = edgeFrom[a];
    target[a] = L + edgeTo[a];
    cost[a] = -edgeProfit[a];
    cap[a] = edgeCap[a];
  }
  for (let i = 0; i < L; i++) {
    source[m + i] = i;
    target[m + i] = T;
    cap[m + i] = Number.POSITIVE_INFINITY;
  }
  for (let j = 0; j < R; j++) {
    source[m + L + j] = L + j;
    target[m + L + j] = T;
    cap[m + L + j] = pr.capacity[j];
  }

  const flow = new Float64Array(arcs);
  const left = new Float64Array(L);
  const room = new Float64Array(R);
  for (let i = 0; i < L; i++) left[i] = pr.supply[i];
  for (let j = 0; j < R; j++) room[j] = pr.capacity[j];
  const usedUpBy = new Int32Array(L + R).fill(-1);
  const order = isUnit(pr)
    ? matchedFirst(byProfitDescending(edgeProfit), auctionMatching(L, R, edgeFrom, edgeTo, edgeProfit))
    : byProfitDescending(edgeProfit);
  for (let k = 0; k < m; k++) {
    const a = order[k];
    const i = edgeFrom[a];
    const j = edgeTo[a];
    const f = Math.min(left[i], room[j], edgeCap[a]);
    if (f <= 0) continue;
    flow[a] = f;
    left[i] -= f;
    room[j] -= f;
    if (left[i] === 0) usedUpBy[i] = a;
    if (room[j] === 0) usedUpBy[L + j] = a;
  }

  const state = new Int8Array(arcs).fill(LOWER);
  for (let a = 0; a < m; a++) if (flow[a] === cap[a]) state[a] = UPPER;
  for (let i = 0; i < L; i++) flow[m + i] = left[i];
  for (let j = 0; j < R; j++) {
    flow[m + L + j] = cap[m + L + j] - room[j];
    if (room[j] === 0) state[m + L + j] = UPPER;
  }
  const parent = new Int32Array(nodes);
  const pred = new Int32Array(nodes);
  for (let j = 0; j < R; j++) {
    const a = usedUpBy[L + j];
    parent[L + j] = a >= 0 ? edgeFrom[a] : T;
    pred[L + j] = a >= 0 ? a : m + L + j;
  }
  for (let i = 0; i < L; i++) {
    const a = usedUpBy[i];
    const below = a >= 0 && flow[a] < cap[a] && usedUpBy[L + edgeTo[a]] !== a;
    parent[i] = below ? L + edgeTo[a] : T;
    pred[i] = below ? a : m + i;
  }
  parent[T] = -1;
  pred[T] = -1;
  for (let x = 0; x < T; x++) state[pred[x]] = TREE;
  return { nodes, root: T, source, target, cost, cap, flow, state, parent, pred };
}

/**
 * Edge indices by profit descending, bucketed on 12 bits of the profit range: a stable counting sort, so near-ties
 * keep index order. Only the greedy start depends on this order, not the optimum.
 */
function byProfitDescending(profit: Float64Array): Int32Array {
  const m = profit.length;
  let max = 0;
  for (let a = 0; a < m; a++) if (profit[a] > max) max = profit[a];
  const buckets = 1 << 12;
  const scale = max > 0 ? (buckets - 1) / max : 0;
  const key = new Int32Array(m);
  const count = new Int32Array(buckets + 1);
  for (let a = 0; a < m; a++) {
    key[a] = buckets - 1 - Math.floor(profit[a] * scale);
    count[key[a] + 1]++;
  }
  for (let b = 0; b < buckets; b++) count[b + 1] += count[b];
  const order = new Int32Array(m);
  for (let a = 0; a < m; a++) order[count[key[a]]++] = a;
  return order;
}

/** Whether every supply, capacity and edge capacity is 1: an assignment problem. */
function isUnit(pr: TransportProblem): boolean {
  for (let i = 0; i < pr.nLeft; i++) if (pr.supply[i] !== 1) return false;
  for (let j = 0; j < pr.nRight; j++) if (pr.capacity[j] !== 1) return false;
  for (let e = 0; e < pr.edgeCap.length; e++) if (pr.edgeCap[e] !== 1) return false;
  return true;
}

/** `order` with the matched edges moved to the front, each part keeping its order. */
function matchedFirst(order: Int32Array, matched: Uint8Array): Int32Array {
  const out = new Int32Array(order.length);
  let k = 0;
  for (let i = 0; i < order.length; i++) if (matched[order[i]] === 1) out[k++] = order[i];
  for (let i = 0; i < order.length; i++) if (matched[order[i]] === 0) out[k++] = order[i];
  return out;
}
