import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type TransportProblem, solveTransport } from "../../src/matching";
import { sspTransport } from "./transport-oracle";

/** Random transportation problems, degenerate ones included: zero and equal profits, zero capacities, no edges. */
const problem = (maxSide: number, maxEdges: number) =>
  fc
    .record({
      nLeft: fc.integer({ min: 0, max: maxSide }),
      nRight: fc.integer({ min: 0, max: maxSide }),
      profits: fc.constantFrom<number[]>(
        [0, 1, 2, 3],
        [5, 5, 5, 5],
        [0, 0, 7, 1_000_000],
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      ),
      amounts: fc.constantFrom<number[]>([0, 1, 1, 2], [1], [0, 1, 2, 3, 5, 8], [3, 3]),
    })
    .chain(({ nLeft, nRight, profits, amounts }) => {
      const amount = fc.constantFrom(...amounts);
      const edge = fc.record({
        from: fc.integer({ min: 0, max: Math.max(0, nLeft - 1) }),
        to: fc.integer({ min: 0, max: Math.max(0, nRight - 1) }),
        profit: fc.constantFrom(...profits),
        cap: amount,
      });
      return fc.record({
        nLeft: fc.constant(nLeft),
        nRight: fc.constant(nRight),
        supply: fc.array(amount, { minLength: nLeft, maxLength: nLeft }),
        capacity: fc.array(amount, { minLength: nRight, maxLength: nRight }),
        edges: nLeft > 0 && nRight > 0 ? fc.array(edge, { maxLength: maxEdges }) : fc.constant([]),
      });
    })
    .map(
      (p): TransportProblem => ({
        nLeft: p.nLeft,
        nRight: p.nRight,
        supply: p.supply,
        capacity: p.capacity,
        edgeFrom: Int32Array.from(p.edges, (e) => e.from),
        edgeTo: Int32Array.from(p.edges, (e) => e.to),
        edgeProfit: Float64Array.from(p.edges, (e) => e.profit),
        edgeCap: Float64Array.from(p.edges, (e) => e.cap),
      }),
    );

/** Best Σ profit·x over all integer flows, by enumeration (tiny problems only). */
function exhaustive(pr: TransportProblem): number {
  const left = Array.from(pr.supply);
  const room = Array.from(pr.capacity);
  let best = 0;
  const go = (e: number, acc: number) => {
    if (e === pr.edgeFrom.length) {
      best = Math.max(best, acc);
      return;
    }
    const i = pr.edgeFrom[e];
    const j = pr.edgeTo[e];
    const max = Math.min(left[i], room[j], pr.edgeCap[e]);
    for (let x = 0; x <= max; x++) {
      left[i] -= x;
      room[j] -= x;
      go(e + 1, acc + pr.edgeProfit[e] * x);
      left[i] += x;
      room[j] += x;
    }
  };
  go(0, 0);
  return best;
}

/** Flows are integers within every edge, supply and capacity bound, and earn the reported profit. */
function expectFeasible(pr: TransportProblem, flow: Float64Array, profit: number) {
  const out = new Float64Array(pr.nLeft);
  const inn = new Float64Array(pr.nRight);
  let sum = 0;
  flow.forEach((f, e) => {
    expect(Number.isInteger(f)).toBe(true);
    expect(f).toBeGreaterThanOrEqual(0);
    expect(f).toBeLessThanOrEqual(pr.edgeCap[e]);
    out[pr.edgeFrom[e]] += f;
    inn[pr.edgeTo[e]] += f;
    sum += f * pr.edgeProfit[e];
  });
  for (let i = 0; i < pr.nLeft; i++) expect(out[i]).toBeLessThanOrEqual(pr.supply[i]);
  for (let j = 0; j < pr.nRight; j++) expect(inn[j]).toBeLessThanOrEqual(pr.capacity[j]);
  expect(sum).toBe(profit);
}

describe("solveTransport", () => {
  it("equals exhaustive search on tiny problems", () => {
    fc.assert(
      fc.property(problem(3, 6), (pr) => {
        const sol = solveTransport(pr);
        expectFeasible(pr, sol.flow, sol.profit);
        expect(sol.profit).toBe(exhaustive(pr));
      }),
      { numRuns: 400 },
    );
  });

  it("equals successive shortest paths on larger random problems", () => {
    fc.assert(
      fc.property(problem(25, 150), (pr) => {
        const sol = solveTransport(pr);
        expectFeasible(pr, sol.flow, sol.profit);
        expect(sol.profit).toBe(sspTransport(pr).profit);
        expect(sol.profit).toBeGreaterThanOrEqual(sol.stats.greedyProfit);
      }),
      { numRuns: 400 },
    );
  });

  it("reports progress that never decreases and ends with done = total, and is deterministic", () => {
    fc.assert(
      fc.property(problem(25, 150), (pr) => {
        const seen: [number, number][] = [];
        const sol = solveTransport(pr, { onProgress: (done, total) => seen.push([done, total]) });
        expect(seen.length).toBeGreaterThan(0);
        const total = seen[seen.length - 1][1];
        expect(seen[seen.length - 1][0]).toBe(total);
        for (let i = 0; i < seen.length; i++) {
          expect(seen[i][1]).toBe(total);
          expect(seen[i][0]).toBeLessThanOrEqual(total);
          if (i > 0) expect(seen[i][0]).toBeGreaterThan(seen[i - 1][0]);
        }
        expect(solveTransport(pr)).toEqual(sol);
      }),
      { numRuns: 100 },
    );
  });
});
