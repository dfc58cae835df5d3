/**
 * Races on real PostgreSQL (skipped without TEST_DATABASE_URL; CI's PostgreSQL section runs them): many clients at
 * once on the award, bid submission at the deadline against the opening, idempotent replays, member creation with
 * one email, and the lockout across two server instances. Each test records what every client got, then checks
 * the invariants in the database. (Twenty concurrent identical transitions, publishes, verifications and single-
 * instance lockout bursts are in the modules' own tests.)
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { auditLog, awards, bids, contracts, orders, users } from "../../src/db/schema";
import { ManualClock } from "../../src/platform/clock";
import type { PasswordHasher } from "../../src/platform/password";
import { nativeHasher } from "../../src/platform/password-node";
import { bidder, draftBid, orderBody, type Org, publishedOrder, submittedBid } from "../fixtures";
import { callApp, createTestContext, freshEmail, PASSWORD, type TestContext } from "../helpers";

const counting = { verifications: 0 };
const countingHasher: PasswordHasher = {
  hash: (password) => nativeHasher.hash(password),
  verify: (phc, password) => {
    counting.verifications++;
    return nativeHasher.verify(phc, password);
  },
};

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => {
    acc[s] = (acc[s] ?? 0) + 1;
    return acc;
  }, {});

describe.skipIf(!process.env.TEST_DATABASE_URL)("races on PostgreSQL", () => {
  let t: TestContext;
  let company: Org;
  let member: string;
  type Bidder = Awaited<ReturnType<typeof bidder>>;
  let bidders: Bidder[];

  beforeAll(async () => {
    t = await createTestContext(undefined, { hasher: countingHasher });
    company = await t.org("company");
    const email = freshEmail("member");
    await t.call("POST", `/v1/organizations/${company.orgId}/members`, {
      token: company.token,
      body: { email, password: PASSWORD, displayName: "Member" },
    });
    member = await t.login(email);
    bidders = [];
    for (let i = 0; i < 6; i++) bidders.push(await bidder(t));
  });
  afterAll(() => t?.close());

  /** A second server on the same database, with its own clock: another Node process or Workers isolate. */
  const otherInstance = (at: Date) => {
    const clock = new ManualClock(at);
    const app = createApp({ ...t.appDeps, clock });
    return { clock, call: (method: string, path: string, opts = {}) => callApp(app, method, path, opts) };
  };

  it("30 clients awarding one order with different bid sets: one award, one audit row each, money conserved", async () => {
    const order = await publishedOrder(t, company.token, { headcountMin: 10, headcountMax: 40 });
    const placed = [];
    for (const [i, b] of bidders.slice(0, 4).entries()) {
      placed.push(
        await submittedBid(t, b, order, { cohortSize: 10, pricePerTraineeFen: 1_000_000 + i * 10_000 }),
      );
    }
    t.clock.set(new Date(new Date(order.bidDeadline).getTime() + 1));
    const sets = [[placed[0].id], [placed[1].id, placed[2].id], [placed[3].id], [placed[0].id, placed[3].id]];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.call("POST", `/v1/orders/${order.id}/award`, {
          token: i % 2 ? member : company.token,
          body: { bidIds: sets[i % sets.length], reason: `Client ${i}` },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(tally(statuses)[201], JSON.stringify(tally(statuses))).toBe(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const winner = results.find((r) => r.status === 201)!.body;

    const stored = await t.db.select().from(awards).where(eq(awards.orderId, order.id));
    expect(stored).toHaveLength(1);
    expect(stored[0].bidIds).toEqual(winner.bidIds);
    const orderAudit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, order.id), eq(auditLog.action, "award")));
    expect(orderAudit).toHaveLength(1);
    const bidRows = await t.db.select().from(bids).where(eq(bids.orderId, order.id));
    for (const bid of bidRows) {
      const audits = await t.db.select().from(auditLog).where(eq(auditLog.entityId, bid.id));
      const actions = audits.map((a) => a.action).filter((a) => a === "award" || a === "not_award");
      expect(actions, bid.id).toEqual([winner.bidIds.includes(bid.id) ? "award" : "not_award"]);
      expect(bid.status).toBe(winner.bidIds.includes(bid.id) ? "awarded" : "not_awarded");
    }
    // Money: the contracts' values are exactly the awarded bids' headcount times price.
    const drafted = await t.db.select().from(contracts).where(eq(contracts.orderId, order.id));
    const awarded = bidRows.filter((b) => winner.bidIds.includes(b.id));
    expect(drafted).toHaveLength(awarded.length);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(
      sum(winner.contracts.map((c: { terms: { totalValueFen: number } }) => c.terms.totalValueFen)),
    ).toBe(sum(awarded.map((b) => (b.cohortSize ?? 0) * (b.pricePerTraineeFen ?? 0))));
  });

  it("bids submitted at the deadline while another instance opens them: every accepted bid is opened, once", async () => {
    const order = await publishedOrder(t, company.token);
    const drafts = [];
    for (const b of bidders) drafts.push({ b, bid: await draftBid(t, b, order) });
    const deadline = new Date(order.bidDeadline).getTime();
    const before = otherInstance(new Date(deadline - 1));
    const after = otherInstance(new Date(deadline + 1));
    const [submits, reads] = await Promise.all([
      Promise.all(
        drafts.map(({ b, bid }) => before.call("POST", `/v1/bids/${bid.id}/submit`, { token: b.token })),
      ),
      Promise.all(
        Array.from({ length: 6 }, () =>
          after.call("GET", `/v1/orders/${order.id}/bids`, { token: company.token }),
        ),
      ),
    ]);
    expect(reads.every((r) => r.status === 200)).toBe(true);
    const accepted = drafts.filter((_, i) => submits[i].status === 200).map(({ bid }) => bid.id);
    expect(
      submits.every((r) => r.status === 200 || r.status === 409),
      JSON.stringify(tally(submits.map((r) => r.status))),
    ).toBe(true);

    const final = await after.call("GET", `/v1/orders/${order.id}/bids`, { token: company.token });
    const seen = final.body.data.map((x: { id: string }) => x.id).sort();
    expect(seen).toEqual([...accepted].sort());
    for (const bid of final.body.data) expect(bid.pricePerTraineeFen, bid.id).toBeGreaterThan(0);
    const stillSealed = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(bids)
      .where(
        and(eq(bids.orderId, order.id), sql`${bids.sealedKeyId} is not null`, eq(bids.status, "submitted")),
      );
    expect(stillSealed[0].n).toBe(0);
    const openings = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, order.id), eq(auditLog.action, "open_bids")));
    expect(openings).toHaveLength(1);
    const submitAudits = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, "submit"), sql`${auditLog.entityId} in ${drafts.map((d) => d.bid.id)}`));
    expect(submitAudits[0].n).toBe(accepted.length);
  });

  it("25 replays of one Idempotency-Key on two instances create one order, and every success is the same", async () => {
    const key = `race-${Date.now()}`;
    const body = orderBody(t.clock.now(), { title: `Idempotent race ${key}` });
    const second = otherInstance(t.clock.now());
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        (i % 2 ? second.call : t.call)("POST", "/v1/orders", {
          token: company.token,
          body,
          headers: { "Idempotency-Key": key },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(
      statuses.every((s) => s === 201 || s === 409),
      JSON.stringify(tally(statuses)),
    ).toBe(true);
    const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const created = await t.db
      .select()
      .from(orders)
      .where(eq(orders.title, body.title as string));
    expect(created).toHaveLength(1);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.entityId, created[0].id));
    expect(audits.filter((a) => a.action === "create")).toHaveLength(1);
  });

  it("20 admins' clients adding a member with one email: one user, the rest 409", async () => {
    const email = freshEmail("same");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.call("POST", `/v1/organizations/${company.orgId}/members`, {
          token: company.token,
          body: {
            email: i % 2 ? email.toUpperCase() : email,
            password: PASSWORD,
            displayName: `Client ${i}`,
          },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(tally(statuses)[201], JSON.stringify(tally(statuses))).toBe(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const rows = await t.db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
    expect(rows).toHaveLength(1);
  });

  it("40 wrong passwords spread over two instances check at most 5", async () => {
    const { email } = await t.org("company");
    const second = otherInstance(t.clock.now());
    counting.verifications = 0;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? second.call : t.call)("POST", "/v1/auth/login", {
          body: { email, password: `wrong-password-${i}` },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(counting.verifications).toBeLessThanOrEqual(5);
    expect(tally(statuses)[401] ?? 0).toBe(counting.verifications);
    expect(tally(statuses)[429]).toBe(40 - counting.verifications);
    // Locked: even the right password is not checked now.
    const right = await t.call("POST", "/v1/auth/login", { body: { email, password: PASSWORD } });
    expect(right.status).toBe(429);
    expect(counting.verifications).toBeLessThanOrEqual(5);
  });
});
