import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cohortBody, orderBody, programBody, publishedOrder } from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
type Org = Awaited<ReturnType<TestContext["org"]>>;
let company: Org;
let otherCompany: Org;
let provider: Org;
let rival: Org;
let orderId: string;
const cohort: Record<string, string> = {};

async function post(path: string, token: string, body: unknown) {
  const res = await t.call("POST", path, { token, body });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body;
}

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  otherCompany = await t.org("company");
  provider = await t.org("provider", { accredit: ["ai_engineer"] });
  rival = await t.org("provider", { accredit: ["ai_engineer"] });
  const now = t.clock.now();
  orderId = (await publishedOrder(t, company.token)).id;

  const program = await post("/v1/programs", provider.token, programBody());
  const rivalProgram = await post(
    "/v1/programs",
    rival.token,
    programBody({ pricePerTraineeFen: 2_500_000 }),
  );
  // Full fit; the same without computer vision; no deep learning at all (an essential skill); a rival's pricier one.
  cohort.full = (
    await post("/v1/cohorts", provider.token, cohortBody(now, program.id, { name: "Full fit" }))
  ).id;
  cohort.partial = (
    await post(
      "/v1/cohorts",
      provider.token,
      cohortBody(now, program.id, {
        name: "No CV",
        skills: [{ skillId: "skl_deep_learning", level: 3, share: 1 }],
      }),
    )
  ).id;
  cohort.missing = (
    await post(
      "/v1/cohorts",
      provider.token,
      cohortBody(now, program.id, {
        name: "No DL",
        skills: [{ skillId: "skl_computer_vision", level: 3, share: 1 }],
      }),
    )
  ).id;
  cohort.rival = (
    await post("/v1/cohorts", rival.token, cohortBody(now, rivalProgram.id, { name: "Rival" }))
  ).id;
});
afterAll(() => t.close());

describe("GET /v1/orders/{id}/matches", () => {
  it("ranks open cohorts best first with an explanation of every factor, leaving out ineligible ones", async () => {
    const res = await t.call("GET", `/v1/orders/${orderId}/matches`, { token: company.token });
    expect(res.status).toBe(200);
    const ids = res.body.data.map((m: { cohort: { id: string } }) => m.cohort.id);
    expect(ids).toEqual([cohort.full, cohort.partial, cohort.rival]);
    expect(ids).not.toContain(cohort.missing);
    const best = res.body.data[0];
    expect(best.eligible).toBe(true);
    expect(best.score).toBeGreaterThan(res.body.data[1].score);
    expect(best.factors.map((f: { factor: string }) => f.factor)).toEqual([
      "skills",
      "size",
      "timing",
      "location",
      "price",
      "trackRecord",
    ]);
    for (const f of best.factors) expect(typeof f.detail).toBe("string");
    // The same explanation as evidence a client can word in any language: skills by id, figures as numbers.
    expect(best.factors[0].evidence).toMatchObject({
      code: "skills_coverage",
      params: { required: 2, covered: 2, skills: [{ skillId: "skl_deep_learning", outcome: "met" }, {}] },
    });
    expect(best.factors[4].evidence).toMatchObject({
      code: "price_within_budget",
      params: { priceFen: 1_200_000, budgetFen: 1_500_000 },
    });
    expect(best.factors[5].evidence.code).toBe("track_record_city_prior");
    expect(Object.values(res.body.weights).reduce((a: number, b) => a + (b as number), 0)).toBeCloseTo(1);
    expect(Object.keys(best.cohort)).not.toContain("contractId");
  });

  it("applies the order's matchWeights and says so", async () => {
    const now = t.clock.now();
    const priced = await post(
      "/v1/orders",
      company.token,
      orderBody(now, {
        matchWeights: { skills: 0, size: 0, timing: 0, location: 0, trackRecord: 0, price: 1 },
      }),
    );
    const res = await t.call("GET", `/v1/orders/${priced.id}/matches`, { token: company.token });
    expect(res.body.weights.price).toBe(1);
    // By price alone the rival's cohort, 67% over budget, scores 0 and drops out; the provider's two tie at 1.
    const ids = res.body.data.map((m: { cohort: { id: string } }) => m.cohort.id);
    expect(ids).toEqual([cohort.full, cohort.partial].sort());
    expect(res.body.data.map((m: { score: number }) => m.score)).toEqual([1, 1]);
  });

  it("is for the ordering company and the bureau only", async () => {
    expect((await t.call("GET", `/v1/orders/${orderId}/matches`, { token: await t.bureau() })).status).toBe(
      200,
    );
    expect((await t.call("GET", `/v1/orders/${orderId}/matches`, { token: otherCompany.token })).status).toBe(
      403,
    );
    expect((await t.call("GET", `/v1/orders/${orderId}/matches`, { token: provider.token })).status).toBe(
      403,
    );
    expect((await t.call("GET", `/v1/orders/${orderId}/matches`)).status).toBe(401);
    const draft = await post("/v1/orders", company.token, orderBody(t.clock.now()));
    expect(
      (await t.call("GET", `/v1/orders/${draft.id}/matches`, { token: otherCompany.token })).status,
    ).toBe(404);
    expect((await t.call("GET", "/v1/orders/ord_nope/matches", { token: company.token })).status).toBe(404);
  });

  it("validates limit", async () => {
    for (const limit of ["0", "101", "x"]) {
      expect(
        (await t.call("GET", `/v1/orders/${orderId}/matches?limit=${limit}`, { token: company.token }))
          .status,
      ).toBe(400);
    }
    const one = await t.call("GET", `/v1/orders/${orderId}/matches?limit=1`, { token: company.token });
    expect(one.body.data).toHaveLength(1);
  });
});

describe("GET /v1/cohorts/{id}/matches", () => {
  it("ranks open orders for the provider's cohort", async () => {
    const res = await t.call("GET", `/v1/cohorts/${cohort.full}/matches`, { token: provider.token });
    expect(res.status).toBe(200);
    expect(res.body.data.map((m: { order: { id: string } }) => m.order.id)).toContain(orderId);
    const match = res.body.data.find((m: { order: { id: string } }) => m.order.id === orderId);
    expect(match.eligible).toBe(true);
    expect(match.factors).toHaveLength(6);
  });

  it("leaves out orders with an essential skill the cohort lacks, keeps those whose essentials it holds", async () => {
    const nlp = await publishedOrder(t, company.token, {
      requiredSkills: [
        { skillId: "skl_natural_language_processing", minLevel: 2, weight: 3, essential: true },
      ],
    });
    const optional = await publishedOrder(t, company.token, {
      requiredSkills: [
        { skillId: "skl_natural_language_processing", minLevel: 2, weight: 3, essential: false },
        { skillId: "skl_computer_vision", minLevel: 3, weight: 3, essential: true },
      ],
    });
    const res = await t.call("GET", `/v1/cohorts/${cohort.full}/matches?limit=100`, {
      token: provider.token,
    });
    const ids = res.body.data.map((m: { order: { id: string } }) => m.order.id);
    expect(ids).not.toContain(nlp.id);
    expect(ids).toContain(optional.id);
    const partial = await t.call("GET", `/v1/cohorts/${cohort.partial}/matches?limit=100`, {
      token: provider.token,
    });
    expect(partial.body.data.map((m: { order: { id: string } }) => m.order.id)).not.toContain(optional.id);
  });

  it("is for the cohort's provider and the bureau only", async () => {
    expect(
      (await t.call("GET", `/v1/cohorts/${cohort.full}/matches`, { token: await t.bureau() })).status,
    ).toBe(200);
    expect((await t.call("GET", `/v1/cohorts/${cohort.full}/matches`, { token: company.token })).status).toBe(
      403,
    );
    expect((await t.call("GET", `/v1/cohorts/${cohort.full}/matches`, { token: rival.token })).status).toBe(
      404,
    );
  });
});

describe("allocations", () => {
  it("the bureau allocates optimally; the result is stored and changes nothing", async () => {
    const before = await t.call("GET", `/v1/orders/${orderId}`, { token: company.token });
    const res = await t.allocate({ mode: "optimal", allowSplit: true });
    expect(res.status).toBe(200);
    expect(res.body.id).toMatch(/^alc_/);
    expect(res.body.status).toBe("succeeded");
    const mine = res.body.assignments.filter((a: { orderId: string }) => a.orderId === orderId);
    const headcount = mine.reduce((n: number, a: { headcount: number }) => n + a.headcount, 0);
    expect(headcount).toBe(20); // headcountMax, filled from the best cohorts (15 + 5)
    expect(mine.map((a: { cohortId: string }) => a.cohortId)).toContain(cohort.full);
    expect(res.body.objective).toBeCloseTo(
      res.body.assignments.reduce(
        (s: number, a: { score: number; headcount: number }) => s + a.score * a.headcount,
        0,
      ),
    );
    expect(res.body.stats).toMatchObject({
      orders: expect.any(Number),
      cohorts: 4,
      candidatePairs: expect.any(Number),
    });
    const read = await t.call("GET", `/v1/matching/allocations/${res.body.id}`, { token: await t.bureau() });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
    const after = await t.call("GET", `/v1/orders/${orderId}`, { token: company.token });
    expect(after.body.version).toBe(before.body.version);
  });

  it("stable allocation reports no blocking pairs, for either proposing side", async () => {
    for (const proposing of ["orders", "cohorts"]) {
      const res = await t.allocate({ mode: "stable", proposing, allowSplit: false });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ mode: "stable", proposing, blockingPairs: 0 });
      for (const a of res.body.assignments) expect(a.headcount).toBeGreaterThan(0);
    }
  });

  it("is bureau-only and validates its body", async () => {
    for (const token of [company.token, provider.token]) {
      expect(
        (await t.call("POST", "/v1/matching/allocations", { token, body: { mode: "optimal" } })).status,
      ).toBe(403);
    }
    for (const body of [
      {},
      { mode: "best" },
      { mode: "optimal", extra: true },
      { mode: "optimal", filter: { city: "" } },
    ]) {
      expect(
        (await t.call("POST", "/v1/matching/allocations", { token: await t.bureau(), body })).status,
      ).toBe(400);
    }
    expect(
      (await t.call("GET", "/v1/matching/allocations/alc_nope", { token: await t.bureau() })).status,
    ).toBe(404);
    const filtered = await t.allocate({ mode: "optimal", filter: { occupationCodes: ["vr_engineer"] } });
    expect(filtered.body.assignments).toEqual([]);
  });
});
