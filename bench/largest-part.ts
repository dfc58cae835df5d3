/** The largest independent part of a transportation problem, to compare the simplex with LEMON on one network. */
import type { TransportProblem } from "../src/matching";

/**
 * The connected component with the most edges (cohorts and orders linked through candidate pairs), renumbered,
 * as its own problem. `solveTransport` splits a problem into such parts before solving; LEMON gets the whole
 * network, so this part is where the two solvers compare engine to engine.
 */
export function largestPart(pr: TransportProblem): TransportProblem {
  const L = pr.nLeft;
  const link = Int32Array.from({ length: L + pr.nRight }, (_, x) => x);
  const find = (x: number) => {
    while (link[x] !== x) {
      link[x] = link[link[x]];
      x = link[x];
    }
    return x;
  };
  for (let e = 0; e < pr.edgeFrom.length; e++) {
    const a = find(pr.edgeFrom[e]);
    const b = find(L + pr.edgeTo[e]);
    if (a !== b) link[Math.max(a, b)] = Math.min(a, b);
  }
  const count = new Int32Array(L + pr.nRight);
  for (let e = 0; e < pr.edgeFrom.length; e++) count[find(pr.edgeFrom[e])]++;
  let root = 0;
  for (let x = 1; x < count.length; x++) if (count[x] > count[root]) root = x;
  const local = new Int32Array(L + pr.nRight).fill(-1);
  const supply: number[] = [];
  const capacity: number[] = [];
  for (let x = 0; x < L + pr.nRight; x++) {
    if (find(x) !== root) continue;
    if (x < L) {
      local[x] = supply.length;
      supply.push(pr.supply[x]);
    } else {
      local[x] = capacity.length;
      capacity.push(pr.capacity[x - L]);
    }
  }
  const edges = Array.from({ length: pr.edgeFrom.length }, (_, e) => e).filter(
    (e) => find(pr.edgeFrom[e]) === root,
  );
  return {
    nLeft: supply.length,
    nRight: capacity.length,
    supply,
    capacity,
    edgeFrom: Int32Array.from(edges, (e) => local[pr.edgeFrom[e]]),
    edgeTo: Int32Array.from(edges, (e) => local[L + pr.edgeTo[e]]),
    edgeProfit: Float64Array.from(edges, (e) => pr.edgeProfit[e]),
    edgeCap: Float64Array.from(edges, (e) => pr.edgeCap[e]),
  };
}
