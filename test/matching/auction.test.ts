import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auctionMatching } from "../../src/matching/auction";

const graph = fc
  .record({ nLeft: fc.integer({ min: 1, max: 5 }), nRight: fc.integer({ min: 1, max: 5 }) })
  .chain(({ nLeft, nRight }) =>
    fc.record({
      nLeft: fc.constant(nLeft),
      nRight: fc.constant(nRight),
      edges: fc.uniqueArray(
        fc.record({
          from: fc.integer({ min: 0, max: nLeft - 1 }),
          to: fc.integer({ min: 0, max: nRight - 1 }),
          value: fc.constantFrom(1, 2, 3, 1000, 1001, 5000),
        }),
        { maxLength: 12, selector: (e) => `${e.from}-${e.to}` },
      ),
    }),
  );

/** Best Σ value over matchings, by enumeration. */
function bestMatching(edges: { from: number; to: number; value: number }[]): number {
  let best = 0;
  const usedLeft = new Set<number>();
  const usedRight = new Set<number>();
  const go = (k: number, acc: number) => {
    best = Math.max(best, acc);
    for (let e = k; e < edges.length; e++) {
      const { from, to, value } = edges[e];
      if (usedLeft.has(from) || usedRight.has(to)) continue;
      usedLeft.add(from);
      usedRight.add(to);
      go(e + 1, acc + value);
      usedLeft.delete(from);
      usedRight.delete(to);
    }
  };
  go(0, 0);
  return best;
}

describe("auctionMatching", () => {
  it("returns a matching within ε per left node of the best one when bidding runs to the end", () => {
    fc.assert(
      fc.property(graph, ({ nLeft, nRight, edges }) => {
        const matched = auctionMatching(
          nLeft,
          nRight,
          Int32Array.from(edges, (e) => e.from),
          Int32Array.from(edges, (e) => e.to),
          Float64Array.from(edges, (e) => e.value),
          Number.POSITIVE_INFINITY,
        );
        const picked = edges.filter((_, e) => matched[e] === 1);
        expect(new Set(picked.map((e) => e.from)).size).toBe(picked.length);
        expect(new Set(picked.map((e) => e.to)).size).toBe(picked.length);
        const eps = Math.max(1, Math.max(0, ...edges.map((e) => e.value)) / 1000);
        const total = picked.reduce((s, e) => s + e.value, 0);
        expect(total).toBeGreaterThanOrEqual(bestMatching(edges) - nLeft * eps);
      }),
      { numRuns: 500 },
    );
  });

  it("stopped at the bid cap, still returns a matching", () => {
    fc.assert(
      fc.property(graph, fc.integer({ min: 0, max: 5 }), ({ nLeft, nRight, edges }, maxBids) => {
        const matched = auctionMatching(
          nLeft,
          nRight,
          Int32Array.from(edges, (e) => e.from),
          Int32Array.from(edges, (e) => e.to),
          Float64Array.from(edges, (e) => e.value),
          maxBids,
        );
        const picked = edges.filter((_, e) => matched[e] === 1);
        expect(picked.length).toBeLessThanOrEqual(maxBids);
        expect(new Set(picked.map((e) => e.from)).size).toBe(picked.length);
        expect(new Set(picked.map((e) => e.to)).size).toBe(picked.length);
      }),
      { numRuns: 300 },
    );
  });
});
