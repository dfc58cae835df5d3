/** The award: its rules and arithmetic, the one transaction it makes, its draft contracts, concurrency, replays. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema";
import { shareHires } from "../../src/modules/contracts/service";
import { DAY } from "../../src/platform/clock";
import { bidder, draftBid, type Org, publishedOrder, submittedBid } from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let company: Org;
let bureau: string;
type Bidder = Awaited<ReturnType<typeof bidder>>;
let a: Bidder;
let b: Bidder;
let c: Bidder;

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  bureau = await t.bureau();
  [a, b, c] = [await bidder(t), await bidder(t), await bidder(t)];
});
afterAll(() => t.close());

const post = (path: string, token: string, body?: unknown, headers?: Record<string, string>) =>
  t.call("POST", path, { token, body, headers });
const get = (path: string, token: string) => t.call("GET", path, { token });

/**
 * An order (headcount 10–20, 10 hires) in evaluation with bids: A 8 trainees, B 7, C 15 at a higher price;
 * the clock is left just past the deadline.
 */
async function evaluatedOrder(overrides: Record<string, unknown> = {}) {
  const order = await publishedOrder(t, company.token, overrides);
  const bids = {
    a: await submittedBid(t, a, order, { cohortSize: 8, pricePerTraineeFen: 1_000_000 }),
    b: await submittedBid(t, b, order, { cohortSize: 7, pricePerTraineeFen: 1_100_000 }),
    c: await submittedBid(t, c, order, { cohortSize: 15, pricePerTraineeFen: 1_400_000 }),
  };
  t.clock.set(new Date(new Date(order.bidDeadline).getTime() + 1));
  return { order, bids };
}

const award = (
  orderId: string,
  bidIds: string[],
  reason = "Two local cohorts cover the headcount within budget",
) => post(`/v1/orders/${orderId}/award`, company.token, { bidIds, reason });

describe("awarding", () => {
  it("in one transaction: order awarded, bids awarded and not awarded, one draft contract per awarded bid", async () => {
    const { order, bids } = await evaluatedOrder();
    const res = await award(order.id, [bids.a.id, bids.b.id]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get("Location")).toBe(`/v1/orders/${order.id}/award`);
    expect(res.body).toMatchObject({ orderId: order.id, bidIds: [bids.a.id, bids.b.id] });
    expect(res.body.contracts).toHaveLength(2);
    const contractOf = (bidId: string) =>
      res.body.contracts.find((x: { bidId: string }) => x.bidId === bidId);
    expect(contractOf(bids.a.id)).toMatchObject({
      status: "draft",
      version: 1,
      companyOrgId: company.orgId,
      providerOrgId: a.orgId,
      occupationCode: "ai_engineer",
      terms: {
        headcount: 8,
        pricePerTraineeFen: 1_000_000,
        totalValueFen: 8_000_000,
        startDate: bids.a.startDate,
        endDate: bids.a.endDate,
        hiringCommitment: {
          hires: 5,
          salaryMinFen: 1_800_000,
          salaryMaxFen: 2_600_000,
          servicePeriodMonths: 24,
        },
        subsidyRequestedFen: 0,
        specialTerms: null,
      },
    });
    expect(contractOf(bids.b.id).terms).toMatchObject({ headcount: 7, totalValueFen: 7_700_000 });
    expect(contractOf(bids.b.id).terms.hiringCommitment.hires).toBe(5);

    expect((await get(`/v1/orders/${order.id}`, company.token)).body.status).toBe("awarded");
    const status = async (bidder: Bidder, id: string) => (await get(`/v1/bids/${id}`, bidder.token)).body;
    expect(await status(a, bids.a.id)).toMatchObject({ status: "awarded" });
    expect(await status(b, bids.b.id)).toMatchObject({ status: "awarded" });
    const loser = await status(c, bids.c.id);
    expect(loser.status).toBe("not_awarded");
    // Every bidder learns the reason.
    for (const [who, id] of [
      [a, bids.a.id],
      [c, bids.c.id],
    ] as const) {
      expect((await status(who, id)).award).toMatchObject({ id: res.body.id, reason: res.body.reason });
    }
    const notice = await get(`/v1/orders/${order.id}/award`, c.token);
    expect(notice.status).toBe(200);
    expect(notice.body).toMatchObject({ reason: res.body.reason, bidIds: null, contracts: null });
    expect(JSON.stringify(notice.body)).not.toContain(a.orgId);
    const full = await get(`/v1/orders/${order.id}/award`, bureau);
    expect(full.body.contracts).toHaveLength(2);

    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, order.id));
    expect(audit.filter((r) => r.action === "award")).toHaveLength(1);
    const bidAudit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, bids.c.id));
    expect(bidAudit.map((r) => r.action)).toContain("not_award");
  });

  it("lists the contracts to their two parties and the bureau", async () => {
    const { order, bids } = await evaluatedOrder();
    const res = await award(order.id, [bids.a.id, bids.b.id]);
    const ids = async (token: string, query = `orderId=${order.id}`) =>
      (await get(`/v1/contracts?${query}`, token)).body.data.map((x: { bidId: string }) => x.bidId).sort();
    expect(await ids(company.token)).toEqual([bids.a.id, bids.b.id].sort());
    expect(await ids(bureau)).toEqual([bids.a.id, bids.b.id].sort());
    expect(await ids(a.token)).toEqual([bids.a.id]);
    expect(await ids(c.token)).toEqual([]);
    expect(await ids(bureau, `orderId=${order.id}&providerOrgId=${b.orgId}&status=draft`)).toEqual([
      bids.b.id,
    ]);
    const contractId = res.body.contracts[0].id;
    const one = await get(`/v1/contracts/${contractId}`, company.token);
    expect(one.status).toBe(200);
    expect(one.headers.get("ETag")).toBe('"1"');
    const outsider = await t.org("company");
    expect((await get(`/v1/contracts/${contractId}`, outsider.token)).status).toBe(404);
    expect((await get(`/v1/contracts/${contractId}`, c.token)).status).toBe(404);
    expect((await get("/v1/contracts?status=signedish", bureau)).status).toBe(400);
  });

  it("needs the cohortSize sum inside the headcount range", async () => {
    const { order, bids } = await evaluatedOrder();
    const short = await award(order.id, [bids.a.id]);
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([
      { path: "bidIds", message: expect.stringMatching(/total 8 .*10…20/) },
    ]);
    const over = await award(order.id, [bids.a.id, bids.c.id]);
    expect(over.status).toBe(400);
    expect(over.body.detail).toMatch(/total 23/);
    expect((await get(`/v1/orders/${order.id}`, company.token)).body.status).toBe("evaluation");
    expect((await award(order.id, [bids.c.id])).status).toBe(201);
  });

  it("awards only evaluated bids of this order that are still valid", async () => {
    const { order, bids } = await evaluatedOrder();
    const elsewhere = await evaluatedOrder();
    const disqualified = await post(`/v1/bids/${bids.b.id}/disqualify`, company.token, {
      reason: "Unqualified",
    });
    expect(disqualified.status).toBe(200);
    const res = await award(order.id, [bids.a.id, bids.b.id, elsewhere.bids.a.id, "bid_unknown"]);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
      "bidIds.1",
      "bidIds.2",
      "bidIds.3",
    ]);
    expect(res.body.errors[0].message).toMatch(/not evaluated \(disqualified: Unqualified\)/);
    expect(res.body.errors[1].message).toBe("not a bid submitted on this order");
    const twice = await award(order.id, [bids.c.id, bids.c.id]);
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0].path).toBe("bidIds.1");
  });

  it("refuses a bid past its validUntil", async () => {
    const order = await publishedOrder(t, company.token);
    const valid = new Date(new Date(order.bidDeadline).getTime() + 10 * DAY).toISOString().slice(0, 10);
    const bid = await submittedBid(t, a, order, { validUntil: valid });
    t.clock.set(new Date(`${valid}T23:59:59Z`));
    t.clock.advance(1000);
    const res = await award(order.id, [bid.id]);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toEqual({
      path: "bidIds.0",
      message: `bid ${bid.id} expired on its validUntil ${valid}`,
    });
    t.clock.advance(-2000);
    expect((await award(order.id, [bid.id])).status).toBe(201);
  });

  it("is the ordering company's, during evaluation, once", async () => {
    const order = await publishedOrder(t, company.token);
    const bid = await submittedBid(t, c, order);
    const draft = await draftBid(t, a, order);
    const before = await award(order.id, [bid.id]);
    expect(before.status).toBe(409);
    expect(before.body.code).toBe("invalid_state");
    t.clock.set(new Date(new Date(order.bidDeadline).getTime() + 1));
    expect((await award(order.id, [draft.id])).status).toBe(400);
    const other = await t.org("company");
    const body = { bidIds: [bid.id], reason: "Mine" };
    expect((await post(`/v1/orders/${order.id}/award`, other.token, body)).status).toBe(403);
    expect((await post(`/v1/orders/${order.id}/award`, bureau, body)).status).toBe(403);
    expect((await post(`/v1/orders/${order.id}/award`, c.token, body)).status).toBe(403);
    expect((await get(`/v1/orders/${order.id}/award`, company.token)).status).toBe(404);
    expect((await post(`/v1/orders/${order.id}/award`, company.token, { bidIds: [] })).status).toBe(400);
    expect((await award(order.id, [bid.id])).status).toBe(201);
    expect((await award(order.id, [bid.id])).status).toBe(409);
    expect((await get(`/v1/orders/${order.id}/award`, other.token)).status).toBe(403);
    expect((await get(`/v1/orders/${order.id}/award`, a.token)).status).toBe(403); // a draft is no bid
  });

  it("twenty concurrent awards of one order give exactly one success", async () => {
    const { order, bids } = await evaluatedOrder();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => award(order.id, i % 2 ? [bids.c.id] : [bids.a.id, bids.b.id])),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const contracts = await get(`/v1/contracts?orderId=${order.id}`, company.token);
    const winner = results.find((r) => r.status === 201)!;
    expect(contracts.body.data).toHaveLength(winner.body.contracts.length);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, order.id));
    expect(audit.filter((r) => r.action === "award")).toHaveLength(1);
  });

  it("replays an award under its Idempotency-Key", async () => {
    const { order, bids } = await evaluatedOrder();
    const headers = { "Idempotency-Key": `award-${order.id}` };
    const body = { bidIds: [bids.c.id], reason: "Fits the headcount alone" };
    const first = await post(`/v1/orders/${order.id}/award`, company.token, body, headers);
    expect(first.status).toBe(201);
    const again = await post(`/v1/orders/${order.id}/award`, company.token, body, headers);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.headers.get("Location")).toBe(first.headers.get("Location"));
    const changed = await post(
      `/v1/orders/${order.id}/award`,
      company.token,
      { ...body, reason: "x" },
      headers,
    );
    expect(changed.status).toBe(422);
    const contracts = await get(`/v1/contracts?orderId=${order.id}`, company.token);
    expect(contracts.body.data).toHaveLength(1);
  });
});

describe("sharing the hiring commitment", () => {
  it("splits hires in proportion to headcount, never beyond the awarded trainees", () => {
    const share = (hires: number, sizes: number[]) => [
      ...shareHires(
        hires,
        sizes.map((cohortSize, i) => ({ id: `bid_${i}`, cohortSize })),
      ).values(),
    ];
    expect(share(10, [8, 7])).toEqual([5, 5]);
    expect(share(10, [14, 6])).toEqual([7, 3]);
    expect(share(15, [6, 6])).toEqual([6, 6]);
    expect(share(0, [5])).toEqual([0]);
    expect(share(7, [5, 5, 5])).toEqual([3, 2, 2]);
  });
});
