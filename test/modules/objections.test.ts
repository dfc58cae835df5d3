/** Award publicity and objections: who may object and when, who sees the objector, and what an upheld one undoes. */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema";
import { bidder, type Org } from "../fixtures";
import { awardedOrder, type Bidder, contractStep, endPublicity } from "../fixtures-contracts";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let company: Org;
let bureau: string;
let bidders: { a: Bidder; b: Bidder; c: Bidder };

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  bureau = await t.bureau();
  bidders = { a: await bidder(t), b: await bidder(t), c: await bidder(t) };
});
afterAll(() => t.close());

const post = (path: string, token: string, body?: unknown) => t.call("POST", path, { token, body });
const get = (path: string, token: string) => t.call("GET", path, { token });
const object = (orderId: string, token = bidders.c.token) =>
  post(`/v1/orders/${orderId}/objections`, token, { reason: "Our cohort covers every essential skill." });

describe("the publicity period", () => {
  it("lasts AWARD_PUBLICITY_MINUTES (default 3 days) and holds up signing until it ends", async () => {
    const { award, contracts } = await awardedOrder(t, company, bidders);
    expect(new Date(award.publicityEndsAt).getTime() - new Date(award.awardedAt).getTime()).toBe(
      4320 * 60_000,
    );
    const early = await post(`/v1/contracts/${contracts.a.id}/sign`, company.token);
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/publicity period/);
    endPublicity(t, award);
    await contractStep(t, contracts.a.id, "sign", company.token);
  });

  it("follows the configured length", async () => {
    const short = await createTestContext(undefined, { env: { AWARD_PUBLICITY_MINUTES: "60" } });
    try {
      const co = await short.org("company");
      const who = { a: await bidder(short), b: await bidder(short), c: await bidder(short) };
      const { award } = await awardedOrder(short, co, who);
      expect(new Date(award.publicityEndsAt).getTime() - new Date(award.awardedAt).getTime()).toBe(3_600_000);
    } finally {
      await short.close();
    }
  });
});

describe("objections", () => {
  it("only a losing bidder objects, once, during the period", async () => {
    const other = await awardedOrder(t, company, bidders);
    const { order, award } = await awardedOrder(t, company, bidders);
    expect((await object(order.id, bidders.a.token)).status).toBe(403); // a winner
    expect((await object(order.id, company.token)).status).toBe(403);
    const outsider = await bidder(t);
    expect((await object(order.id, outsider.token)).status).toBe(403);
    const res = await object(order.id);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get("Location")).toBe(`/v1/objections/${res.body.id}`);
    expect(res.body).toMatchObject({
      status: "open",
      awardId: award.id,
      objector: { orgId: bidders.c.orgId },
    });
    expect((await object(order.id)).status).toBe(409);
    endPublicity(t, award);
    expect(new Date(other.award.publicityEndsAt) < t.clock.now()).toBe(true);
    const late = await object(other.order.id, await t.login(bidders.c.email));
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/publicity period ended/);
  });

  it("names the objector only to the company, the bureau and the objector", async () => {
    const { order } = await awardedOrder(t, company, bidders);
    const filed = (await object(order.id)).body;
    for (const token of [company.token, bureau, bidders.c.token]) {
      const list = await get(`/v1/orders/${order.id}/objections`, token);
      expect(list.status).toBe(200);
      expect(list.body.data[0].objector.orgId).toBe(bidders.c.orgId);
    }
    for (const token of [bidders.a.token, bidders.b.token]) {
      const list = await get(`/v1/orders/${order.id}/objections`, token);
      expect(list.status).toBe(200);
      expect(list.body.data[0].objector).toBeNull();
      expect(JSON.stringify(list.body)).not.toContain(bidders.c.orgId);
      const one = await get(`/v1/objections/${filed.id}`, token);
      expect(one.status).toBe(200);
      expect(one.body.objector).toBeNull();
    }
    const outsider = await t.org("provider");
    expect((await get(`/v1/orders/${order.id}/objections`, outsider.token)).status).toBe(403);
    expect((await get(`/v1/objections/${filed.id}`, outsider.token)).status).toBe(404);
  });

  it("dismissed: the award stands and signing may proceed after the period", async () => {
    const { order, award, contracts } = await awardedOrder(t, company, bidders);
    const filed = (await object(order.id)).body;
    expect((await post(`/v1/objections/${filed.id}/answer`, bidders.a.token, { answer: "x" })).status).toBe(
      403,
    );
    const answered = await post(`/v1/objections/${filed.id}/answer`, company.token, {
      answer: "Cohort A is ready a month earlier.",
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: "answered", answer: "Cohort A is ready a month earlier." });
    expect((await post(`/v1/objections/${filed.id}/answer`, company.token, { answer: "again" })).status).toBe(
      409,
    );
    endPublicity(t, award);
    const blocked = await post(`/v1/contracts/${contracts.a.id}/sign`, company.token);
    expect(blocked.status).toBe(409);
    expect(blocked.body.detail).toMatch(/objection/);
    const decision = { decision: "dismissed", reason: "The award followed the criteria." };
    expect((await post(`/v1/objections/${filed.id}/decide`, company.token, decision)).status).toBe(403);
    const decided = await post(`/v1/objections/${filed.id}/decide`, bureau, decision);
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: "dismissed", decision: "dismissed" });
    expect((await post(`/v1/objections/${filed.id}/decide`, bureau, decision)).status).toBe(409);
    expect((await get(`/v1/orders/${order.id}`, company.token)).body.status).toBe("awarded");
    await contractStep(t, contracts.a.id, "sign", company.token);
  });

  it("upheld: one transaction annuls the award, cancels the drafts, returns the bids to evaluation", async () => {
    const { order, bids, award, contracts } = await awardedOrder(t, company, bidders);
    const filed = (await object(order.id)).body;
    const decided = await post(`/v1/objections/${filed.id}/decide`, bureau, {
      decision: "upheld",
      reason: "Bid C was excluded on a criterion the order did not state.",
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.status).toBe("upheld");
    expect((await get(`/v1/orders/${order.id}`, company.token)).body.status).toBe("evaluation");
    for (const c of [contracts.a, contracts.b]) {
      expect((await get(`/v1/contracts/${c.id}`, company.token)).body.status).toBe("cancelled");
    }
    expect((await get(`/v1/bids/${bids.a.id}`, bidders.a.token)).body.status).toBe("submitted");
    expect((await get(`/v1/bids/${bids.c.id}`, bidders.c.token)).body.status).toBe("submitted");
    expect((await get(`/v1/orders/${order.id}/award`, company.token)).status).toBe(404);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "award"), eq(auditLog.entityId, award.id)));
    expect(audit.map((r) => r.action)).toEqual(["award", "annul"]);
    // The company awards again, and the new award has its own publicity period.
    const again = await post(`/v1/orders/${order.id}/award`, company.token, {
      bidIds: [bids.c.id],
      reason: "Re-evaluated",
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.contracts).toHaveLength(1);
  });

  it("replays a filing under its Idempotency-Key", async () => {
    const { order } = await awardedOrder(t, company, bidders);
    const headers = { "Idempotency-Key": `object-${order.id}` };
    const body = { reason: "Our cohort covers every essential skill." };
    const first = await t.call("POST", `/v1/orders/${order.id}/objections`, {
      token: bidders.c.token,
      body,
      headers,
    });
    expect(first.status).toBe(201);
    const again = await t.call("POST", `/v1/orders/${order.id}/objections`, {
      token: bidders.c.token,
      body,
      headers,
    });
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
  });

  it("twenty concurrent decisions give exactly one that applies, one audit row, 409 for the rest", async () => {
    const { order } = await awardedOrder(t, company, bidders);
    const filed = (await object(order.id)).body;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(`/v1/objections/${filed.id}/decide`, bureau, {
          decision: i % 2 ? "upheld" : "dismissed",
          reason: `Decision ${i}`,
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, filed.id));
    expect(audit.filter((r) => r.action === "uphold" || r.action === "dismiss")).toHaveLength(1);
  });
});
