/** Sealed bids: who sees what before and after the deadline, ciphertext at rest, audit without values, the opening. */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { auditLog, bidRevisions, bids, idempotencyKeys } from "../../src/db/schema";
import { runScheduledWork } from "../../src/jobs";
import { generateSealingKey } from "../../src/platform/sealing";
import { bidBody, bidder, type Org, publishedOrder, submittedBid } from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let company: Org;
let a: Awaited<ReturnType<typeof bidder>>;
let b: Awaited<ReturnType<typeof bidder>>;
let bureau: string;

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  a = await bidder(t);
  b = await bidder(t);
  bureau = await t.bureau();
});
afterAll(() => t.close());

const PROPOSAL = "Secret plan: Jetson-based inspection rigs and a night-shift practicum";
const PRICE = 1_234_567;

/** An open order with a submitted bid from A (distinctive terms) and one from B. */
async function biddingOrder() {
  const order = await publishedOrder(t, company.token);
  const bidA = await submittedBid(t, a, order, { proposal: PROPOSAL, pricePerTraineeFen: PRICE });
  const bidB = await submittedBid(t, b, order, { pricePerTraineeFen: 1_111_111 });
  return { order, bidA, bidB };
}

const pastDeadline = (order: { bidDeadline: string }, ms = 0) =>
  t.clock.set(new Date(new Date(order.bidDeadline).getTime() + ms));

const get = (path: string, token: string) => t.call("GET", path, { token });

describe("before the deadline", () => {
  it("the company and the bureau see only bidCount: no bid, price, proposal or provider anywhere", async () => {
    const { order, bidA, bidB } = await biddingOrder();
    for (const token of [company.token, bureau]) {
      const seen = await get(`/v1/orders/${order.id}`, token);
      expect(seen.body.bidCount).toBe(2);
      const list = await get(`/v1/orders/${order.id}/bids`, token);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ sealed: true, bidCount: 2, openedAt: null, data: [] });
      for (const bid of [bidA, bidB]) {
        const res = await get(`/v1/bids/${bid.id}`, token);
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain(a.orgId);
      }
      const everything = JSON.stringify([seen.body, list.body]);
      for (const secret of [a.orgId, b.orgId, bidA.id, String(PRICE), PROPOSAL]) {
        expect(everything).not.toContain(secret);
      }
    }
  });

  it("a provider sees its own bid and nothing of a competitor's", async () => {
    const { order, bidA, bidB } = await biddingOrder();
    expect((await get(`/v1/bids/${bidB.id}`, a.token)).status).toBe(404);
    const list = await get(`/v1/orders/${order.id}/bids`, a.token);
    expect(list.body.data.map((r: { bid: { id: string } }) => r.bid.id)).toEqual([bidA.id]);
    expect(list.body.data[0]).toMatchObject({ rank: null, score: null, factors: [] });
    const mine = await get(`/v1/bids?orderId=${order.id}`, a.token);
    expect(mine.body.data.map((x: { id: string }) => x.id)).toEqual([bidA.id]);
    const revisions = await get(`/v1/bids/${bidB.id}/revisions`, a.token);
    expect(revisions.status).toBe(404);
  });

  it("the bids table holds no price, proposal or schedule in clear: only ciphertext and its key id", async () => {
    const { bidA } = await biddingOrder();
    const [row] = await t.db.select().from(bids).where(eq(bids.id, bidA.id));
    expect(row).toMatchObject({
      pricePerTraineeFen: null,
      proposal: null,
      cohortSize: null,
      startDate: null,
      endDate: null,
      validUntil: null,
      openedAt: null,
    });
    expect(row.sealedKeyId).toMatch(/^[0-9a-f]{12}$/);
    const raw = JSON.stringify(await t.db.execute(sql`select * from bids where id = ${bidA.id}`));
    for (const secret of [String(PRICE), PROPOSAL, "Jetson", bidA.startDate, bidA.validUntil]) {
      expect(raw).not.toContain(secret);
    }
    const revisions = JSON.stringify(
      await t.db.execute(sql`select * from bid_revisions where bid_id = ${bidA.id}`),
    );
    expect(revisions).toContain(bidA.id);
    expect(revisions).not.toContain("Jetson");
    expect(revisions).not.toContain(String(PRICE));
  });

  it("the database refuses a bid with clear terms before its opening", async () => {
    const { bidA } = await biddingOrder();
    await expect(
      t.db.update(bids).set({ pricePerTraineeFen: PRICE }).where(eq(bids.id, bidA.id)),
    ).rejects.toThrow();
  });

  it("a replayable bid response is stored sealed too, and replays as it was", async () => {
    const order = await publishedOrder(t, company.token);
    const headers = { "Idempotency-Key": `bid-${Math.random()}` };
    const body = bidBody(order, a.programId, { proposal: PROPOSAL, pricePerTraineeFen: PRICE });
    const first = await t.call("POST", `/v1/orders/${order.id}/bids`, { token: a.token, body, headers });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await t.call("POST", `/v1/orders/${order.id}/bids`, { token: a.token, body, headers });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    const stored = await t.db
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, headers["Idempotency-Key"]));
    expect(stored[0].body).toBeNull();
    expect(JSON.stringify(stored)).not.toContain("Jetson");
  });

  it("audit rows of a bid name the changed fields, never their values", async () => {
    const { bidA } = await biddingOrder();
    const current = await get(`/v1/bids/${bidA.id}`, a.token);
    const res = await t.call("PATCH", `/v1/bids/${bidA.id}`, {
      token: a.token,
      body: { pricePerTraineeFen: 999_999, proposal: "Another secret: drone-based inspection" },
      headers: { "If-Match": `"${current.body.version}"` },
    });
    expect(res.status).toBe(200);
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.entityId, bidA.id));
    expect(rows.map((r) => r.action).sort()).toEqual(["create", "revise", "submit"]);
    expect(rows.find((r) => r.action === "revise")?.data).toEqual({
      orderId: bidA.orderId,
      fields: ["pricePerTraineeFen", "proposal"],
    });
    const all = JSON.stringify(rows);
    for (const secret of ["999999", "drone", String(PRICE), "Jetson"]) expect(all).not.toContain(secret);
  });
});

describe("the opening", () => {
  it("the first read after the deadline opens the bids once: clear terms, openedAt, an audit row with the count", async () => {
    const { order, bidA } = await biddingOrder();
    pastDeadline(order, -1);
    expect((await get(`/v1/orders/${order.id}/bids`, company.token)).body.sealed).toBe(true);
    pastDeadline(order);
    const list = await get(`/v1/orders/${order.id}/bids`, company.token);
    expect(list.body).toMatchObject({ sealed: false, openedAt: t.clock.now().toISOString(), bidCount: 2 });
    expect(list.body.data).toHaveLength(2);
    const [row] = await t.db.select().from(bids).where(eq(bids.id, bidA.id));
    expect(row).toMatchObject({
      pricePerTraineeFen: PRICE,
      proposal: PROPOSAL,
      sealedTerms: null,
      sealedKeyId: null,
      openedAt: t.clock.now(),
    });
    const revisions = await t.db.select().from(bidRevisions).where(eq(bidRevisions.bidId, bidA.id));
    expect(revisions[0]).toMatchObject({ sealedTerms: null, terms: { proposal: PROPOSAL } });
    await get(`/v1/orders/${order.id}/bids`, bureau);
    await runScheduledWork({ ...t.services, clock: t.clock });
    const openings = await t.db.select().from(auditLog).where(eq(auditLog.entityId, order.id));
    expect(openings.filter((r) => r.action === "open_bids").map((r) => r.data)).toEqual([
      { bidCount: 2, unreconfirmed: 0 },
    ]);
  });

  it("twenty concurrent reads just after the deadline open the bids exactly once", async () => {
    const { order } = await biddingOrder();
    pastDeadline(order);
    const reads = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        get(`/v1/orders/${order.id}/bids`, i % 2 ? company.token : bureau),
      ),
    );
    expect(reads.map((r) => [r.status, r.body.sealed, r.body.data?.length, r.body.detail])).toEqual(
      reads.map(() => [200, false, 2, undefined]),
    );
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, order.id));
    expect(audit.filter((r) => r.action === "open_bids")).toHaveLength(1);
    expect(audit.filter((r) => r.action === "close_bidding")).toHaveLength(1);
  });

  it("the sweep opens due orders nobody has read, and a bid's ETag moves with the opening", async () => {
    const { order, bidA } = await biddingOrder();
    const before = await get(`/v1/bids/${bidA.id}`, a.token);
    pastDeadline(order, 1);
    const swept = await runScheduledWork({ ...t.services, clock: t.clock });
    expect(swept.openBids).toBeGreaterThanOrEqual(1);
    const after = await get(`/v1/bids/${bidA.id}`, a.token);
    expect(after.body.openedAt).toBe(t.clock.now().toISOString());
    expect(after.headers.get("ETag")).not.toBe(before.headers.get("ETag"));
    const { pricePerTraineeFen, proposal } = after.body;
    expect({ pricePerTraineeFen, proposal }).toEqual({ pricePerTraineeFen: PRICE, proposal: PROPOSAL });
  });

  it("after the deadline the company and the bureau see every submitted bid; providers still only their own", async () => {
    const { order, bidA, bidB } = await biddingOrder();
    const quitter = await bidder(t);
    const withdrawn = await submittedBid(t, quitter, order);
    expect((await t.call("POST", `/v1/bids/${withdrawn.id}/withdraw`, { token: quitter.token })).status).toBe(
      200,
    );
    pastDeadline(order, 1);
    for (const token of [company.token, bureau]) {
      const seen = await get(`/v1/bids/${bidA.id}`, token);
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({
        providerOrgId: a.orgId,
        pricePerTraineeFen: PRICE,
        proposal: PROPOSAL,
      });
      expect((await get(`/v1/bids/${bidA.id}/revisions`, token)).status).toBe(403);
      expect((await get(`/v1/bids/${withdrawn.id}`, token)).status).toBe(404);
      const list = await get(`/v1/orders/${order.id}/bids`, token);
      expect(list.body.data.map((r: { bid: { id: string } }) => r.bid.id).sort()).toEqual(
        [bidA.id, bidB.id].sort(),
      );
    }
    expect((await get(`/v1/bids/${bidB.id}`, a.token)).status).toBe(404);
    const listA = await get(`/v1/orders/${order.id}/bids`, a.token);
    expect(listA.body.data.map((r: { bid: { id: string } }) => r.bid.id)).toEqual([bidA.id]);
    expect(listA.body.data[0].rank).toBeNull();
    expect(JSON.stringify(listA.body)).not.toContain(b.orgId);
    const other = await t.org("company");
    expect((await get(`/v1/orders/${order.id}/bids`, other.token)).status).toBe(403);
    expect((await get(`/v1/bids/${bidA.id}`, other.token)).status).toBe(404);
  });

  it("a bid sealed under a rotated-out key still opens when that key is listed as a previous one", async () => {
    const { order, bidA, bidB } = await biddingOrder();
    const oldKey = t.services.config.BID_SEALING_KEY!;
    const newKey = generateSealingKey();
    const rotated = createApp({
      ...t.appDeps,
      config: { ...t.services.config, BID_SEALING_KEY: newKey, BID_SEALING_PREVIOUS_KEYS: [oldKey] },
    });
    const read = await rotated.request(`/v1/bids/${bidA.id}`, {
      headers: { Authorization: `Bearer ${a.token}` },
    });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { proposal: string }).proposal).toBe(PROPOSAL);
    const patched = await rotated.request(`/v1/bids/${bidA.id}`, {
      method: "PATCH",
      headers: {
        Authorization: `Bearer ${a.token}`,
        "Content-Type": "application/json",
        "If-Match": read.headers.get("ETag")!,
      },
      body: JSON.stringify({ cohortSize: 16 }),
    });
    expect(patched.status).toBe(200);
    const rows = await t.db.select().from(bids).where(eq(bids.orderId, order.id));
    const keyOf = (id: string) => rows.find((r) => r.id === id)!.sealedKeyId;
    expect(keyOf(bidA.id)).not.toBe(keyOf(bidB.id)); // A resealed under the new key; B still under the old one
    const rotatedConfig = {
      ...t.services.config,
      BID_SEALING_KEY: newKey,
      BID_SEALING_PREVIOUS_KEYS: [oldKey],
    };
    pastDeadline(order, 1);
    const swept = await runScheduledWork({ ...t.services, config: rotatedConfig, clock: t.clock });
    expect(swept.openBids).toBeGreaterThanOrEqual(1);
    const opened = await get(`/v1/orders/${order.id}/bids`, company.token);
    expect(opened.body.data.map((r: { bid: { cohortSize: number } }) => r.bid.cohortSize).sort()).toEqual([
      15, 16,
    ]);
  });
});
