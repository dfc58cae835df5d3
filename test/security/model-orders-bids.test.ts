/**
 * Model-based tests (fast-check `fc.commands`) of an order, its bids and the award: random sequences of calls by
 * random actors — the company's admin and member, three bidders, a rival company, a provider without a bid, the
 * bureau, anonymous — with the clock moving across the deadlines. After every command the server agrees with the
 * model; a call the model refuses changes nothing; every applied transition appends exactly one audit row of its
 * action; no state the design forbids is reached; a terminal state never changes.
 *
 * Seeded (MODEL_SEED); MODEL_RUNS sequences (default 15).
 */
import { and, inArray, isNotNull } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema";
import { DAY } from "../../src/platform/clock";
import { bidBody, bidder, createOrder, type Org } from "../fixtures";
import { createTestContext, freshEmail, PASSWORD, type TestContext } from "../helpers";

const SEED = Number(process.env.MODEL_SEED ?? 20_261_129);
const RUNS = Number(process.env.MODEL_RUNS ?? 15);

type OrderStatus = "draft" | "open" | "evaluation" | "awarded" | "cancelled";
type BidStatus = "draft" | "submitted" | "withdrawn" | "awarded" | "not_awarded";
const TERMINAL_ORDER: OrderStatus[] = ["awarded", "cancelled"];
const TERMINAL_BID: BidStatus[] = ["withdrawn", "awarded", "not_awarded"];

interface Model {
  status: OrderStatus;
  /** Days past the start: 0, after the enquiry deadline (11) or after the bid deadline (15). */
  day: number;
  bids: { id: string; bidder: number; status: BidStatus; size: number }[];
}
interface Real {
  order: { id: string; bidDeadline: string; deliverBy: string };
}

let t: TestContext;
let start: Date;
let company: Org;
let member: string;
let rival: Org;
let outsider: Org;
let bureau: string;
type Bidder = Awaited<ReturnType<typeof bidder>>;
let bidders: Bidder[];

beforeAll(async () => {
  // The clock goes back to the start for every run, into rate-limit windows already used: count each request in
  // the database (as on Workers) rather than leasing blocks of a window that a run then leaves.
  t = await createTestContext(undefined, { tokenLeaseShare: 0 });
  start = t.clock.now();
  company = await t.org("company");
  const email = freshEmail("member");
  await t.call("POST", `/v1/organizations/${company.orgId}/members`, {
    token: company.token,
    body: { email, password: PASSWORD, displayName: "Member" },
  });
  member = await t.login(email);
  rival = await t.org("company");
  outsider = await t.org("provider", { accredit: ["ai_engineer"] });
  bureau = await t.bureau();
  bidders = [await bidder(t), await bidder(t), await bidder(t)];
});
afterAll(() => t.close());

const live = (m: Model, who: number) =>
  m.bids.find((b) => b.bidder === who && ["draft", "submitted"].includes(b.status));
const biddingOpen = (m: Model) => m.status === "open" && m.day < 15;
/** The order's status as a read shows it: an open order past its bid deadline is in evaluation. */
const shown = (m: Model): OrderStatus => (m.status === "open" && m.day >= 15 ? "evaluation" : m.status);

/** Audit rows of user actions on the run's entities, by entity and action. */
async function auditCounts(ids: string[]) {
  const rows = await t.db
    .select({ entityId: auditLog.entityId, action: auditLog.action })
    .from(auditLog)
    .where(and(inArray(auditLog.entityId, ids), isNotNull(auditLog.actorUserId)));
  const counts = new Map<string, number>();
  for (const r of rows)
    counts.set(`${r.entityId} ${r.action}`, (counts.get(`${r.entityId} ${r.action}`) ?? 0) + 1);
  return counts;
}

/** Checks the server against the model: the order's and every bid's status, and the forbidden combinations. */
async function agree(m: Model, r: Real) {
  const order = await t.call("GET", `/v1/orders/${r.order.id}`, { token: company.token });
  expect(order.status).toBe(200);
  expect(order.body.status).toBe(shown(m));
  for (const b of m.bids) {
    const bid = await t.call("GET", `/v1/bids/${b.id}`, { token: bidders[b.bidder].token });
    expect(bid.body.status, `bid of bidder ${b.bidder}`).toBe(b.status);
  }
  const awarded = m.bids.filter((b) => b.status === "awarded");
  expect(awarded.length > 0).toBe(m.status === "awarded");
  for (let i = 0; i < bidders.length; i++) {
    expect(
      m.bids.filter((b) => b.bidder === i && ["draft", "submitted"].includes(b.status)).length,
    ).toBeLessThan(2);
  }
}

/** Runs a call; whatever the model expects, the audit log gains exactly the rows of the transitions applied. */
async function applied(
  r: Real,
  m: Model,
  call: () => Promise<{ status: number; body: unknown }>,
  expectRows: (ok: boolean, body: { id?: string }) => string[],
) {
  const ids = [r.order.id, ...m.bids.map((b) => b.id)];
  const before = await auditCounts(ids);
  const res = await call();
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
  const ok = res.status < 300;
  const after = await auditCounts([
    ...ids,
    ...(ok && (res.body as { id?: string })?.id ? [(res.body as { id: string }).id] : []),
  ]);
  const added = [...after].flatMap(([k, n]) => Array.from({ length: n - (before.get(k) ?? 0) }, () => k));
  expect(added.sort()).toEqual(expectRows(ok, res.body as { id?: string }).sort());
  return res;
}

class Advance implements fc.AsyncCommand<Model, Real> {
  constructor(readonly to: number) {}
  check = (m: Readonly<Model>) => this.to > m.day;
  async run(m: Model, r: Real) {
    m.day = this.to;
    t.clock.set(new Date(start.getTime() + this.to * DAY));
    await agree(m, r);
  }
  toString = () => `advance to day ${this.to}`;
}

const companyTokens = () => [company.token, member];

class Publish implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: "admin" | "member" | "rival" | "bureau") {}
  check = () => true;
  async run(m: Model, r: Real) {
    const token = { admin: company.token, member, rival: rival.token, bureau }[this.who];
    // The design asks only for a future bid deadline (the enquiry period may be over).
    const may = companyTokens().includes(token) && m.status === "draft" && m.day < 15;
    const res = await applied(
      r,
      m,
      () => t.call("POST", `/v1/orders/${r.order.id}/publish`, { token }),
      (ok) => (ok ? [`${r.order.id} publish`] : []),
    );
    if (may) {
      expect(res.status).toBe(200);
      m.status = "open";
    } else expect(res.status).toBeGreaterThanOrEqual(400);
    await agree(m, r);
  }
  toString = () => `publish by ${this.who}`;
}

class Cancel implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: "admin" | "member" | "rival" | "bureau") {}
  check = () => true;
  async run(m: Model, r: Real) {
    const token = { admin: company.token, member, rival: rival.token, bureau }[this.who];
    const may = companyTokens().includes(token) && ["draft", "open"].includes(m.status);
    const res = await applied(
      r,
      m,
      () => t.call("POST", `/v1/orders/${r.order.id}/cancel`, { token, body: { reason: "Model" } }),
      (ok) => (ok ? [`${r.order.id} cancel`] : []),
    );
    if (may) {
      expect(res.status).toBe(200);
      m.status = "cancelled";
    } else expect(res.status).toBeGreaterThanOrEqual(400);
    await agree(m, r);
  }
  toString = () => `cancel by ${this.who}`;
}

class DraftBid implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly who: number,
    readonly size: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const b = bidders[this.who];
    const may = biddingOpen(m) && !live(m, this.who);
    const res = await applied(
      r,
      m,
      () =>
        t.call("POST", `/v1/orders/${r.order.id}/bids`, {
          token: b.token,
          body: bidBody(r.order, b.programId, { cohortSize: this.size }),
        }),
      (ok, body) => (ok ? [`${body.id} create`] : []),
    );
    if (may) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const id = (res.body as { id: string }).id;
      m.bids.push({ id, bidder: this.who, status: "draft", size: this.size });
    } else expect(res.status).toBeGreaterThanOrEqual(400);
    await agree(m, r);
  }
  toString = () => `bidder ${this.who} drafts a bid of ${this.size}`;
}

class BidTransition implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly action: "submit" | "withdraw",
    readonly who: number,
    readonly actor: "owner" | "other bidder" | "company" | "outsider",
  ) {}
  check = (m: Readonly<Model>) => m.bids.some((b) => b.bidder === this.who);
  async run(m: Model, r: Real) {
    const bid = [...m.bids].reverse().find((b) => b.bidder === this.who)!;
    const token = {
      owner: bidders[this.who].token,
      "other bidder": bidders[(this.who + 1) % bidders.length].token,
      company: company.token,
      outsider: outsider.token,
    }[this.actor];
    const from: BidStatus[] = this.action === "submit" ? ["draft"] : ["draft", "submitted"];
    const may = this.actor === "owner" && biddingOpen(m) && from.includes(bid.status);
    const res = await applied(
      r,
      m,
      () => t.call("POST", `/v1/bids/${bid.id}/${this.action}`, { token }),
      (ok) => (ok ? [`${bid.id} ${this.action}`] : []),
    );
    if (may) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      bid.status = this.action === "submit" ? "submitted" : "withdrawn";
    } else expect(res.status).toBeGreaterThanOrEqual(400);
    await agree(m, r);
  }
  toString = () => `${this.action} bidder ${this.who}'s bid as ${this.actor}`;
}

class Award implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: boolean[],
    readonly who: "admin" | "member" | "rival" | "bureau",
    /** Whether the choice is among the submitted bids only (else among all, drafts and withdrawn too). */
    readonly amongSubmitted: boolean,
  ) {}
  check = (m: Readonly<Model>) => m.bids.length > 0;
  async run(m: Model, r: Real) {
    const token = { admin: company.token, member, rival: rival.token, bureau }[this.who];
    const pool = this.amongSubmitted ? m.bids.filter((b) => b.status === "submitted") : m.bids;
    const chosen = pool.filter((_, i) => this.pick[i % this.pick.length]);
    if (!chosen.length) chosen.push(pool[0] ?? m.bids[0]);
    const headcount = chosen.reduce((s, b) => s + b.size, 0);
    const may =
      companyTokens().includes(token) &&
      shown(m) === "evaluation" &&
      chosen.every((b) => b.status === "submitted") &&
      headcount >= 10 &&
      headcount <= 20;
    const submitted = m.bids.filter((b) => b.status === "submitted");
    const res = await applied(
      r,
      m,
      () =>
        t.call("POST", `/v1/orders/${r.order.id}/award`, {
          token,
          body: { bidIds: chosen.map((b) => b.id), reason: "Model" },
        }),
      (ok, body) =>
        ok
          ? [
              `${r.order.id} award`,
              `${body.id} award`,
              ...submitted.map((b) => `${b.id} ${chosen.includes(b) ? "award" : "not_award"}`),
            ]
          : [],
    );
    if (may) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      m.status = "awarded";
      for (const b of submitted) b.status = chosen.includes(b) ? "awarded" : "not_awarded";
    } else expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
    await agree(m, r);
  }
  toString = () =>
    `award ${this.pick.map(Number).join("")} of ${this.amongSubmitted ? "submitted" : "all"} bids by ${this.who}`;
}

const actor = fc.constantFrom("admin", "member", "admin", "rival", "bureau") as fc.Arbitrary<
  "admin" | "member" | "rival" | "bureau"
>;
const who = fc.integer({ min: 0, max: 2 });
const commands = [
  fc.constantFrom(11, 15).map((d) => new Advance(d)),
  actor.map((a) => new Publish(a)),
  actor.map((a) => new Publish(a)),
  // Mostly callers who may not cancel, so that sequences reach the award.
  (fc.constantFrom("rival", "bureau", "rival", "member") as typeof actor).map((a) => new Cancel(a)),
  fc.tuple(who, fc.constantFrom(5, 10, 15)).map(([w, s]) => new DraftBid(w, s)),
  fc.tuple(who, fc.constantFrom(5, 10, 15)).map(([w, s]) => new DraftBid(w, s)),
  fc
    .tuple(
      fc.constantFrom("submit", "submit", "withdraw") as fc.Arbitrary<"submit" | "withdraw">,
      who,
      fc.constantFrom("owner", "owner", "owner", "other bidder", "company", "outsider") as fc.Arbitrary<
        "owner" | "other bidder" | "company" | "outsider"
      >,
    )
    .map(([a, w, by]) => new BidTransition(a, w, by)),
  fc
    .tuple(fc.constant("submit" as const), who, fc.constant("owner" as const))
    .map(([a, w, by]) => new BidTransition(a, w, by)),
  fc
    .tuple(fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), actor, fc.boolean())
    .map(([p, a, s]) => new Award(p, a, s)),
  fc
    .tuple(fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), actor, fc.constant(true))
    .map(([p, a, s]) => new Award(p, a, s)),
];

describe("orders, bids and the award against a model", () => {
  it("random sequences by random actors keep the server and the model in step", async () => {
    const outcomes: OrderStatus[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.commands(commands, { maxCommands: 20, size: "medium" }),
        fc.nat(3),
        async (cmds, draft) => {
          t.clock.set(start);
          const order = await createOrder(t, company.token, { headcountMin: 10, headcountMax: 20 });
          const model: Model = { status: "draft", day: 0, bids: [] };
          // Three runs in four start from an open order, so that sequences get as far as the award.
          if (draft > 0) {
            expect(
              (await t.call("POST", `/v1/orders/${order.id}/publish`, { token: company.token })).status,
            ).toBe(200);
            model.status = "open";
          }
          const terminal = { order: null as OrderStatus | null, bids: new Map<string, BidStatus>() };
          const real = { order };
          await fc.asyncModelRun(
            () => ({ model, real }),
            [...cmds].map((c) => wrapTerminal(c, terminal)),
          );
          // Then the deadline, an award of the submitted bids, and every kind of call on what is left.
          const epilogue = [
            new Advance(15),
            new Award([true, true, false], "admin", true),
            new Award([true], "member", true),
            new Cancel("admin"),
            new Publish("member"),
            ...[0, 1, 2].flatMap((w) => [new BidTransition("withdraw", w, "owner"), new DraftBid(w, 10)]),
          ];
          for (const c of epilogue.map((x) => wrapTerminal(x, terminal)))
            if (c.check(model)) await c.run(model, real);
          outcomes.push(model.status);
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The runs reached the award, not only refusals.
    expect(outcomes).toContain("awarded");
  }, 240_000);
});

/** Wraps a command so that, after it, no terminal state reached earlier has changed. */
function wrapTerminal(
  cmd: fc.AsyncCommand<Model, Real>,
  seen: { order: OrderStatus | null; bids: Map<string, BidStatus> },
): fc.AsyncCommand<Model, Real> {
  return {
    check: (m) => cmd.check(m),
    run: async (m, r) => {
      await cmd.run(m, r);
      if (seen.order) expect(m.status, `terminal order state after ${cmd}`).toBe(seen.order);
      if (TERMINAL_ORDER.includes(m.status)) seen.order = m.status;
      for (const b of m.bids) {
        const was = seen.bids.get(b.id);
        if (was) expect(b.status, `terminal bid state after ${cmd}`).toBe(was);
        if (TERMINAL_BID.includes(b.status)) seen.bids.set(b.id, b.status);
      }
    },
    toString: () => cmd.toString(),
  };
}
