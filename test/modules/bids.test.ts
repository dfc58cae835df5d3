/** Drafting bids: every bid rule with the field it names, who may bid, one live bid per provider and order. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bidBody,
  bidder,
  createCohort,
  createProgram,
  draftBid,
  type Org,
  orderBody,
  programBody,
  publishedOrder,
  submittedBid,
} from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let company: Org;
let provider: Awaited<ReturnType<typeof bidder>>;
let rival: Awaited<ReturnType<typeof bidder>>;

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  provider = await bidder(t, { accredit: ["ai_engineer", "big_data_engineer"] });
  rival = await bidder(t);
});
afterAll(() => t.close());

const published = (overrides: Record<string, unknown> = {}) => publishedOrder(t, company.token, overrides);
const post = (path: string, token: string, body?: unknown) => t.call("POST", path, { token, body });

describe("drafting a bid", () => {
  it("a verified provider accredited for the order's occupation drafts a sealed bid that only it can read", async () => {
    const order = await published();
    const res = await post(`/v1/orders/${order.id}/bids`, provider.token, bidBody(order, provider.programId));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      orderId: order.id,
      providerOrgId: provider.orgId,
      programId: provider.programId,
      cohortSize: 15,
      pricePerTraineeFen: 1_200_000,
      status: "draft",
      version: 1,
      submittedAt: null,
      openedAt: null,
      exclusion: null,
      award: null,
    });
    expect(res.body.id).toMatch(/^bid_/);
    expect(res.headers.get("Location")).toBe(`/v1/bids/${res.body.id}`);
    expect(res.headers.get("ETag")).toBe('"1"');
    const own = await t.call("GET", `/v1/bids/${res.body.id}`, { token: provider.token });
    expect(own.body).toEqual(res.body);
    for (const token of [rival.token, company.token, await t.bureau()]) {
      expect((await t.call("GET", `/v1/bids/${res.body.id}`, { token })).status).toBe(404);
    }
  });

  it("may name one of its open cohorts and the invitation it answers", async () => {
    const order = await published();
    const cohort = await createCohort(t, provider.token, provider.programId, { size: 18 });
    const invited = await post(`/v1/orders/${order.id}/invitations`, company.token, {
      providerOrgId: provider.orgId,
      message: "Please bid",
    });
    expect(invited.status).toBe(201);
    const bid = await draftBid(t, provider, order, { cohortId: cohort.id, invitationId: invited.body.id });
    expect(bid).toMatchObject({ cohortId: cohort.id, invitationId: invited.body.id });
  });

  it.each([
    ["programId", "another provider's program", async () => ({ programId: rival.programId })],
    ["programId", "an archived program", async () => ({ programId: (await archivedProgram()).id })],
    [
      "programId",
      "a program of another occupation",
      async () => ({ programId: (await createProgram(t, provider.token, bigDataProgram())).id }),
    ],
    ["cohortId", "another provider's cohort", async () => ({ cohortId: await cohortOf(rival) })],
    [
      "cohortId",
      "a cohort of another of its programs",
      async () => ({ cohortId: await otherProgramCohort() }),
    ],
    ["cohortId", "a cohort in training", async () => ({ cohortId: await startedCohort() })],
    ["cohortSize", "more trainees than headcountMax", async () => ({ cohortSize: 21 })],
    ["cohortSize", "more than the program's capacity", async () => ({ programId: await smallProgram() })],
    ["cohortSize", "more than the cohort's size", async () => ({ cohortId: await cohortOf(provider, 10) })],
    ["cohortSize", "zero trainees", async () => ({ cohortSize: 0 })],
    ["startDate", "a start after the end", async () => ({ startDate: "2026-07-20", endDate: "2026-07-10" })],
    ["endDate", "an end after deliverBy", async () => ({ endDate: "2026-12-31" })],
    ["validUntil", "validity ending on the deadline's date", async () => ({ validUntil: "2026-03-16" })],
    ["invitationId", "someone else's invitation", async () => ({ invitationId: "inv_missing" })],
    ["pricePerTraineeFen", "a negative price", async () => ({ pricePerTraineeFen: -1 })],
    ["pricePerTraineeFen", "a price in yuan with decimals", async () => ({ pricePerTraineeFen: 12000.5 })],
    ["surprise", "an unknown field", async () => ({ surprise: true })],
  ])("refuses %s with a 400 naming it: %s", async (field, _what, overrides) => {
    const order = await published();
    const res = await post(
      `/v1/orders/${order.id}/bids`,
      provider.token,
      bidBody(order, provider.programId, await overrides()),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.code).toBe("validation_failed");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it("refuses a provider without a current accreditation for the order's occupation (403)", async () => {
    const order = await published();
    const bigData = await t.org("provider", { accredit: ["big_data_engineer"] });
    const program = await createProgram(t, bigData.token, bigDataProgram());
    const res = await post(`/v1/orders/${order.id}/bids`, bigData.token, bidBody(order, program.id));
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain("ai_engineer");
    expect(res.body.errors[0].path).toBe("occupationCode");
  });

  it("refuses companies, the bureau and unverified providers (403), and orders they cannot see (404)", async () => {
    const order = await published();
    const body = bidBody(order, provider.programId);
    for (const token of [company.token, await t.bureau()]) {
      expect((await post(`/v1/orders/${order.id}/bids`, token, body)).status).toBe(403);
    }
    const pending = await t.org("provider", { verified: false });
    expect((await post(`/v1/orders/${order.id}/bids`, pending.token, body)).status).toBe(404);
    const draft = await t.call("POST", "/v1/orders", {
      token: company.token,
      body: orderBody(t.clock.now()),
    });
    expect((await post(`/v1/orders/${draft.body.id}/bids`, provider.token, body)).status).toBe(404);
    expect((await post("/v1/orders/ord_missing/bids", provider.token, body)).status).toBe(404);
  });

  it("allows one live bid per provider and order (409), and a new one once the first is withdrawn", async () => {
    const order = await published();
    const first = await draftBid(t, provider, order);
    const second = await post(
      `/v1/orders/${order.id}/bids`,
      provider.token,
      bidBody(order, provider.programId),
    );
    expect(second.status).toBe(409);
    expect(second.body.code).toBe("conflict");
    await submittedBid(t, rival, order);
    expect((await post(`/v1/bids/${first.id}/withdraw`, provider.token)).status).toBe(200);
    await draftBid(t, provider, order);
  });

  it("refuses bids on cancelled orders (409)", async () => {
    const order = await published();
    await post(`/v1/orders/${order.id}/cancel`, company.token, { reason: "Postponed" });
    const res = await post(`/v1/orders/${order.id}/bids`, provider.token, bidBody(order, provider.programId));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("invalid_state");
  });
});

async function archivedProgram() {
  const program = await createProgram(t, provider.token);
  await post(`/v1/programs/${program.id}/archive`, provider.token);
  return program;
}

function bigDataProgram() {
  return programBody({
    occupationCode: "big_data_engineer",
    skills: [{ skillId: "skl_stream_processing", level: 3 }],
  });
}

async function cohortOf(owner: { token: string; programId: string }, size = 20) {
  return (await createCohort(t, owner.token, owner.programId, { size })).id as string;
}

async function otherProgramCohort() {
  const program = await createProgram(t, provider.token);
  return (await createCohort(t, provider.token, program.id)).id as string;
}

async function startedCohort() {
  const id = await cohortOf(provider);
  expect((await post(`/v1/cohorts/${id}/start`, provider.token)).status).toBe(200);
  return id;
}

async function smallProgram() {
  return (await createProgram(t, provider.token, { cohortCapacity: 10 })).id as string;
}
