/** Invitations to bid: sent by the ordering company while the order is open, revealing nothing about bids. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bidBody,
  bidder,
  createCohort,
  createOrder,
  type Org,
  publishedOrder,
  submittedBid,
} from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let company: Org;
type Bidder = Awaited<ReturnType<typeof bidder>>;
let provider: Bidder;
let rival: Bidder;

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  provider = await bidder(t);
  rival = await bidder(t);
});
afterAll(() => t.close());

const invite = (orderId: string, body: Record<string, unknown>, token = company.token) =>
  t.call("POST", `/v1/orders/${orderId}/invitations`, { token, body });
const message = "Your cohort fits our project; we would welcome a bid.";

describe("inviting providers", () => {
  it("the company invites a provider (with one of its open cohorts); each side lists its own", async () => {
    const order = await publishedOrder(t, company.token);
    const cohort = await createCohort(t, provider.token, provider.programId);
    const res = await invite(order.id, { providerOrgId: provider.orgId, cohortId: cohort.id, message });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      orderId: order.id,
      companyOrgId: company.orgId,
      providerOrgId: provider.orgId,
      cohortId: cohort.id,
      message,
    });
    expect(res.body.id).toMatch(/^inv_/);
    const ids = async (token: string, query = "") =>
      (await t.call("GET", `/v1/invitations?${query}`, { token })).body.data.map((i: { id: string }) => i.id);
    expect(await ids(provider.token)).toContain(res.body.id);
    expect(await ids(company.token, `orderId=${order.id}`)).toEqual([res.body.id]);
    expect(await ids(await t.bureau(), `orderId=${order.id}`)).toEqual([res.body.id]);
    expect(await ids(rival.token)).not.toContain(res.body.id);
    const assessor = await t.org("assessor");
    expect((await t.call("GET", "/v1/invitations", { token: assessor.token })).status).toBe(403);
  });

  it("reveals nothing about bids: inviting a provider that has bid looks like inviting one that has not", async () => {
    const order = await publishedOrder(t, company.token);
    await submittedBid(t, provider, order);
    const bidderInvite = await invite(order.id, { providerOrgId: provider.orgId, message });
    const otherInvite = await invite(order.id, { providerOrgId: rival.orgId, message });
    expect(bidderInvite.status).toBe(201);
    expect(otherInvite.status).toBe(201);
    expect(Object.keys(bidderInvite.body).sort()).toEqual(Object.keys(otherInvite.body).sort());
    expect(JSON.stringify(bidderInvite.body)).not.toMatch(/bid_|price|proposal/);
    const sent = await t.call("GET", `/v1/invitations?orderId=${order.id}`, { token: company.token });
    expect(JSON.stringify(sent.body)).not.toMatch(/bid_|price|proposal/);
  });

  it("an invited provider cites its invitation and still meets every bid rule", async () => {
    const order = await publishedOrder(t, company.token);
    const outsider = await t.org("provider", { accredit: ["cloud_engineer"] });
    const mine = await invite(order.id, { providerOrgId: provider.orgId, message });
    const theirs = await invite(order.id, { providerOrgId: outsider.orgId, message });
    const cited = await t.call("POST", `/v1/orders/${order.id}/bids`, {
      token: provider.token,
      body: bidBody(order, provider.programId, { invitationId: mine.body.id }),
    });
    expect(cited.status).toBe(201);
    expect(cited.body.invitationId).toBe(mine.body.id);
    const borrowed = await t.call("POST", `/v1/orders/${order.id}/bids`, {
      token: rival.token,
      body: bidBody(order, rival.programId, { invitationId: mine.body.id }),
    });
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.errors[0].path).toBe("invitationId");
    const unaccredited = await t.call("POST", `/v1/orders/${order.id}/bids`, {
      token: outsider.token,
      body: bidBody(order, provider.programId, { invitationId: theirs.body.id }),
    });
    expect(unaccredited.status).toBe(403);
  });

  it("refuses a second invitation of one provider (409), unknown providers and foreign cohorts (400)", async () => {
    const order = await publishedOrder(t, company.token);
    expect((await invite(order.id, { providerOrgId: provider.orgId, message })).status).toBe(201);
    expect((await invite(order.id, { providerOrgId: provider.orgId, message })).status).toBe(409);
    const unknown = await invite(order.id, { providerOrgId: company.orgId, message });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe("providerOrgId");
    const cohort = await createCohort(t, provider.token, provider.programId);
    const foreign = await invite(order.id, { providerOrgId: rival.orgId, cohortId: cohort.id, message });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].path).toBe("cohortId");
    expect((await invite(order.id, { providerOrgId: rival.orgId })).status).toBe(400);
    expect((await invite(order.id, { providerOrgId: rival.orgId, message, bidId: "bid_x" })).status).toBe(
      400,
    );
  });

  it("is the ordering company's, while the order is open", async () => {
    const order = await publishedOrder(t, company.token);
    const other = await t.org("company");
    expect((await invite(order.id, { providerOrgId: provider.orgId, message }, other.token)).status).toBe(
      403,
    );
    expect((await invite(order.id, { providerOrgId: provider.orgId, message }, rival.token)).status).toBe(
      403,
    );
    const draft = await createOrder(t, company.token);
    expect((await invite(draft.id, { providerOrgId: provider.orgId, message })).status).toBe(409);
    expect((await invite(draft.id, { providerOrgId: provider.orgId, message }, other.token)).status).toBe(
      404,
    );
    t.clock.set(new Date(order.bidDeadline));
    expect((await invite(order.id, { providerOrgId: provider.orgId, message })).status).toBe(409);
  });
});
