/** Track record in matching: providers' delivered outcomes, smoothed toward their city's, decide between equals. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smoothRate } from "../../src/matching/factors";
import { bidder, createCohort, type Org, publishedOrder, submittedBid } from "../fixtures";
import { activeContract, enrol, settle } from "../fixtures-delivery";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let strong: Awaited<ReturnType<typeof bidder>>;
let weak: Awaited<ReturnType<typeof bidder>>;
let company: Org;

/**
 * Two Beijing providers with the same program. Strong delivered 4 trainees: all completed, certified and hired.
 * Weak delivered 4: one completed (not certified, not hired), three dropped.
 */
beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  const assessor = await t.org("assessor", { accredit: ["ai_engineer"] });
  strong = await bidder(t);
  weak = await bidder(t);
  const start = t.clock.now();
  const s = await activeContract(t, { provider: strong, company, headcount: 4 });
  let n = 0;
  for (const x of await enrol(t, s, ["甲", "乙", "丙", "丁"])) {
    await settle(t, s, x);
    const day = t.clock.now().toISOString().slice(0, 10);
    const pass = await t.call("POST", `/v1/trainees/${x.id}/assessments`, {
      token: assessor.token,
      body: {
        occupationCode: "ai_engineer",
        level: 3,
        result: "pass",
        assessedOn: day,
        certificateNo: `TR-${n++}`,
      },
    });
    expect(pass.status).toBe(201);
    const hired = await t.call("POST", `/v1/trainees/${x.id}/placement`, {
      token: company.token,
      body: { hired: true },
    });
    expect(hired.status).toBe(201);
  }
  t.clock.set(start);
  const w = await activeContract(t, { provider: weak, company, headcount: 4 });
  const [first, ...rest] = await enrol(t, w, ["戊", "己", "庚", "辛"]);
  await settle(t, w, first);
  for (const x of rest) await settle(t, w, x, "dropped");
  t.clock.set(start);
});
afterAll(() => t.close());

describe("the track-record factor", () => {
  it("ranks a provider with a strong record above an otherwise equal one, and names the figures", async () => {
    const cohorts = {
      strong: (await createCohort(t, strong.token, strong.programId, { name: "Same cohort" })).id,
      weak: (await createCohort(t, weak.token, weak.programId, { name: "Same cohort" })).id,
    };
    const order = await publishedOrder(t, company.token);
    const res = await t.call("GET", `/v1/orders/${order.id}/matches`, { token: company.token });
    expect(res.status).toBe(200);
    const ids = res.body.data.map((m: { cohort: { id: string } }) => m.cohort.id);
    expect(ids).toEqual([cohorts.strong, cohorts.weak]);
    const [best, next] = res.body.data;
    // Every other factor scores the same: the track record alone decides.
    for (let i = 0; i < 5; i++) expect(best.factors[i].score).toBe(next.factors[i].score);
    expect(best.factors[5].score).toBeGreaterThan(next.factors[5].score);
    expect(best.score).toBeGreaterThan(next.score);

    // Beijing's pooled record: 5 completed of 8 settled, 4 of 5 certified, 4 of 5 placed.
    const prior = { completionRate: 0.625, certificationRate: 0.8, placementRate: 0.8 };
    expect(best.factors[5].evidence).toEqual({
      code: "track_record_history",
      params: {
        city: "Beijing",
        contracts: 1,
        rates: { completionRate: 1, certificationRate: 1, placementRate: 1 },
        prior,
        priorContracts: 5,
        smoothed: {
          completionRate: smoothRate(1, 1, 0.625),
          certificationRate: smoothRate(1, 1, 0.8),
          placementRate: smoothRate(1, 1, 0.8),
        },
      },
    });
    expect(next.factors[5].evidence.params.rates).toEqual({
      completionRate: 0.25,
      certificationRate: 0,
      placementRate: 0,
    });
    expect(best.factors[5].detail).toContain(
      "completion 100%, certification 100%, placement 100% over 1 contracts",
    );
    expect(next.factors[5].detail).toContain("completion 25%");
  });

  it("a provider with no delivery gets its city's average", async () => {
    const fresh = await bidder(t);
    const cohort = await createCohort(t, fresh.token, fresh.programId);
    const order = await publishedOrder(t, company.token);
    const res = await t.call("GET", `/v1/orders/${order.id}/matches`, { token: company.token });
    const match = res.body.data.find((m: { cohort: { id: string } }) => m.cohort.id === cohort.id);
    expect(match.factors[5].evidence).toEqual({
      code: "track_record_city_prior",
      params: {
        city: "Beijing",
        prior: { completionRate: 0.625, certificationRate: 0.8, placementRate: 0.8 },
      },
    });
  });

  it("an opened bid's ranking follows a change of track record (nothing is kept stale between requests)", async () => {
    const fresh = await bidder(t);
    // Its first contract is under way, nobody settled yet: no record.
    const contract = await activeContract(t, { provider: fresh, company, headcount: 1 });
    const [trainee] = await enrol(t, contract, ["壬"]);
    const order = await publishedOrder(t, company.token);
    const bid = await submittedBid(t, fresh, order);
    t.clock.set(new Date(new Date(order.bidDeadline).getTime() + 1000));
    const evidenceOfBid = async () => {
      const res = await t.call("GET", `/v1/orders/${order.id}/bids`, { token: company.token });
      expect(res.status).toBe(200);
      const entry = res.body.data.find((e: { bid: { id: string } }) => e.bid.id === bid.id);
      return entry.factors[5].evidence;
    };
    expect(await evidenceOfBid()).toEqual({
      code: "track_record_city_prior",
      params: {
        city: "Beijing",
        prior: { completionRate: 0.625, certificationRate: 0.8, placementRate: 0.8 },
      },
    });

    // The bidder delivers: its trainee completes, uncertified and not hired.
    await settle(t, contract, trainee);
    // Beijing now: 6 completed of 9 settled, 4 of 6 certified and placed.
    const prior = { completionRate: 0.6667, certificationRate: 0.6667, placementRate: 0.6667 };
    expect(await evidenceOfBid()).toEqual({
      code: "track_record_history",
      params: {
        city: "Beijing",
        contracts: 1,
        rates: { completionRate: 1, certificationRate: 0, placementRate: 0 },
        prior,
        priorContracts: 5,
        smoothed: {
          completionRate: smoothRate(1, 1, prior.completionRate),
          certificationRate: smoothRate(0, 1, prior.certificationRate),
          placementRate: smoothRate(0, 1, prior.placementRate),
        },
      },
    });
  });
});
