/** After the deadline: the ranked, explained bid list (the same scores as `score()`), disqualification, exclusions. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MatchCandidate, type MatchOrder, score } from "../../src/matching";
import { loadContext } from "../../src/modules/matching/load";
import { bidder, createCohort, draftBid, type Org, publishedOrder, submittedBid } from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let company: Org;
let bureau: string;
type Bidder = Awaited<ReturnType<typeof bidder>>;
const parties: Record<string, Bidder> = {};
// biome-ignore lint/suspicious/noExplicitAny: API bodies are read freely
let order: any;
// biome-ignore lint/suspicious/noExplicitAny: API bodies are read freely
const bid: Record<string, any> = {};

const post = (path: string, token: string, body?: unknown) => t.call("POST", path, { token, body });

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  bureau = await t.bureau();
  parties.full = await bidder(t);
  parties.noCv = await bidder(t, {
    program: { skills: [{ skillId: "skl_deep_learning", level: 3 }], mode: "online", city: "Tianjin" },
    city: "Tianjin",
  });
  parties.pricey = await bidder(t);
  parties.dropped = await bidder(t);
  parties.late = await bidder(t);
  parties.drafter = await bidder(t);
  order = await publishedOrder(t, company.token, { matchWeights: { skills: 4, price: 2 } });
  const cohort = await createCohort(t, parties.pricey.token, parties.pricey.programId, {
    size: 18,
    skills: [
      { skillId: "skl_deep_learning", level: 3, share: 0.8 },
      { skillId: "skl_computer_vision", level: 2, share: 0.6 },
    ],
  });
  bid.full = await submittedBid(t, parties.full, order);
  bid.noCv = await submittedBid(t, parties.noCv, order, { pricePerTraineeFen: 900_000, cohortSize: 10 });
  bid.pricey = await submittedBid(t, parties.pricey, order, {
    pricePerTraineeFen: 2_000_000,
    cohortId: cohort.id,
    cohortSize: 18,
  });
  bid.dropped = await submittedBid(t, parties.dropped, order, { pricePerTraineeFen: 1_000_000 });
  bid.late = await submittedBid(t, parties.late, order, { pricePerTraineeFen: 800_000 });
  bid.draft = await draftBid(t, parties.drafter, order);
  // An amendment the `late` bidder never reconfirms; the others do.
  const amended = await t.call("PATCH", `/v1/orders/${order.id}`, {
    token: company.token,
    body: { description: "Now with a night shift" },
    headers: { "If-Match": `"${order.version}"` },
  });
  expect(amended.status).toBe(200);
  for (const key of ["full", "noCv", "pricey", "dropped"]) {
    expect((await post(`/v1/bids/${bid[key].id}/reconfirm`, parties[key].token)).status).toBe(200);
  }
  afterDeadline();
  const dropped = await post(`/v1/bids/${bid.dropped.id}/disqualify`, company.token, {
    reason: "No instructors",
  });
  expect(dropped.status).toBe(200);
});
afterAll(() => t.close());

/** Moves past the deadline for one test (the setup resets the clock before each). */
const afterDeadline = () => t.clock.set(new Date(new Date(order.bidDeadline).getTime() + 1000));
const list = (token: string, query = "") => t.call("GET", `/v1/orders/${order.id}/bids${query}`, { token });
const ids = (body: { data: { bid: { id: string } }[] }) => body.data.map((r) => r.bid.id);

describe("disqualification", () => {
  it("is the ordering company's, during evaluation only, with a reason its provider sees", async () => {
    const own = await publishedOrder(t, company.token);
    const target = await submittedBid(t, parties.dropped, own);
    const path = `/v1/bids/${target.id}/disqualify`;
    const reason = { reason: "The proposal names no certified instructors." };
    expect((await post(path, company.token, reason)).status).toBe(404); // sealed: the company cannot see it yet
    t.clock.set(new Date(new Date(own.bidDeadline).getTime() + 1));
    expect((await post(path, bureau, reason)).status).toBe(403);
    expect((await post(path, parties.dropped.token, reason)).status).toBe(403);
    expect((await post(path, parties.full.token, reason)).status).toBe(404);
    expect((await post(path, company.token, {})).status).toBe(400);
    const res = await post(path, company.token, reason);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: "disqualified",
      exclusion: { kind: "disqualified", ...reason },
    });
    expect((await post(path, company.token, reason)).status).toBe(409);
    const seen = await t.call("GET", `/v1/bids/${target.id}`, { token: parties.dropped.token });
    expect(seen.body.exclusion).toEqual({ kind: "disqualified", ...reason });
  });
});

describe("the ranked bid list", () => {
  it("ranks evaluated bids with the engine's score() on the same data, then lists the excluded, marked", async () => {
    afterDeadline();
    const res = await list(company.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sealed: false, bidCount: 5, sort: "score" });
    const context = await loadContext(t.db);
    const matchOrder: MatchOrder = {
      id: order.id,
      occupationCode: order.occupationCode,
      requiredSkills: order.requiredSkills,
      headcountMin: order.headcountMin,
      headcountMax: order.headcountMax,
      city: order.location.city,
      district: order.location.district,
      remoteAllowed: order.location.remoteAllowed,
      deliverBy: order.deliverBy,
      budgetPerTraineeFen: order.budgetPerTraineeFen,
      matchWeights: order.matchWeights,
    };
    const candidate = (key: string, extra: Partial<MatchCandidate>): MatchCandidate => ({
      id: bid[key].id,
      kind: "bid",
      occupationCode: "ai_engineer",
      skills: [
        { skillId: "skl_computer_vision", level: 3, share: 1 },
        { skillId: "skl_deep_learning", level: 3, share: 1 },
      ],
      size: bid[key].cohortSize,
      readyDate: bid[key].endDate,
      city: "Beijing",
      district: null,
      mode: "onsite",
      pricePerTraineeFen: bid[key].pricePerTraineeFen,
      provider: {
        providerOrgId: parties[key].orgId,
        city: "Beijing",
        contracts: 0,
        completionRate: 0,
        certificationRate: 0,
        placementRate: 0,
      },
      ...extra,
    });
    const expected = {
      full: score(matchOrder, candidate("full", {}), context),
      noCv: score(
        matchOrder,
        candidate("noCv", {
          skills: [{ skillId: "skl_deep_learning", level: 3, share: 1 }],
          city: "Tianjin",
          mode: "online",
          provider: {
            providerOrgId: parties.noCv.orgId,
            city: "Tianjin",
            contracts: 0,
            completionRate: 0,
            certificationRate: 0,
            placementRate: 0,
          },
        }),
        context,
      ),
      pricey: score(
        matchOrder,
        candidate("pricey", {
          skills: [
            { skillId: "skl_computer_vision", level: 2, share: 0.6 },
            { skillId: "skl_deep_learning", level: 3, share: 0.8 },
          ],
          district: "Daxing",
        }),
        context,
      ),
    };
    const ranked = res.body.data.filter((r: { rank: number | null }) => r.rank !== null);
    const byScore = Object.entries(expected).sort(
      ([ka, a], [kb, b]) => b.score - a.score || bid[ka].id.localeCompare(bid[kb].id),
    );
    expect(ids({ data: ranked })).toEqual(byScore.map(([k]) => bid[k].id));
    for (const [i, [key, result]] of byScore.entries()) {
      expect(ranked[i]).toMatchObject({ rank: i + 1, eligible: true });
      expect(ranked[i].score).toBe(result.score);
      expect(ranked[i].factors).toEqual(result.factors);
      expect(ranked[i].bid.id).toBe(bid[key].id);
    }
    expect(res.body.weights).toEqual(expected.full.weights);
    // Explanations a person can read.
    const noCv = ranked.find((r: { bid: { id: string } }) => r.bid.id === bid.noCv.id);
    expect(noCv.factors.find((f: { factor: string }) => f.factor === "skills").detail).toMatch(
      /covers 1 of 2 required skills/,
    );
    expect(noCv.factors.find((f: { factor: string }) => f.factor === "price").detail).toMatch(
      /within the ¥15000.00 budget/,
    );

    const excluded = res.body.data.filter((r: { rank: number | null }) => r.rank === null);
    expect(
      excluded.map((r: { bid: { id: string; exclusion: { kind: string } } }) => [
        r.bid.id,
        r.bid.exclusion.kind,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [bid.late.id, "unreconfirmed"],
        [bid.dropped.id, "disqualified"],
      ]),
    );
    expect(excluded.every((r: { score: number }) => typeof r.score === "number")).toBe(true);
    expect(ids(res.body)).not.toContain(bid.draft.id);
  });

  it("sorts by price on request, cheapest first, excluded bids still last", async () => {
    afterDeadline();
    const res = await list(await t.bureau(), "?sort=price");
    expect(res.status).toBe(200);
    const evaluated = res.body.data.filter((r: { rank: number | null }) => r.rank !== null);
    expect(ids({ data: evaluated })).toEqual([bid.noCv.id, bid.full.id, bid.pricey.id]);
    expect(res.body.data.slice(3).every((r: { rank: number | null }) => r.rank === null)).toBe(true);
    expect((await list(company.token, "?sort=cheapest")).status).toBe(400);
  });

  it("shows a provider only its own bid, unranked but explained", async () => {
    afterDeadline();
    const res = await list(parties.noCv.token);
    expect(ids(res.body)).toEqual([bid.noCv.id]);
    expect(res.body.data[0].rank).toBeNull();
    expect(res.body.data[0].score).toBeGreaterThan(0);
    const drafter = await list(parties.drafter.token);
    expect(drafter.body.data.map((r: { bid: { status: string } }) => r.bid.status)).toEqual(["draft"]);
  });

  it("refuses other companies and assessors (403), and hides drafts of others' orders (404)", async () => {
    afterDeadline();
    const other = await t.org("company");
    const assessor = await t.org("assessor");
    for (const token of [other.token, assessor.token]) expect((await list(token)).status).toBe(403);
    expect((await t.call("GET", "/v1/orders/ord_missing/bids", { token: company.token })).status).toBe(404);
  });
});
