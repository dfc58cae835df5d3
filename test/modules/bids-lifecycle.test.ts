/** A bid's life before the deadline: changes and revisions, submission, withdrawal, the deadline's edges, reconfirmation. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, HOUR } from "../../src/platform/clock";
import {
  bidBody,
  bidder,
  createProgram,
  draftBid,
  type Org,
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
  provider = await bidder(t);
  rival = await bidder(t);
});
afterAll(() => t.close());

const published = (overrides: Record<string, unknown> = {}) => publishedOrder(t, company.token, overrides);
const post = (path: string, token: string, body?: unknown, headers?: Record<string, string>) =>
  t.call("POST", path, { token, body, headers });
const patchBid = (bid: { id: string; version: number }, body: unknown, token = provider.token) =>
  t.call("PATCH", `/v1/bids/${bid.id}`, { token, body, headers: { "If-Match": `"${bid.version}"` } });

describe("changing, submitting and withdrawing", () => {
  it("a draft changes under If-Match; a submitted bid stays submitted and gets a new revision", async () => {
    const order = await published();
    const draft = await draftBid(t, provider, order);
    const edited = await patchBid(draft, { proposal: "A revised plan" });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ proposal: "A revised plan", version: 2, status: "draft" });
    const submitted = await post(`/v1/bids/${draft.id}/submit`, provider.token, undefined, {
      "If-Match": '"2"',
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: "submitted", submittedAt: t.clock.now().toISOString() });
    t.clock.advance(HOUR);
    const revised = await patchBid(submitted.body, { pricePerTraineeFen: 1_100_000, cohortSize: 18 });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({
      status: "submitted",
      pricePerTraineeFen: 1_100_000,
      cohortSize: 18,
    });
    const revisions = await t.call("GET", `/v1/bids/${draft.id}/revisions`, { token: provider.token });
    expect(revisions.status).toBe(200);
    expect(revisions.body.data).toMatchObject([
      {
        revision: 1,
        changedFields: [],
        terms: { pricePerTraineeFen: 1_200_000, proposal: "A revised plan" },
      },
      {
        revision: 2,
        changedFields: ["cohortSize", "pricePerTraineeFen"],
        terms: { pricePerTraineeFen: 1_100_000, cohortSize: 18 },
        revisedBy: provider.userId,
      },
    ]);
    expect((await t.call("GET", `/v1/bids/${draft.id}/revisions`, { token: rival.token })).status).toBe(404);
  });

  it("a PATCH must change something, with valid values, and applies the bid rules to the result", async () => {
    const order = await published();
    const draft = await draftBid(t, provider, order);
    expect((await patchBid(draft, {})).status).toBe(400);
    expect((await patchBid(draft, { cohortSize: "many" })).status).toBe(400);
    const tooLate = await patchBid(draft, { endDate: "2027-01-01" });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.errors[0].path).toBe("endDate");
    const same = await patchBid(draft, { cohortSize: 15 });
    expect(same.body.version).toBe(1);
  });

  it("another provider can neither change nor move a bid it cannot see (404)", async () => {
    const order = await published();
    const bid = await draftBid(t, provider, order);
    expect((await patchBid(bid, { proposal: "mine now" }, rival.token)).status).toBe(404);
    for (const verb of ["submit", "withdraw", "reconfirm"]) {
      expect((await post(`/v1/bids/${bid.id}/${verb}`, rival.token)).status).toBe(404);
    }
  });

  it("submitting twice or withdrawing a withdrawn bid is 409", async () => {
    const order = await published();
    const bid = await submittedBid(t, provider, order);
    expect((await post(`/v1/bids/${bid.id}/submit`, provider.token)).status).toBe(409);
    expect((await post(`/v1/bids/${bid.id}/withdraw`, provider.token)).status).toBe(200);
    expect((await post(`/v1/bids/${bid.id}/withdraw`, provider.token)).status).toBe(409);
    expect((await patchBid({ id: bid.id, version: bid.version + 1 }, { proposal: "x" })).status).toBe(409);
  });

  it("submitting re-checks the draft against the order and the program as they are now", async () => {
    const order = await published();
    const program = await createProgram(t, provider.token);
    const bid = await draftBid(t, provider, order, { programId: program.id });
    expect((await post(`/v1/programs/${program.id}/archive`, provider.token)).status).toBe(200);
    const res = await post(`/v1/bids/${bid.id}/submit`, provider.token);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("programId");
  });

  it("lists the provider's own bids, newest first, by order and status; other kinds get 403", async () => {
    const own = await bidder(t);
    const [a, b] = [await published(), await published()];
    const first = await draftBid(t, own, a);
    t.clock.advance(1000);
    const second = await submittedBid(t, own, b);
    await submittedBid(t, rival, b);
    const ids = async (query = "") =>
      (await t.call("GET", `/v1/bids?${query}`, { token: own.token })).body.data.map(
        (x: { id: string }) => x.id,
      );
    expect(await ids()).toEqual([second.id, first.id]);
    expect(await ids(`orderId=${a.id}`)).toEqual([first.id]);
    expect(await ids("status=submitted")).toEqual([second.id]);
    const page = await t.call("GET", "/v1/bids?limit=1", { token: own.token });
    const next = await t.call("GET", `/v1/bids?limit=1&cursor=${page.body.nextCursor}`, { token: own.token });
    expect(next.body.data.map((x: { id: string }) => x.id)).toEqual([first.id]);
    for (const token of [company.token, await t.bureau()]) {
      expect((await t.call("GET", "/v1/bids", { token })).status).toBe(403);
    }
    expect((await t.call("GET", "/v1/bids?status=sealed", { token: own.token })).status).toBe(400);
  });
});

describe("the bid deadline", () => {
  it("everything works one millisecond before the deadline and nothing at it", async () => {
    const order = await published();
    const deadline = new Date(order.bidDeadline).getTime();
    const late = await bidder(t);
    const draft = await draftBid(t, provider, order);
    const submitted = await submittedBid(t, rival, order);

    t.clock.set(new Date(deadline - 1));
    const created = await post(`/v1/orders/${order.id}/bids`, late.token, bidBody(order, late.programId));
    expect(created.status).toBe(201);
    const edited = await patchBid(draft, { proposal: "Last-minute plan" });
    expect(edited.status).toBe(200);
    expect((await post(`/v1/bids/${draft.id}/submit`, provider.token)).status).toBe(200);
    expect((await post(`/v1/bids/${created.body.id}/withdraw`, late.token)).status).toBe(200);

    t.clock.set(new Date(deadline));
    const third = await bidder(t);
    const refused = await post(`/v1/orders/${order.id}/bids`, third.token, bidBody(order, third.programId));
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain("deadline");
    expect(
      (await patchBid({ id: submitted.id, version: submitted.version }, { proposal: "x" }, rival.token))
        .status,
    ).toBe(409);
    expect((await post(`/v1/bids/${submitted.id}/withdraw`, rival.token)).status).toBe(409);
    const again = await post(`/v1/orders/${order.id}/bids`, late.token, bidBody(order, late.programId));
    expect(again.status).toBe(409);
  });

  it("a change sent before the deadline but arriving after the opening is refused: no bid stays sealed", async () => {
    const order = await published();
    const draft = await draftBid(t, provider, order);
    await submittedBid(t, rival, order);
    const deadline = new Date(order.bidDeadline).getTime();
    t.clock.set(new Date(deadline));
    expect((await t.call("GET", `/v1/orders/${order.id}/bids`, { token: company.token })).body.sealed).toBe(
      false,
    );
    t.clock.set(new Date(deadline - 1)); // a request stamped just before the deadline, served after the opening
    const late = await post(`/v1/bids/${draft.id}/submit`, provider.token);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("invalid_state");
    const third = await bidder(t);
    expect(
      (await post(`/v1/orders/${order.id}/bids`, third.token, bidBody(order, third.programId))).status,
    ).toBe(409);
  });

  it("a draft left at the deadline can no longer be submitted", async () => {
    const order = await published();
    const draft = await draftBid(t, provider, order);
    t.clock.set(new Date(new Date(order.bidDeadline).getTime()));
    const res = await post(`/v1/bids/${draft.id}/submit`, provider.token);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("invalid_state");
  });
});

describe("reconfirmation after an amendment", () => {
  const amend = async (order: { id: string }, body: Record<string, unknown>) => {
    const current = await t.call("GET", `/v1/orders/${order.id}`, { token: company.token });
    const res = await t.call("PATCH", `/v1/orders/${order.id}`, {
      token: company.token,
      body,
      headers: { "If-Match": `"${current.body.version}"` },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it("an amendment flags submitted bids; reconfirming clears the flag once", async () => {
    const order = await published();
    const bid = await submittedBid(t, provider, order);
    const draft = await draftBid(t, rival, order);
    await amend(order, { budgetPerTraineeFen: 1_400_000 });
    const flagged = await t.call("GET", `/v1/bids/${bid.id}`, { token: provider.token });
    expect(flagged.body.needsReconfirmation).toBe(true);
    expect(
      (await t.call("GET", `/v1/bids/${draft.id}`, { token: rival.token })).body.needsReconfirmation,
    ).toBe(false);
    const stale = await post(`/v1/bids/${bid.id}/reconfirm`, provider.token, undefined, {
      "If-Match": `"${bid.version}"`,
    });
    expect(stale.status).toBe(412);
    const ok = await post(`/v1/bids/${bid.id}/reconfirm`, provider.token);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ needsReconfirmation: false, status: "submitted" });
    expect((await post(`/v1/bids/${bid.id}/reconfirm`, provider.token)).status).toBe(409);
    expect((await post(`/v1/bids/${draft.id}/reconfirm`, rival.token)).status).toBe(409);
  });

  it("a bid that no longer fits the amended order must be changed before it can be reconfirmed", async () => {
    const order = await published();
    const bid = await submittedBid(t, provider, order, { cohortSize: 18 });
    await amend(order, {
      headcountMin: 5,
      headcountMax: 12,
      hiringCommitment: { ...order.hiringCommitment, hires: 8 },
    });
    const refused = await post(`/v1/bids/${bid.id}/reconfirm`, provider.token);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe("cohortSize");
    const current = (await t.call("GET", `/v1/bids/${bid.id}`, { token: provider.token })).body;
    const fixed = await patchBid(current, { cohortSize: 12 });
    expect(fixed.status).toBe(200);
    expect(fixed.body.needsReconfirmation).toBe(true);
    expect((await post(`/v1/bids/${bid.id}/reconfirm`, provider.token)).status).toBe(200);
  });

  it("a bid still needing reconfirmation at the deadline is not evaluated, and its provider sees why", async () => {
    const order = await published();
    const bid = await submittedBid(t, provider, order);
    const kept = await submittedBid(t, rival, order);
    await amend(order, { budgetPerTraineeFen: 1_600_000 });
    expect((await post(`/v1/bids/${kept.id}/reconfirm`, rival.token)).status).toBe(200);
    t.clock.advance(15 * DAY);
    const seen = await t.call("GET", `/v1/bids/${bid.id}`, { token: provider.token });
    expect(seen.body).toMatchObject({ status: "disqualified", needsReconfirmation: true });
    expect(seen.body.exclusion.kind).toBe("unreconfirmed");
    expect(seen.body.exclusion.reason).toMatch(/reconfirm/);
    const other = await t.call("GET", `/v1/bids/${kept.id}`, { token: rival.token });
    expect(other.body).toMatchObject({ status: "submitted", exclusion: null });
  });
});
