import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AllocationProgress,
  type AllocationResult,
  SCORE_SCALE,
  allocateOptimal,
  candidatePairs,
} from "../../src/matching";
import { instance, rng, shuffled } from "./fixtures";

/** Small instance where most pairs are eligible: one occupation, no essential skills, tiny capacities. */
function small(seed: number, nOrders: number, nCohorts: number) {
  const inst = instance(seed, nOrders, nCohorts);
  const r = rng(seed ^ 0x5bd1e995);
  const orders = inst.orders.map((o) => ({
    ...o,
    occupationCode: "occA",
    requiredSkills: o.requiredSkills.map((s) => ({ ...s, essential: false })),
    headcountMin: 1 + Math.floor(r() * 2),
    headcountMax: 1 + Math.floor(r() * 4),
  }));
  const cohorts = inst.cohorts.map((c) => ({ ...c, occupationCode: "occA", size: 1 + Math.floor(r() * 3) }));
  const pairs = candidatePairs(orders, cohorts, inst.context, 1000);
  return { orders, cohorts, context: inst.context, pairs };
}

const unit = (s: number) => Math.round(s * SCORE_SCALE);

/** Best Σ round(score·1e6)·x over integer x with cohort sizes and order maxima (split formulation). */
function exhaustiveSplit(inst: ReturnType<typeof small>): number {
  const size = new Map(inst.cohorts.map((c) => [c.id, c.size]));
  const room = new Map(inst.orders.map((o) => [o.id, o.headcountMax]));
  let best = 0;
  const go = (i: number, acc: number) => {
    if (i === inst.pairs.length) {
      best = Math.max(best, acc);
      return;
    }
    const p = inst.pairs[i];
    const max = Math.min(size.get(p.cohortId)!, room.get(p.orderId)!);
    for (let x = 0; x <= max; x++) {
      size.set(p.cohortId, size.get(p.cohortId)! - x);
      room.set(p.orderId, room.get(p.orderId)! - x);
      go(i + 1, acc + unit(p.score) * x);
      size.set(p.cohortId, size.get(p.cohortId)! + x);
      room.set(p.orderId, room.get(p.orderId)! + x);
    }
  };
  go(0, 0);
  return best;
}

/** Best matching value: each cohort to ≤ 1 order, each order ≤ 1 cohort, min(size, max) trainees. */
function exhaustiveWhole(inst: ReturnType<typeof small>): number {
  const used = new Set<string>();
  let best = 0;
  const go = (ci: number, acc: number) => {
    if (ci === inst.cohorts.length) {
      best = Math.max(best, acc);
      return;
    }
    const c = inst.cohorts[ci];
    go(ci + 1, acc);
    for (const p of inst.pairs) {
      if (p.cohortId !== c.id || used.has(p.orderId)) continue;
      const o = inst.orders.find((x) => x.id === p.orderId)!;
      used.add(o.id);
      go(ci + 1, acc + unit(p.score) * Math.min(c.size, o.headcountMax));
      used.delete(o.id);
    }
  };
  go(0, 0);
  return best;
}

function checkCapacities(inst: ReturnType<typeof small>, res: AllocationResult, split: boolean) {
  const perOrder = new Map<string, number>();
  const perCohort = new Map<string, number>();
  const count = new Map<string, number>();
  for (const a of res.assignments) {
    perOrder.set(a.orderId, (perOrder.get(a.orderId) ?? 0) + a.headcount);
    perCohort.set(a.cohortId, (perCohort.get(a.cohortId) ?? 0) + a.headcount);
    count.set(a.cohortId, (count.get(a.cohortId) ?? 0) + 1);
    expect(inst.pairs.some((p) => p.orderId === a.orderId && p.cohortId === a.cohortId)).toBe(true);
    expect(a.headcount).toBeGreaterThan(0);
  }
  for (const o of inst.orders) expect(perOrder.get(o.id) ?? 0).toBeLessThanOrEqual(o.headcountMax);
  for (const c of inst.cohorts) expect(perCohort.get(c.id) ?? 0).toBeLessThanOrEqual(c.size);
  if (!split) for (const n of count.values()) expect(n).toBe(1);
  for (const u of res.underfilledOrders) expect(u.headcount).toBeLessThan(u.headcountMin);
  const under = new Set(res.underfilledOrders.map((u) => u.orderId));
  for (const o of inst.orders) expect(under.has(o.id)).toBe((perOrder.get(o.id) ?? 0) < o.headcountMin);
}

describe("allocateOptimal", () => {
  it("with split equals exhaustive search and respects every capacity", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (seed, no, nc) => {
          const inst = small(seed, no, nc);
          const res = allocateOptimal({ ...inst, allowSplit: true });
          expect(res.scaledObjective).toBe(exhaustiveSplit(inst));
          checkCapacities(inst, res, true);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("without split equals exhaustive search over one-to-one whole-cohort assignments", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        (seed, no, nc) => {
          const inst = small(seed, no, nc);
          const res = allocateOptimal({ ...inst, allowSplit: false });
          expect(res.scaledObjective).toBe(exhaustiveWhole(inst));
          checkCapacities(inst, res, false);
          const orders = res.assignments.map((a) => a.orderId);
          expect(new Set(orders).size).toBe(orders.length);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("reports the objective as Σ score × headcount", () => {
    const inst = small(11, 4, 6);
    const res = allocateOptimal({ ...inst, allowSplit: true });
    const sum = res.assignments.reduce((s, a) => s + a.score * a.headcount, 0);
    expect(res.objective).toBeCloseTo(sum, 9);
    expect(res.stats.pairs).toBeGreaterThan(0);
  });

  it("is deterministic whatever the input order", () => {
    fc.assert(
      fc.property(fc.integer(), fc.boolean(), (seed, allowSplit) => {
        const { orders, cohorts, context } = instance(seed, 15, 40);
        const r = rng(seed);
        const a = allocateOptimal({ orders, cohorts, context, allowSplit, k: 10 });
        const b = allocateOptimal({
          orders: shuffled(r, orders),
          cohorts: shuffled(r, cohorts),
          context,
          allowSplit,
          k: 10,
        });
        expect(b).toEqual(a);
      }),
      { numRuns: 30 },
    );
  });

  it("retrieving the pairs itself gives the same allocation as being given the top-k pairs", () => {
    fc.assert(
      fc.property(fc.integer(), fc.boolean(), (seed, allowSplit) => {
        const { orders, cohorts, context } = instance(seed, 12, 40);
        const pairs = candidatePairs(orders, cohorts, context, 10);
        expect(allocateOptimal({ orders, cohorts, context, allowSplit, k: 10 })).toEqual(
          allocateOptimal({ orders, cohorts, context, allowSplit, pairs: [...pairs, ...pairs.slice(0, 5)] }),
        );
      }),
      { numRuns: 30 },
    );
  });

  it("reports retrieval and then solve progress, each phase rising to done = total", () => {
    const { orders, cohorts, context } = instance(3, 150, 400);
    const seen: AllocationProgress[] = [];
    allocateOptimal({ orders, cohorts, context, allowSplit: true, onProgress: (p) => seen.push(p) });
    const phases = seen.map((p) => p.phase);
    expect(phases[0]).toBe("retrieval");
    expect(phases.lastIndexOf("retrieval")).toBeLessThan(phases.indexOf("solve"));
    for (const phase of ["retrieval", "solve"] as const) {
      const mine = seen.filter((p) => p.phase === phase);
      expect(mine.length).toBeGreaterThan(0);
      mine.forEach((p, i) => {
        expect(p.done).toBeLessThanOrEqual(p.total);
        if (i > 0) expect(p.done).toBeGreaterThan(mine[i - 1].done);
      });
      expect(mine[mine.length - 1].done).toBe(mine[mine.length - 1].total);
    }
    expect(seen.filter((p) => p.phase === "retrieval").at(-1)?.total).toBe(orders.length);
  });
});
