/** Exact max-profit transportation: split into independent components, each solved by the network simplex. */
import { runNetworkSimplex } from "./network-simplex";
import { transportNetwork } from "./transport-basis";

/**
 * Bipartite transportation problem: left node i has `supply[i]`, right node j accepts at most `capacity[j]`,
 * edge e carries 0..`edgeCap[e]` units from `edgeFrom[e]` to `edgeTo[e]` earning the integer `edgeProfit[e]`
 * per unit. Supply need not be shipped (it may stay unassigned at zero profit).
 */
export interface TransportProblem {
  nLeft: number;
  nRight: number;
  supply: ArrayLike<number>;
  capacity: ArrayLike<number>;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeProfit: Float64Array;
  edgeCap: Float64Array;
}

/** Solution: units per edge and the total profit. */
export interface TransportSolution {
  flow: Float64Array;
  profit: number;
  stats: {
    /** Independent parts (connected components of the useful edges) solved one by one, and the largest's edges. */
    components: number;
    largestComponent: number;
    /** Simplex pivots after the greedy start, and how many of them moved no flow. */
    pivots: number;
    degeneratePivots: number;
    /** Profit of the greedy starting solution, which the simplex raised to `profit`. */
    greedyProfit: number;
  };
}

/** Options of `solveTransport`. */
export interface TransportOptions {
  /**
   * Progress in candidate edges: `total` is the number of edges that can carry flow, `done` those of the
   * components solved so far; inside a large component `done` creeps forward with the pivots (an estimate that
   * stays below the component's end until it is solved). Called at most about every 1% or 4,096 pivots, and once
   * at the end with done = total. Never decreases.
   */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Maximises Σ profit·flow exactly. Edges that cannot carry flow or earn nothing (zero capacity at either end,
 * profit ≤ 0) carry 0. The rest falls into connected components that share no node, so each is solved on its own
 * (smaller pricing blocks, trees and working sets) by a primal network simplex from a greedy start; see
 * `transportNetwork` for the network and `runNetworkSimplex` for the pivoting. Profits must be integers.
 * Deterministic: the same problem always gives the same flow.
 * @example solveTransport(problem, { onProgress: (done, total) => bar.update(done / total) }).profit
 */
export function solveTransport(pr: TransportProblem, options: TransportOptions = {}): TransportSolution {
  const parts = components(pr);
  const total = parts.edges.length;
  const flow = new Float64Array(pr.edgeFrom.length);
  const stats = {
    components: parts.count,
    largestComponent: 0,
    pivots: 0,
    degeneratePivots: 0,
    greedyProfit: 0,
  };
  const onProgress = options.onProgress;
  let done = 0;
  let reported = 0;
  const report = (d: number) => {
    if (onProgress && d > reported && (d - reported) * 100 >= total) {
      reported = d;
      onProgress(d, total);
    }
  };
  let profit = 0;
  for (let c = 0; c < parts.count; c++) {
    const sub = parts.problem(c);
    const edges = parts.edges.subarray(parts.edgeStart[c], parts.edgeStart[c + 1]);
    const m = edges.length;
    stats.largestComponent = Math.max(stats.largestComponent, m);
    const net = transportNetwork(sub);
    for (let a = 0; a < m; a++) stats.greedyProfit += net.flow[a] * sub.edgeProfit[a];
    // Pivots come to about m/10 on the benchmarks: p/(p + m/8) creeps toward the part's end without reaching it.
    const guess = Math.max(1, m / 8);
    const run = runNetworkSimplex(net, {
      onPivots: onProgress && ((p) => report(done + Math.floor((m * p) / (p + guess)))),
    });
    stats.pivots += run.pivots;
    stats.degeneratePivots += run.degeneratePivots;
    for (let a = 0; a < m; a++) {
      flow[edges[a]] = net.flow[a];
      profit += net.flow[a] * sub.edgeProfit[a];
    }
    done += m;
    report(done);
  }
  if (onProgress && reported < total) onProgress(total, total);
  if (onProgress && total === 0) onProgress(0, 0);
  return { flow, profit, stats };
}

/**
 * Useful edges grouped by connected component (components numbered by first edge, edges in input order), with a
 * builder for each component's own problem over local node numbers.
 */
function components(pr: TransportProblem) {
  const { nLeft: L, nRight: R, edgeFrom, edgeTo, edgeProfit, edgeCap, supply, capacity } = pr;
  const link = new Int32Array(L + R);
  for (let x = 0; x < L + R; x++) link[x] = x;
  const find = (x: number) => {
    let r = x;
    while (link[r] !== r) {
      link[r] = link[link[r]];
      r = link[r];
    }
    return r;
  };
  const useful = new Int32Array(edgeFrom.length);
  let kept = 0;
  for (let e = 0; e < edgeFrom.length; e++) {
    const i = edgeFrom[e];
    const j = edgeTo[e];
    if (!(edgeCap[e] > 0 && edgeProfit[e] > 0 && supply[i] > 0 && capacity[j] > 0)) continue;
    useful[kept++] = e;
    const a = find(i);
    const b = find(L + j);
    if (a !== b) link[Math.max(a, b)] = Math.min(a, b);
  }
  const compOfRoot = new Int32Array(L + R).fill(-1);
  const edgeComp = new Int32Array(kept);
  let count = 0;
  for (let k = 0; k < kept; k++) {
    const r = find(edgeFrom[useful[k]]);
    if (compOfRoot[r] < 0) compOfRoot[r] = count++;
    edgeComp[k] = compOfRoot[r];
  }
  const edgeStart = new Int32Array(count + 1);
  for (let k = 0; k < kept; k++) edgeStart[edgeComp[k] + 1]++;
  for (let c = 0; c < count; c++) edgeStart[c + 1] += edgeStart[c];
  const fill = edgeStart.slice(0, count);
  const edges = new Int32Array(kept);
  for (let k = 0; k < kept; k++) edges[fill[edgeComp[k]]++] = useful[k];
  // Local numbers: a component's left (right) nodes in index order; only nodes with a useful edge get one.
  const local = new Int32Array(L + R).fill(-1);
  const nodeComp = new Int32Array(L + R).fill(-1);
  for (let k = 0; k < kept; k++) {
    const e = useful[k];
    nodeComp[edgeFrom[e]] = edgeComp[k];
    nodeComp[L + edgeTo[e]] = edgeComp[k];
  }
  const leftCount = new Int32Array(count);
  const rightCount = new Int32Array(count);
  for (let x = 0; x < L + R; x++) {
    const c = nodeComp[x];
    if (c >= 0) local[x] = x < L ? leftCount[c]++ : rightCount[c]++;
  }
  const problem = (c: number): TransportProblem => {
    const from = edgeStart[c];
    const m = edgeStart[c + 1] - from;
    const sub: TransportProblem = {
      nLeft: leftCount[c],
      nRight: rightCount[c],
      supply: new Float64Array(leftCount[c]),
      capacity: new Float64Array(rightCount[c]),
      edgeFrom: new Int32Array(m),
      edgeTo: new Int32Array(m),
      edgeProfit: new Float64Array(m),
      edgeCap: new Float64Array(m),
    };
    const sup = sub.supply as Float64Array;
    const room = sub.capacity as Float64Array;
    for (let a = 0; a < m; a++) {
      const e = edges[from + a];
      const i = local[edgeFrom[e]];
      const j = local[L + edgeTo[e]];
      sub.edgeFrom[a] = i;
      sub.edgeTo[a] = j;
      sub.edgeProfit[a] = edgeProfit[e];
      sub.edgeCap[a] = edgeCap[e];
      sup[i] = supply[edgeFrom[e]];
      room[j] = capacity[edgeTo[e]];
    }
    return sub;
  };
  return { count, edges, edgeStart, problem };
}
