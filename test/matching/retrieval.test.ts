import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bruteForceTopK,
  bruteForceTopOrders,
  buildCohortIndex,
  buildOrderIndex,
  topK,
  topOrdersForCohort,
} from "../../src/matching";
import { WIDE_SKILLS, instance } from "./fixtures";

describe("retrieval", () => {
  it("top-k cohorts for an order equal brute-force scoring of every cohort (ties by id)", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 120 }),
        fc.constantFrom(1, 3, 10, 50),
        (seed, n, k) => {
          const { orders, cohorts, context } = instance(seed, 8, n);
          const idx = buildCohortIndex(cohorts, context);
          for (const o of orders) expect(topK(idx, o, k)).toEqual(bruteForceTopK(o, cohorts, context, k));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("top-k orders for a cohort equal brute-force scoring of every order", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 80 }), fc.constantFrom(1, 5, 30), (seed, n, k) => {
        const { orders, cohorts, context } = instance(seed, n, 8);
        const idx = buildOrderIndex(orders, context);
        for (const c of cohorts)
          expect(topOrdersForCohort(idx, c, k)).toEqual(bruteForceTopOrders(c, orders, context, k));
      }),
      { numRuns: 150 },
    );
  });

  it("stays exact when skill signatures collide (more skills than signature bits)", () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(1, 5, 20), (seed, k) => {
        const { orders, cohorts, context } = instance(seed, 10, 300, WIDE_SKILLS);
        const idx = buildCohortIndex(cohorts, context);
        for (const o of orders) expect(topK(idx, o, k)).toEqual(bruteForceTopK(o, cohorts, context, k));
      }),
      { numRuns: 40 },
    );
  });

  it("returns only eligible pairs with a positive score, best first", () => {
    const { orders, cohorts, context } = instance(7, 20, 200);
    const idx = buildCohortIndex(cohorts, context);
    for (const o of orders) {
      const hits = topK(idx, o, 20);
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score);
      for (const h of hits) expect(h.score).toBeGreaterThan(0);
    }
  });

  it("an order for an unknown occupation or skill gets no candidates", () => {
    const { orders, cohorts, context } = instance(3, 1, 50);
    const idx = buildCohortIndex(cohorts, context);
    expect(topK(idx, { ...orders[0], occupationCode: "nope" }, 5)).toEqual([]);
    const withUnknown = {
      ...orders[0],
      requiredSkills: [{ skillId: "unknown", minLevel: 1, weight: 1, essential: true }],
    };
    expect(topK(idx, withUnknown, 5)).toEqual([]);
  });
});
