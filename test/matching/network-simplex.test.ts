import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  LOWER,
  type SimplexNetwork,
  TREE,
  UPPER,
  runNetworkSimplex,
} from "../../src/matching/network-simplex";

/** A general min-cost flow problem: arcs with integer costs (negative too) and capacities, balanced supplies. */
const network = fc
  .record({
    n: fc.integer({ min: 1, max: 12 }),
    seedArcs: fc.array(
      fc.record({
        u: fc.nat(),
        v: fc.nat(),
        cost: fc.integer({ min: -6, max: 6 }),
        cap: fc.constantFrom(0, 1, 2, 3, 7, Number.POSITIVE_INFINITY),
      }),
      { maxLength: 48 },
    ),
    supply: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 12, maxLength: 12 }),
  })
  .map(({ n, seedArcs, supply }) => {
    // Uncapacitated arcs never cost less than zero, so no negative cycle is unbounded.
    const arcs = seedArcs
      .map((a) => ({
        ...a,
        u: a.u % n,
        v: a.v % n,
        cap: a.cost < 0 && a.cap === Number.POSITIVE_INFINITY ? 7 : a.cap,
      }))
      .filter((a) => a.u !== a.v);
    const b = supply.slice(0, n);
    b[n - 1] -= b.reduce((s, x) => s + x, 0);
    return { n, arcs, b };
  });

/**
 * The problem with a root node n and, as LEMON does, an artificial arc per node (node → root when its supply is
 * ≥ 0, root → node otherwise) carrying the supply at a cost no real path can beat: a strongly feasible start.
 */
function withArtificialRoot(p: {
  n: number;
  arcs: { u: number; v: number; cost: number; cap: number }[];
  b: number[];
}) {
  const m = p.arcs.length;
  const big = (Math.max(0, ...p.arcs.map((a) => Math.abs(a.cost))) + 1) * (p.n + 1);
  const net: SimplexNetwork = {
    nodes: p.n + 1,
    root: p.n,
    source: new Int32Array(m + p.n),
    target: new Int32Array(m + p.n),
    cost: new Float64Array(m + p.n),
    cap: new Float64Array(m + p.n),
    flow: new Float64Array(m + p.n),
    state: new Int8Array(m + p.n).fill(LOWER),
    parent: new Int32Array(p.n + 1).fill(p.n),
    pred: new Int32Array(p.n + 1),
  };
  p.arcs.forEach((a, e) => {
    net.source[e] = a.u;
    net.target[e] = a.v;
    net.cost[e] = a.cost;
    net.cap[e] = a.cap;
  });
  for (let x = 0; x < p.n; x++) {
    const e = m + x;
    net.source[e] = p.b[x] >= 0 ? x : p.n;
    net.target[e] = p.b[x] >= 0 ? p.n : x;
    net.cost[e] = big;
    net.cap[e] = Number.POSITIVE_INFINITY;
    net.flow[e] = Math.abs(p.b[x]);
    net.state[e] = TREE;
    net.pred[x] = e;
  }
  net.parent[p.n] = -1;
  net.pred[p.n] = -1;
  return net;
}

/**
 * Proves optimality: the flow is feasible, the final tree is a spanning tree, and the potentials that zero its
 * arcs' reduced costs leave no arc that could still move in a profitable direction (LP complementary slackness).
 */
function expectOptimalBasis(net: SimplexNetwork, b: number[]) {
  const n = net.nodes;
  const balance = new Float64Array(n);
  for (let e = 0; e < net.source.length; e++) {
    expect(net.flow[e]).toBeGreaterThanOrEqual(0);
    expect(net.flow[e]).toBeLessThanOrEqual(net.cap[e]);
    expect(Number.isInteger(net.flow[e])).toBe(true);
    balance[net.source[e]] += net.flow[e];
    balance[net.target[e]] -= net.flow[e];
  }
  for (let x = 0; x < n - 1; x++) expect(balance[x]).toBe(b[x]);
  const pi = new Float64Array(n);
  const known = new Uint8Array(n);
  known[net.root] = 1;
  for (let round = 0; round < n; round++) {
    for (let x = 0; x < n; x++) {
      if (known[x] || !known[net.parent[x]]) continue;
      const e = net.pred[x];
      expect(net.state[e]).toBe(TREE);
      expect([net.source[e], net.target[e]].sort()).toEqual([x, net.parent[x]].sort());
      pi[x] = net.source[e] === x ? pi[net.parent[x]] - net.cost[e] : pi[net.parent[x]] + net.cost[e];
      known[x] = 1;
    }
  }
  expect(Array.from(known).every((k) => k === 1)).toBe(true);
  for (let e = 0; e < net.source.length; e++) {
    const rc = net.cost[e] + pi[net.source[e]] - pi[net.target[e]];
    if (net.state[e] === LOWER) expect(net.flow[e] === 0 && rc >= 0).toBe(true);
    if (net.state[e] === UPPER) expect(net.flow[e] === net.cap[e] && rc <= 0).toBe(true);
    if (net.state[e] === TREE) expect(rc).toBe(0);
  }
}

describe("runNetworkSimplex", () => {
  it("ends at a provably optimal spanning-tree basis from an artificial start on general networks", () => {
    fc.assert(
      fc.property(network, (p) => {
        const net = withArtificialRoot(p);
        const stats = runNetworkSimplex(net);
        expect(stats.degeneratePivots).toBeLessThanOrEqual(stats.pivots);
        expectOptimalBasis(net, p.b);
      }),
      { numRuns: 1000 },
    );
  });

  it("reports progress every given number of pivots", () => {
    const p = {
      n: 6,
      arcs: [] as { u: number; v: number; cost: number; cap: number }[],
      b: [3, -1, 2, -2, 0, -2],
    };
    for (let u = 0; u < 6; u++)
      for (let v = 0; v < 6; v++) if (u !== v) p.arcs.push({ u, v, cost: ((u * 7 + v * 3) % 5) - 2, cap: 2 });
    const seen: number[] = [];
    const stats = runNetworkSimplex(withArtificialRoot(p), {
      progressEvery: 2,
      onPivots: (k) => seen.push(k),
    });
    expect(stats.pivots).toBeGreaterThan(2);
    expect(seen).toEqual(Array.from({ length: Math.floor(stats.pivots / 2) }, (_, i) => 2 * (i + 1)));
  });
});
