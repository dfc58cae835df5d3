import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { solveAssignment } from "../../src/matching";
import { rng } from "./fixtures";

/** Minimum over all injective maps of the smaller side into the larger. */
function bruteForce(cost: Float64Array, nr: number, nc: number, sign: number): number {
  let best = Number.POSITIVE_INFINITY;
  const usedR = new Array(nr).fill(false);
  const usedC = new Array(nc).fill(false);
  const go = (depth: number, acc: number) => {
    if (depth === Math.min(nr, nc)) {
      best = Math.min(best, acc);
      return;
    }
    if (nr <= nc) {
      for (let j = 0; j < nc; j++) {
        if (usedC[j]) continue;
        usedC[j] = true;
        go(depth + 1, acc + sign * cost[depth * nc + j]);
        usedC[j] = false;
      }
    } else {
      for (let i = 0; i < nr; i++) {
        if (usedR[i]) continue;
        usedR[i] = true;
        go(depth + 1, acc + sign * cost[i * nc + depth]);
        usedR[i] = false;
      }
    }
  };
  go(0, 0);
  return sign * best;
}

describe("solveAssignment", () => {
  it("equals brute force on small square and rectangular matrices, minimising or maximising", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        (seed, nr, nc, maximize) => {
          const r = rng(seed);
          const cost = Float64Array.from({ length: nr * nc }, () => Math.floor(r() * 10));
          const sol = solveAssignment(cost, nr, nc, { maximize });
          expect(sol.total).toBe(bruteForce(cost, nr, nc, maximize ? -1 : 1) + 0); // + 0 folds -0
          const cols = [...sol.rowToCol].filter((j) => j >= 0);
          expect(cols.length).toBe(Math.min(nr, nc));
          expect(new Set(cols).size).toBe(cols.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
