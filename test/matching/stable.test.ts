import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateStable, findBlockingPairs } from "../../src/matching";
import { instance, rng, shuffled } from "./fixtures";

const big = (inst: ReturnType<typeof instance>) => ({
  ...inst,
  orders: inst.orders.map((o) => ({ ...o, headcountMax: 1000 })),
});

describe("allocateStable", () => {
  it("leaves no blocking pair, whichever side proposes and whatever the capacities", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom("orders", "cohorts") as fc.Arbitrary<"orders" | "cohorts">,
        (seed, proposing) => {
          const inst = big(instance(seed, 12, 40));
          const r = rng(seed);
          const orderCapacity = new Map(inst.orders.map((o) => [o.id, 1 + Math.floor(r() * 3)]));
          const cohortCapacity = new Map(inst.cohorts.map((c) => [c.id, 1 + Math.floor(r() * 2)]));
          const res = allocateStable({ ...inst, proposing, orderCapacity, cohortCapacity, k: 15 });
          expect(res.blockingPairs).toEqual([]);
          expect(findBlockingPairs(res.preferences, res.matched)).toEqual([]);
          for (const [id, cap] of orderCapacity) {
            expect(res.assignments.filter((a) => a.orderId === id).length).toBeLessThanOrEqual(cap);
          }
          for (const [id, cap] of cohortCapacity) {
            expect(res.assignments.filter((a) => a.cohortId === id).length).toBeLessThanOrEqual(cap);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("never places more trainees than a cohort's size or an order's headcountMax, even when cohorts serve several orders", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom("orders", "cohorts") as fc.Arbitrary<"orders" | "cohorts">,
        (seed, proposing) => {
          const inst = instance(seed, 8, 30);
          const orderCapacity = new Map(inst.orders.map((o) => [o.id, 3]));
          const cohortCapacity = new Map(inst.cohorts.map((c) => [c.id, 3]));
          const res = allocateStable({ ...inst, proposing, orderCapacity, cohortCapacity, k: 15 });
          for (const c of inst.cohorts) {
            const placed = res.assignments
              .filter((a) => a.cohortId === c.id)
              .reduce((n, a) => n + a.headcount, 0);
            expect(placed).toBeLessThanOrEqual(c.size);
          }
          for (const o of inst.orders) {
            const placed = res.assignments
              .filter((a) => a.orderId === o.id)
              .reduce((n, a) => n + a.headcount, 0);
            expect(placed).toBeLessThanOrEqual(o.headcountMax);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("the proposing side gets its preferred stable matching (explicit rank lists)", () => {
    const inst = instance(1, 2, 2);
    const [o1, o2] = inst.orders.map((o) => o.id);
    const [c1, c2] = inst.cohorts.map((c) => c.id);
    const preferences = {
      orders: new Map([
        [o1, [c1, c2]],
        [o2, [c2, c1]],
      ]),
      cohorts: new Map([
        [c1, [o2, o1]],
        [c2, [o1, o2]],
      ]),
    };
    const pairs = (p: "orders" | "cohorts") =>
      allocateStable({ ...inst, proposing: p, preferences }).assignments.map(
        (a) => `${a.orderId}-${a.cohortId}`,
      );
    expect(pairs("orders")).toEqual([`${o1}-${c1}`, `${o2}-${c2}`]);
    expect(pairs("cohorts")).toEqual([`${o1}-${c2}`, `${o2}-${c1}`]);
  });

  it("findBlockingPairs detects a pair that both sides prefer", () => {
    const prefs = {
      orderPrefs: new Map([
        ["o1", ["c1", "c2"]],
        ["o2", ["c1", "c2"]],
      ]),
      cohortPrefs: new Map([
        ["c1", ["o1", "o2"]],
        ["c2", ["o1", "o2"]],
      ]),
    };
    const bad = [
      { orderId: "o1", cohortId: "c2" },
      { orderId: "o2", cohortId: "c1" },
    ];
    expect(findBlockingPairs(prefs, bad)).toEqual([{ orderId: "o1", cohortId: "c1" }]);
    expect(findBlockingPairs(prefs, [{ orderId: "o1", cohortId: "c1" }])).toEqual([
      { orderId: "o2", cohortId: "c2" },
    ]);
    const good = [
      { orderId: "o1", cohortId: "c1" },
      { orderId: "o2", cohortId: "c2" },
    ];
    expect(findBlockingPairs(prefs, good)).toEqual([]);
  });

  it("is deterministic whatever the input order", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const inst = instance(seed, 10, 30);
        const r = rng(seed);
        const a = allocateStable({ ...inst, proposing: "cohorts" });
        const b = allocateStable({
          ...inst,
          orders: shuffled(r, inst.orders),
          cohorts: shuffled(r, inst.cohorts),
          proposing: "cohorts",
        });
        expect(b.assignments).toEqual(a.assignments);
      }),
      { numRuns: 30 },
    );
  });
});
