/** Primal network simplex over a strongly feasible spanning tree, with block-search pricing on typed arrays. */
import { type SpanningTree, buildTree, moveSubtree } from "./spanning-tree";

/** Arc states: at its lower bound, in the spanning tree, or at its upper bound (the sign makes pricing one product). */
export const LOWER = 1;
export const TREE = 0;
export const UPPER = -1;

/**
 * A min-cost flow network with a feasible flow that is a strongly feasible basis: `parent`/`pred` give every
 * non-root node its parent and the tree arc to it, each non-tree arc sits at the bound `state` says, and every node
 * can send a positive amount of flow to the root along its tree path. Costs must be integers so that potentials and
 * reduced costs are exact in float64.
 */
export interface SimplexNetwork {
  nodes: number;
  root: number;
  source: Int32Array;
  target: Int32Array;
  cost: Float64Array;
  /** Upper bounds; `Infinity` for an uncapacitated arc. */
  cap: Float64Array;
  flow: Float64Array;
  state: Int8Array;
  parent: Int32Array;
  pred: Int32Array;
}

/** Options of `runNetworkSimplex`. */
export interface SimplexOptions {
  /** Called with the pivots done so far, every `progressEvery` (default 4,096) pivots. */
  onPivots?: (pivots: number) => void;
  progressEvery?: number;
}

/** What a run did: pivots, and how many of them moved no flow (degenerate). */
export interface SimplexStats {
  pivots: number;
  degeneratePivots: number;
}

/**
 * Pivots until no arc has a negative reduced cost in a direction it may move, which is optimal, and leaves the
 * optimal flow in `net.flow` (and the final states in `net.state`). Pricing is block search (the rule LEMON
 * defaults to): scan the arcs cyclically in blocks of ⌈√m⌉ and enter the most violating arc of the first block
 * that has one. The leaving arc is the last blocking arc met walking the cycle from the join node in the cycle's
 * direction, which keeps the tree strongly feasible and so rules out cycling. Deterministic.
 */
export function runNetworkSimplex(net: SimplexNetwork, options: SimplexOptions = {}): SimplexStats {
  const { source, target, cost, cap, state } = net;
  const tree = buildTree(net);
  const { parent, size, pi, resUp, resDown, thread } = tree;
  const m = source.length;
  const block = Math.max(10, Math.ceil(Math.sqrt(m)));
  const every = options.progressEvery ?? 4096;
  let next = 0;
  let pivots = 0;
  let degenerate = 0;
  for (;;) {
    const enter = price(net, pi, next, block);
    if (enter < 0) break;
    next = enter + 1 === m ? 0 : enter + 1;

    // Flow goes first → second along the entering arc, so down the tree from the join node to `first` and up
    // from `second`. Climbing both paths to the join node (the endpoint with the smaller subtree climbs, an
    // ancestor always having the larger one) also finds each side's blocking arc: on the first side the deepest
    // (strict <), on the second the highest (<=), i.e. the last one met walking the cycle from the join node.
    const forward = state[enter] === LOWER;
    const first = forward ? source[enter] : target[enter];
    const second = forward ? target[enter] : source[enter];
    let x = first;
    let y = second;
    let minFirst = Number.POSITIVE_INFINITY;
    let minSecond = Number.POSITIVE_INFINITY;
    let leaveFirst = -1;
    let leaveSecond = -1;
    while (x !== y) {
      if (size[x] < size[y]) {
        if (resDown[x] < minFirst) {
          minFirst = resDown[x];
          leaveFirst = x;
        }
        x = parent[x];
      } else {
        if (resUp[y] <= minSecond) {
          minSecond = resUp[y];
          leaveSecond = y;
        }
        y = parent[y];
      }
    }
    const join = x;
    let delta = cap[enter];
    let leave = -1;
    let onFirst = false;
    if (minFirst < delta) {
      delta = minFirst;
      leave = leaveFirst;
      onFirst = true;
    }
    if (leaveSecond >= 0 && minSecond <= delta) {
      delta = minSecond;
      leave = leaveSecond;
      onFirst = false;
    }
    if (delta === Number.POSITIVE_INFINITY) throw new Error("min-cost flow is unbounded");

    if (delta > 0) {
      for (let z = first; z !== join; z = parent[z]) {
        resDown[z] -= delta;
        resUp[z] += delta;
      }
      for (let z = second; z !== join; z = parent[z]) {
        resUp[z] -= delta;
        resDown[z] += delta;
      }
    } else {
      degenerate++;
    }
    pivots++;

    if (leave < 0) {
      // The entering arc blocks itself: it only swaps bounds and the tree stays.
      state[enter] = forward ? UPPER : LOWER;
    } else {
      const out = tree.pred[leave];
      state[out] = (tree.up[leave] === 1 ? resDown[leave] : resUp[leave]) === 0 ? LOWER : UPPER;
      state[enter] = TREE;
      const uIn = onFirst ? first : second;
      const vIn = onFirst ? second : first;
      const enterFlow = forward ? delta : cap[enter] - delta;
      moveSubtree(tree, uIn, vIn, enter, source[enter] === uIn, enterFlow, cap[enter], leave, join);
      // The moved subtree's potentials shift so that the entering arc's reduced cost becomes zero.
      const sigma = source[enter] === uIn ? pi[vIn] - cost[enter] - pi[uIn] : pi[vIn] + cost[enter] - pi[uIn];
      if (sigma !== 0) for (let i = 0, z = uIn, n = size[uIn]; i < n; i++, z = thread[z]) pi[z] += sigma;
    }
    if (options.onPivots && pivots % every === 0) options.onPivots(pivots);
  }
  writeFlows(net, tree);
  return { pivots, degeneratePivots: degenerate };
}

/**
 * Block search: from `start`, cyclically, the arc with the most negative state × reduced cost within the first
 * block of `block` arcs that has one; -1 when no arc has one (optimal).
 */
function price(net: SimplexNetwork, pi: Float64Array, start: number, block: number): number {
  const { source, target, cost, state } = net;
  const m = source.length;
  let enter = -1;
  let best = 0;
  let from = start;
  for (let scanned = 0; scanned < m; ) {
    const to = Math.min(from + block, m);
    scanned += to - from;
    for (let e = from; e < to; e++) {
      const d = state[e] * (cost[e] + pi[source[e]] - pi[target[e]]);
      if (d < best) {
        best = d;
        enter = e;
      }
    }
    if (enter >= 0) return enter;
    from = to === m ? 0 : to;
  }
  return -1;
}

/** Non-tree arcs sit at a bound; tree arcs carry what their node's residuals say. Also returns the final tree. */
function writeFlows(net: SimplexNetwork, tree: SpanningTree): void {
  const { cap, flow, state } = net;
  for (let a = 0; a < flow.length; a++) flow[a] = state[a] === UPPER ? cap[a] : 0;
  for (let x = 0; x < net.nodes; x++) {
    if (x !== tree.root) flow[tree.pred[x]] = tree.up[x] === 1 ? tree.resDown[x] : tree.resUp[x];
  }
  net.parent.set(tree.parent);
  net.pred.set(tree.pred);
}
