/**
 * Races on real PostgreSQL (skipped without TEST_DATABASE_URL; CI's PostgreSQL section runs them): many clients at
 * once on the award, the bureau's review, the parties' signatures (also against a change of terms), bid submission
 * at the deadline against the opening, idempotent replays, member creation with one email, and the lockout across
 * two server instances. Each test records what every client got, then checks
 * the invariants in the database. (Twenty concurrent identical transitions, publishes, verifications and single-
 * instance lockout bursts are in the modules' own tests.)
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { auditLog, awards, bids, contracts, orders, users } from "../../src/db/schema";
import { termsSha256 } from "../../src/modules/contracts/terms";
import { ManualClock } from "../../src/platform/clock";
import type { PasswordHasher } from "../../src/platform/password";
import { nativeHasher } from "../../src/platform/password-node";
import { bidder, draftBid, orderBody, type Org, publishedOrder, submittedBid } from "../fixtures";
import { awardedOrder, endPublicity, submittedContract } from "../fixtures-contracts";
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
  let bureau: string;

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
    bureau = await t.bureau();
    const policy = await t.call("PUT", "/v1/subsidy-policies/ai_engineer", {
      token: bureau,
      body: { perTraineeFen: 300_000, validFrom: "2020-01-01" },
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
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

  /** An order awarded to bidders 0 (8 trainees) and 1 (7), past its publicity period: two draft contracts. */
  async function signable() {
    const awarded = await awardedOrder(t, company, { a: bidders[0], b: bidders[1], c: bidders[2] });
    endPublicity(t, awarded.award);
    return awarded;
  }
  const contractRow = async (id: string) =>
    (await t.db.select().from(contracts).where(eq(contracts.id, id)))[0];
  const auditOf = (id: string) => t.db.select().from(auditLog).where(eq(auditLog.entityId, id));

  it("30 bureau clients on two instances reviewing one contract with different decisions and subsidies: one review applies, with one audit row, and the subsidy stays within the request", async () => {
    const { order, contracts: c } = await signable();
    const requested = 2_000_000; // the cap is 3,000 CNY × 8 trainees = 2,400,000 fen
    const patched = await t.call("PATCH", `/v1/contracts/${c.a.id}`, {
      token: company.token,
      body: { subsidyRequestedFen: requested },
      headers: { "If-Match": `"${c.a.version}"` },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await submittedContract(t, c.a.id, company, bidders[0]);
    await submittedContract(t, c.b.id, company, bidders[1]);
    const approveB = await t.call("POST", `/v1/contracts/${c.b.id}/review`, {
      token: bureau,
      body: { decision: "approve", reason: "Within policy", subsidyApprovedFen: 0 },
    });
    expect(approveB.status, JSON.stringify(approveB.body)).toBe(200);

    const bodies = [
      { decision: "approve", reason: "Full", subsidyApprovedFen: requested },
      { decision: "approve", reason: "Part", subsidyApprovedFen: 1_500_000 },
      { decision: "approve", reason: "Over the request", subsidyApprovedFen: requested + 1 },
      { decision: "approve", reason: "As requested" },
      { decision: "reject", reason: "No" },
      { decision: "request_changes", reason: "Shorter schedule" },
    ];
    const second = otherInstance(t.clock.now());
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? second.call : t.call)("POST", `/v1/contracts/${c.a.id}/review`, {
          token: bureau,
          body: bodies[i % bodies.length],
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(tally(statuses)[200], JSON.stringify(tally(statuses))).toBe(1);
    // The rest lost the race (409), or asked for more than was requested (400, never applied).
    results.forEach((r, i) => {
      if (r.status === 400) expect(bodies[i % bodies.length].reason).toBe("Over the request");
      else if (r.status !== 200) expect(r.status, JSON.stringify(r.body)).toBe(409);
    });
    const winner = bodies[statuses.indexOf(200) % bodies.length];

    const row = await contractRow(c.a.id);
    const to = { approve: "approved", reject: "rejected", request_changes: "changes_requested" } as const;
    expect(row.status).toBe(to[winner.decision as keyof typeof to]);
    const granted = winner.decision === "approve" ? (winner.subsidyApprovedFen ?? requested) : null;
    expect(row.subsidyApprovedFen).toBe(granted);
    expect(row.subsidyRequestedFen).toBe(requested);
    expect(row.subsidyApprovedFen ?? 0).toBeLessThanOrEqual(row.subsidyRequestedFen);
    const reviews = (await auditOf(c.a.id)).filter((a) => a.action in to);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ action: winner.decision, toState: row.status });
    expect(reviews[0].data).toMatchObject({ subsidyApprovedFen: granted });
    // Money over the order: no contract was granted more than it requested, and the order followed only once.
    const all = await t.db.select().from(contracts).where(eq(contracts.orderId, order.id));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(all.map((x) => x.subsidyApprovedFen ?? 0))).toBe((granted ?? 0) + 0);
    expect(sum(all.map((x) => x.subsidyApprovedFen ?? 0))).toBeLessThanOrEqual(
      sum(all.map((x) => x.subsidyRequestedFen)),
    );
    const [orderRow] = await t.db.select().from(orders).where(eq(orders.id, order.id));
    const contracted = (await auditOf(order.id)).filter((a) => a.action === "contract");
    expect(orderRow.status).toBe(winner.decision === "approve" ? "contracted" : "awarded");
    expect(contracted).toHaveLength(winner.decision === "approve" ? 1 : 0);
  });

  it("40 clients of both parties on two instances signing one contract: one signature each, one audit row each, signed over the current terms' hash", async () => {
    const { contracts: c } = await signable();
    const second = otherInstance(t.clock.now());
    const signers = [company.token, bidders[0].token];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 4 < 2 ? t.call : second.call)("POST", `/v1/contracts/${c.a.id}/sign`, { token: signers[i % 2] }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(tally(statuses), JSON.stringify(tally(statuses))).toEqual({ 200: 2, 409: 38 });
    const applied = results.flatMap((r, i) => (r.status === 200 ? [i % 2] : []));
    expect(applied.sort()).toEqual([0, 1]);

    const row = await contractRow(c.a.id);
    expect(row.status).toBe("signed");
    const sha = await termsSha256(row);
    for (const signature of [row.companySignature, row.providerSignature]) {
      expect(signature).toMatchObject({ termsVersion: row.termsVersion, termsSha256: sha });
    }
    const actions = (await auditOf(c.a.id)).map((a) => a.action).filter((a) => a.startsWith("sign_"));
    expect(actions.sort()).toEqual(["sign_company", "sign_provider"]);
    const toSigned = (await auditOf(c.a.id)).filter((a) => a.toState === "signed");
    expect(toSigned).toHaveLength(1);
  });

  it("signatures racing a change of terms never bind to terms that changed, and every applied step has its audit row", async () => {
    const { contracts: c } = await signable();
    const second = otherInstance(t.clock.now());
    const signers = [company.token, bidders[0].token];
    const [signs, changes] = await Promise.all([
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 4 < 2 ? t.call : second.call)("POST", `/v1/contracts/${c.a.id}/sign`, {
            token: signers[i % 2],
          }),
        ),
      ),
      Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          (i % 2 ? second.call : t.call)("PATCH", `/v1/contracts/${c.a.id}`, {
            token: signers[i % 2],
            body: { specialTerms: `Change ${i}` },
            headers: { "If-Match": `"${c.a.version}"` },
          }),
        ),
      ),
    ]);
    expect(signs.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    // All four changes named the same version: at most one applies, the rest are stale (412) or too late (409).
    const changed = changes.filter((r) => r.status === 200);
    expect(changed.length, JSON.stringify(tally(changes.map((r) => r.status)))).toBeLessThanOrEqual(1);
    expect(changes.every((r) => [200, 409, 412].includes(r.status))).toBe(true);

    const row = await contractRow(c.a.id);
    const sha = await termsSha256(row);
    const current = (s: { termsVersion: number; termsSha256: string } | null) =>
      s?.termsVersion === row.termsVersion;
    for (const s of [row.companySignature, row.providerSignature]) {
      if (s) expect(s).toMatchObject({ termsVersion: row.termsVersion, termsSha256: sha });
    }
    expect(row.status).toBe(
      current(row.companySignature) && current(row.providerSignature) ? "signed" : "draft",
    );
    expect(row.termsVersion).toBe(1 + changed.length);
    const audit = await auditOf(c.a.id);
    const count = (action: string) => audit.filter((a) => a.action === action).length;
    expect(count("sign_company")).toBe(signs.filter((r, i) => r.status === 200 && i % 2 === 0).length);
    expect(count("sign_provider")).toBe(signs.filter((r, i) => r.status === 200 && i % 2 === 1).length);
    expect(count("update_terms")).toBe(changed.length);
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
    // Each entry is a ranked bid: `{ rank, score, …, bid }`.
    const ranked: { bid: { id: string; pricePerTraineeFen: number } }[] = final.body.data;
    expect(ranked.map((x) => x.bid.id).sort()).toEqual([...accepted].sort());
    for (const { bid } of ranked) expect(bid.pricePerTraineeFen, bid.id).toBeGreaterThan(0);
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
