import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SpanningTree, buildTree, moveSubtree } from "../../src/matching/spanning-tree";
import { rng } from "./fixtures";

/** A random tree on n nodes rooted at 0; node x hangs by arc x − 1, pointing up or down at random. */
function randomTree(r: () => number, n: number) {
  const parent = new Int32Array(n);
  const pred = new Int32Array(n);
  const source = new Int32Array(4 * n);
  const cost = new Float64Array(4 * n);
  const cap = new Float64Array(4 * n).fill(10);
  const flow = new Float64Array(4 * n);
  parent[0] = -1;
  pred[0] = -1;
  for (let x = 1; x < n; x++) {
    parent[x] = Math.floor(r() * x);
    pred[x] = x - 1;
    source[x - 1] = r() < 0.5 ? x : parent[x];
    cost[x - 1] = Math.floor(r() * 9) - 4;
    flow[x - 1] = Math.floor(r() * 11);
  }
  return { nodes: n, root: 0, source, cost, cap, flow, parent, pred };
}

const ancestors = (t: SpanningTree, x: number) => {
  const out: number[] = [];
  for (let y = x; y !== -1; y = t.parent[y]) out.push(y);
  return out;
};

/** The thread is a preorder of the parent links, and size, last and revThread agree with it. */
function expectConsistent(t: SpanningTree, n: number) {
  const order: number[] = [];
  for (let x = t.root, i = 0; i < n; i++, x = t.thread[x]) order.push(x);
  expect(new Set(order).size).toBe(n);
  expect(t.thread[order[n - 1]]).toBe(t.root);
  const pos = new Map(order.map((x, i) => [x, i]));
  for (let x = 0; x < n; x++) {
    expect(t.revThread[t.thread[x]]).toBe(x);
    const run = order.slice(pos.get(x)!, pos.get(x)! + t.size[x]);
    expect(run[run.length - 1]).toBe(t.last[x]);
    // Exactly the descendants of x form its run.
    const descendants = order.filter((y) => ancestors(t, y).includes(x));
    expect(new Set(run)).toEqual(new Set(descendants));
  }
}

describe("moveSubtree", () => {
  it("keeps the thread, sizes, run ends and tree-arc residuals consistent over random pivots", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 2, max: 30 }), (seed, n) => {
        const r = rng(seed);
        const net = randomTree(r, n);
        const t = buildTree(net);
        expectConsistent(t, n);
        for (let step = 0; step < 12; step++) {
          const leave = 1 + Math.floor(r() * (n - 1));
          const inside = Array.from({ length: n }, (_, x) => x).filter((x) =>
            ancestors(t, x).includes(leave),
          );
          const outside = Array.from({ length: n }, (_, x) => x).filter((x) => !inside.includes(x));
          const uIn = inside[Math.floor(r() * inside.length)];
          const vIn = outside[Math.floor(r() * outside.length)];
          const join = ancestors(t, uIn).find((x) => ancestors(t, vIn).includes(x))!;
          const path = ancestors(t, uIn).slice(0, ancestors(t, uIn).indexOf(leave) + 1);
          const before = path.map((x) => ({
            pred: t.pred[x],
            up: t.up[x],
            resUp: t.resUp[x],
            resDown: t.resDown[x],
          }));
          const enter = 2 * n + step;
          const enterUp = r() < 0.5;
          const enterFlow = Math.floor(r() * 11);
          moveSubtree(t, uIn, vIn, enter, enterUp, enterFlow, 10, leave, join);
          expect(t.parent[uIn]).toBe(vIn);
          expect(t.pred[uIn]).toBe(enter);
          expect([t.up[uIn], t.resUp[uIn], t.resDown[uIn]]).toEqual(
            enterUp ? [1, 10 - enterFlow, enterFlow] : [0, enterFlow, 10 - enterFlow],
          );
          for (let i = 1; i < path.length; i++) {
            const w = path[i];
            expect(t.parent[w]).toBe(path[i - 1]);
            expect(t.pred[w]).toBe(before[i - 1].pred);
            expect(t.up[w]).toBe(1 - before[i - 1].up);
            expect([t.resUp[w], t.resDown[w]]).toEqual([before[i - 1].resDown, before[i - 1].resUp]);
          }
          expectConsistent(t, n);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("builds potentials that zero every tree arc's reduced cost", () => {
    const net = randomTree(rng(5), 40);
    const t = buildTree(net);
    for (let x = 1; x < 40; x++) {
      const a = net.pred[x];
      const tail = net.source[a];
      const head = tail === x ? net.parent[x] : x;
      expect(net.cost[a] + t.pi[tail] - t.pi[head]).toBe(0);
    }
  });
});
