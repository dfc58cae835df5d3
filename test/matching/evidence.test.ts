/** Every factor carries machine-readable evidence (a code and its figures) that agrees with its score and sentence. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FactorResult, type MatchCandidate, type MatchOrder, score } from "../../src/matching";
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
    { skillId: "r3-0", minLevel: 2, weight: 1, essential: false },
  ],
  headcountMin: 10,
  headcountMax: 20,
  city: "bj",
  district: "d1",
  remoteAllowed: true,
  deliverBy: "2026-03-01",
  budgetPerTraineeFen: 10000,
};

const cohort: MatchCandidate = {
  id: "c1",
  kind: "cohort",
  occupationCode: "occA",
  skills: [
    { skillId: "r0-0", level: 3, share: 0.8 },
    { skillId: "r2-0", level: 1, share: 0.5 },
    { skillId: "r1-1", level: 4, share: 1 },
  ],
  size: 25,
  readyDate: "2026-03-11",
  city: "bj",
  district: "d2",
  mode: "onsite",
  pricePerTraineeFen: 12000,
  provider: {
    providerOrgId: "p1",
    city: "bj",
    contracts: 0,
    completionRate: 0,
    certificationRate: 0,
    placementRate: 0,
  },
};

const evidenceOf = (r: ReturnType<typeof score>, f: FactorResult["factor"]) =>
  r.factors.find((x) => x.factor === f)!.evidence;

describe("factor evidence", () => {
  it("lists each required skill with its outcome, level, share and credit", () => {
    const evidence = evidenceOf(score(order, cohort, ctx), "skills");
    expect(evidence).toEqual({
      code: "skills_coverage",
      params: {
        required: 4,
        covered: 1,
        skills: [
          {
            skillId: "r0-0",
            minLevel: 3,
            weight: 2,
            essential: true,
            outcome: "met",
            heldSkillId: "r0-0",
            level: 3,
            share: 0.8,
            credit: 0.8,
          },
          {
            skillId: "r2-0",
            minLevel: 2,
            weight: 1,
            essential: false,
            outcome: "shortfall",
            heldSkillId: "r2-0",
            level: 1,
            share: 0.5,
            credit: 0.25,
          },
          {
            skillId: "r1-0",
            minLevel: 4,
            weight: 1,
            essential: false,
            outcome: "related",
            heldSkillId: "r1-1",
            level: 4,
            share: 1,
            credit: 0.5,
          },
          {
            skillId: "r3-0",
            minLevel: 2,
            weight: 1,
            essential: false,
            outcome: "missing",
            heldSkillId: null,
            level: null,
            share: null,
            credit: 0,
          },
        ],
      },
    });
  });

  it("the skills score is the weighted mean of the listed credits", () => {
    const r = score(order, cohort, ctx);
    const skills = r.factors[0];
    if (skills.evidence.code !== "skills_coverage") throw new Error("expected coverage evidence");
    const list = skills.evidence.params.skills;
    const weighted =
      list.reduce((n, s) => n + s.weight * s.credit, 0) / list.reduce((n, s) => n + s.weight, 0);
    expect(skills.score).toBeCloseTo(weighted, 12);
  });

  it("gives size, days late, distance class, price against budget and the city prior", () => {
    const r = score(order, cohort, ctx);
    expect(evidenceOf(r, "size")).toEqual({
      code: "size_above",
      params: { size: 25, headcountMin: 10, headcountMax: 20 },
    });
    expect(evidenceOf(r, "timing")).toEqual({
      code: "timing_late",
      params: { readyDate: "2026-03-11", deliverBy: "2026-03-01", daysLate: 10, decayDays: 60 },
    });
    expect(evidenceOf(r, "location")).toEqual({
      code: "location_same_city",
      params: {
        distanceClass: "city",
        orderCity: "bj",
        orderDistrict: "d1",
        city: "bj",
        district: "d2",
        mode: "onsite",
      },
    });
    expect(evidenceOf(r, "price")).toEqual({
      code: "price_over_budget",
      params: { priceFen: 12000, budgetFen: 10000, overBudgetRatio: 0.2 },
    });
    expect(evidenceOf(r, "trackRecord")).toEqual({
      code: "track_record_city_prior",
      params: { city: "bj", prior: { completionRate: 0.5, certificationRate: 0.5, placementRate: 0.5 } },
    });
  });

  it("names the other situations by their own codes", () => {
    const early = { ...cohort, size: 12, readyDate: "2026-02-20", pricePerTraineeFen: 9000, district: "d1" };
    const r = score(order, early, ctx);
    expect(evidenceOf(r, "size").code).toBe("size_within");
    expect(evidenceOf(r, "timing")).toMatchObject({ code: "timing_on_time", params: { daysEarly: 9 } });
    expect(evidenceOf(r, "location").code).toBe("location_same_district");
    expect(evidenceOf(r, "price").code).toBe("price_within_budget");
    const remote = score(order, { ...cohort, city: "sh", mode: "online" }, ctx);
    expect(evidenceOf(remote, "location")).toMatchObject({
      code: "location_remote",
      params: { distanceClass: "remote", city: "sh", orderCity: "bj" },
    });
    const far = score({ ...order, remoteAllowed: false }, { ...cohort, city: "sh" }, ctx);
    expect(evidenceOf(far, "location").code).toBe("location_elsewhere");
    expect(evidenceOf(score({ ...order, budgetPerTraineeFen: 0 }, cohort, ctx), "price").code).toBe(
      "price_no_budget",
    );
    expect(evidenceOf(score({ ...order, requiredSkills: [] }, cohort, ctx), "skills")).toEqual({
      code: "skills_none_required",
      params: {},
    });
  });

  it("a provider with contracts shows its figures, the prior and the smoothing strength", () => {
    const provider = {
      ...cohort.provider,
      contracts: 3,
      completionRate: 1,
      certificationRate: 0.9,
      placementRate: 0.6,
    };
    expect(evidenceOf(score(order, { ...cohort, provider }, ctx), "trackRecord")).toEqual({
      code: "track_record_history",
      params: {
        city: "bj",
        contracts: 3,
        rates: { completionRate: 1, certificationRate: 0.9, placementRate: 0.6 },
        prior: { completionRate: 0.5, certificationRate: 0.5, placementRate: 0.5 },
        priorContracts: 5,
        // (3 × rate + 5 × 0.5) / 8
        smoothed: { completionRate: 0.6875, certificationRate: 0.65, placementRate: 0.5375 },
      },
    });
  });

  it("an ineligible pair says why as a code: a missing essential skill or another occupation", () => {
    const noEssential = { ...cohort, skills: cohort.skills.filter((s) => s.skillId !== "r0-0") };
    expect(score(order, noEssential, ctx).reasonEvidence).toEqual({
      code: "missing_essential_skill",
      params: { skillId: "r0-0" },
    });
    expect(score(order, { ...cohort, occupationCode: "occB" }, ctx).reasonEvidence).toEqual({
      code: "occupation_mismatch",
      params: { occupationCode: "occB", orderOccupationCode: "occA" },
    });
    expect(score(order, cohort, ctx).reasonEvidence).toBeUndefined();
  });

  it("every factor of every random pair has evidence whose code matches its factor", () => {
    const prefix = {
      skills: "skills_",
      size: "size_",
      timing: "timing_",
      location: "location_",
      price: "price_",
      trackRecord: "track_record_",
    };
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const { orders, cohorts, context: c } = instance(seed, 4, 8);
        for (const o of orders)
          for (const k of cohorts)
            for (const f of score(o, k, c).factors)
              expect(f.evidence.code.startsWith(prefix[f.factor])).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
