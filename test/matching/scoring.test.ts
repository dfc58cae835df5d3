import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, type MatchCandidate, type MatchOrder, score } from "../../src/matching";
import { context, instance } from "./fixtures";

const ctx = {
  ...context(),
  cityTrackRecord: new Map([["bj", { completionRate: 0.5, certificationRate: 0.5, placementRate: 0.5 }]]),
};

const order: MatchOrder = {
  id: "o1",
  occupationCode: "occA",
  requiredSkills: [
    { skillId: "r0-0", minLevel: 3, weight: 2, essential: true },
    { skillId: "r2-0", minLevel: 2, weight: 1, essential: false },
    { skillId: "r1-0", minLevel: 4, weight: 1, essential: false },
  ],
  headcountMin: 10,
  headcountMax: 20,
  city: "bj",
  district: "d1",
  remoteAllowed: false,
  deliverBy: "2026-03-01",
  budgetPerTraineeFen: 10000,
};

const cohort: MatchCandidate = {
  id: "c1",
  kind: "cohort",
  occupationCode: "occA",
  skills: [
    { skillId: "r0-0", level: 3, share: 1 },
    { skillId: "r2-0", level: 1, share: 0.5 },
    { skillId: "r1-1", level: 4, share: 1 },
  ],
  size: 12,
  readyDate: "2026-03-11",
  city: "bj",
  district: "d2",
  mode: "onsite",
  pricePerTraineeFen: 12000,
  provider: {
    providerOrgId: "p1",
    city: "bj",
    contracts: 5,
    completionRate: 1,
    certificationRate: 1,
    placementRate: 1,
  },
};

const factor = (r: ReturnType<typeof score>, f: string) => r.factors.find((x) => x.factor === f)!;

describe("score", () => {
  it("matches a hand-computed score with every factor explained", () => {
    const r = score(order, cohort, ctx);
    // skills: (2·1 + 1·(0.5 shortfall × 0.5 share) + 1·(0.5 sibling)) / 4 = 0.6875
    expect(factor(r, "skills").score).toBeCloseTo(0.6875, 12);
    expect(factor(r, "size").score).toBe(1);
    expect(factor(r, "timing").score).toBeCloseTo(1 - 10 / 60, 12);
    expect(factor(r, "location").score).toBe(0.8);
    expect(factor(r, "price").score).toBeCloseTo(0.6, 12);
    // (5 contracts × 1 + 5 prior × 0.5) / 10 = 0.75 for every rate
    expect(factor(r, "trackRecord").score).toBeCloseTo(0.75, 12);
    expect(r.eligible).toBe(true);
    expect(r.score).toBeCloseTo(0.275 + 0.1 + 0.125 + 0.08 + 0.09 + 0.075, 12);
    expect(r.weights).toEqual(DEFAULT_WEIGHTS);
    expect(factor(r, "skills").detail).toBe(
      "covers 1 of 3 required skills; r2-0 at level 1 of 2 required; r1-0 only via related r1-1 (level 4)",
    );
    expect(factor(r, "timing").detail).toContain("10 days after");
  });

  it("uses taxonomy names in explanations when given", () => {
    const taxonomy = { ...ctx.taxonomy, names: new Map([["r2-0", "Solidity"]]) };
    const r = score(order, cohort, { ...ctx, taxonomy });
    expect(factor(r, "skills").detail).toContain("Solidity at level 1 of 2 required");
  });

  it("a missing essential skill makes the pair ineligible with score 0", () => {
    const c = { ...cohort, skills: cohort.skills.filter((s) => s.skillId !== "r0-0") };
    const r = score(order, c, ctx);
    expect(r).toMatchObject({ eligible: false, score: 0, reason: "missing essential skill r0-0" });
    expect(r.factors).toHaveLength(6);
  });

  it("a related skill earns credit but does not satisfy an essential requirement", () => {
    const c = { ...cohort, skills: [{ skillId: "r0", level: 5, share: 1 }] };
    expect(score(order, c, ctx).eligible).toBe(false);
    const soft = { ...order, requiredSkills: order.requiredSkills.map((s) => ({ ...s, essential: false })) };
    // parent r0 is related to r0-0 (0.5); r2-0 and r1-0 are unrelated: (2·0.5 + 0 + 0) / 4
    expect(factor(score(soft, c, ctx), "skills").score).toBeCloseTo(0.25, 12);
  });

  it("an essential skill one level short still qualifies with partial credit", () => {
    const c = { ...cohort, skills: [{ skillId: "r0-0", level: 2, share: 1 }] };
    const r = score(order, c, ctx);
    expect(r.eligible).toBe(true);
    expect(factor(r, "skills").score).toBeCloseTo((2 * 0.5) / 4, 12);
  });

  it("a different occupation is ineligible", () => {
    expect(score(order, { ...cohort, occupationCode: "occB" }, ctx)).toMatchObject({
      eligible: false,
      score: 0,
    });
  });

  it("a partial weight override merges with the defaults and is normalised", () => {
    const r = score({ ...order, matchWeights: { skills: 0.8, price: 0 } }, cohort, ctx);
    const sum = 0.8 + 0.1 + 0.15 + 0.1 + 0 + 0.1;
    expect(r.weights.skills).toBeCloseTo(0.8 / sum, 12);
    expect(r.weights.price).toBe(0);
    expect(factor(r, "timing").weight).toBeCloseTo(0.15 / sum, 12);
  });

  it("location tiers: district, city, remote-capable, elsewhere", () => {
    const loc = (o: Partial<MatchOrder>, c: Partial<MatchCandidate>) =>
      factor(score({ ...order, ...o }, { ...cohort, ...c }, ctx), "location").score;
    expect(loc({}, { district: "d1" })).toBe(1);
    expect(loc({ district: null }, {})).toBe(1);
    expect(loc({}, {})).toBe(0.8);
    expect(loc({ remoteAllowed: true }, { city: "sh", mode: "online" })).toBe(0.6);
    expect(loc({ remoteAllowed: true }, { city: "sh", mode: "onsite" })).toBe(0.2);
  });

  it("size, timing and price decay outside their targets", () => {
    const f = (c: Partial<MatchCandidate>, name: string) =>
      factor(score(order, { ...cohort, ...c }, ctx), name).score;
    expect(f({ size: 5 }, "size")).toBe(0.5);
    expect(f({ size: 40 }, "size")).toBe(0.5);
    expect(f({ readyDate: "2026-02-01" }, "timing")).toBe(1);
    expect(f({ readyDate: "2026-06-01" }, "timing")).toBe(0);
    expect(f({ pricePerTraineeFen: 9000 }, "price")).toBe(1);
    expect(f({ pricePerTraineeFen: 20000 }, "price")).toBe(0);
  });

  it("a provider without contracts gets its city's mean track record", () => {
    const p = { ...cohort.provider, contracts: 0 };
    expect(factor(score(order, { ...cohort, provider: p }, ctx), "trackRecord").score).toBeCloseTo(0.5, 12);
  });

  it("scores stay within [0,1] and ineligible pairs score 0", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const { orders, cohorts, context: c } = instance(seed, 5, 10);
        for (const o of orders) {
          for (const k of cohorts) {
            const r = score(o, k, c);
            expect(r.score).toBeGreaterThanOrEqual(0);
            expect(r.score).toBeLessThanOrEqual(1);
            if (!r.eligible) expect(r.score).toBe(0);
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});
