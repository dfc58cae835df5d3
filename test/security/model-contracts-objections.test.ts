/**
 * Model-based tests (fast-check `fc.commands`) of an award's objection and its contracts: random sequences of
 * calls by random actors — the company's admin and member, the two awarded providers, the losing bidder, a rival
 * company, the bureau — with the clock moving past the publicity period. After every command the server agrees with
 * the model; a call the model refuses changes nothing; every applied transition appends exactly the audit rows of
 * what it moved (an upheld objection: the objection, the award, the order, each contract and each bid); a terminal
 * state never changes; and no forbidden state is reached: a signed contract carries both signatures over its
 * current terms, a granted subsidy never exceeds the request, the order is `contracted` only with every live
 * contract approved or further.
 *
 * Seeded (MODEL_SEED); MODEL_RUNS sequences (default 10).
 */
import { and, inArray, isNotNull } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema";
import { bidder, createCohort, type Org } from "../fixtures";
import { awardedOrder } from "../fixtures-contracts";
import { createTestContext, freshEmail, PASSWORD, type TestContext } from "../helpers";

const SEED = Number(process.env.MODEL_SEED ?? 20_261_129);
const RUNS = Number(process.env.MODEL_RUNS ?? 10);
/** The `ai_engineer` policy the bureau sets: 3,000 CNY per trainee. */
const PER_TRAINEE_FEN = 300_000;

type ContractStatus =
  | "draft"
  | "signed"
  | "under_review"
  | "approved"
  | "changes_requested"
  | "rejected"
  | "active"
  | "completed"
  | "terminated"
  | "cancelled";
type OrderStatus = "awarded" | "evaluation" | "contracted" | "fulfilled";
type ObjectionStatus = "open" | "answered" | "upheld" | "dismissed";
type BidStatus = "awarded" | "not_awarded" | "submitted";
const TERMINAL_CONTRACT: ContractStatus[] = ["rejected", "terminated", "completed", "cancelled"];
const TERMINAL_OBJECTION: ObjectionStatus[] = ["upheld", "dismissed"];
const APPROVED_OR_LATER: ContractStatus[] = ["approved", "active", "completed"];

type Who = "admin" | "member" | "providerA" | "providerB" | "loser" | "rival" | "bureau";
/** Who calls a contract step, relative to the contract: its own provider or the other awarded one. */
type Role = Exclude<Who, "providerA" | "providerB"> | "own provider" | "other provider";
type Party = "company" | "provider";

interface MContract {
  id: string;
  /** The awarded provider: providerA (8 trainees) or providerB (7). */
  provider: "providerA" | "providerB";
  headcount: number;
  status: ContractStatus;
  termsVersion: number;
  signed: Record<Party, number | null>;
  requested: number;
  approved: number | null;
}
interface Model {
  order: OrderStatus;
  publicityOver: boolean;
  objection: { id: string; status: ObjectionStatus } | null;
  contracts: MContract[];
  bids: { id: string; owner: number; status: BidStatus }[];
}
interface Real {
  orderId: string;
  awardId: string;
  publicityEndsAt: string;
}

let t: TestContext;
let start: Date;
let company: Org;
let member: string;
let rival: Org;
let bureau: string;
type Bidder = Awaited<ReturnType<typeof bidder>>;
/** Bidders 0 and 1 win (providerA, providerB), bidder 2 loses. */
let bidders: Bidder[];

beforeAll(async () => {
  // Every run starts at the same instant (tokens expire), into rate-limit windows already used: count each request
  // in the database rather than leasing blocks of a window that a run then leaves.
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
  bureau = await t.bureau();
  bidders = [await bidder(t), await bidder(t), await bidder(t)];
  const policy = await t.call("PUT", "/v1/subsidy-policies/ai_engineer", {
    token: bureau,
    body: { perTraineeFen: PER_TRAINEE_FEN, validFrom: "2020-01-01" },
  });
  expect(policy.status, JSON.stringify(policy.body)).toBe(201);
});
afterAll(() => t.close());

const tokenOf = (who: Who) =>
  ({
    admin: company.token,
    member,
    providerA: bidders[0].token,
    providerB: bidders[1].token,
    loser: bidders[2].token,
    rival: rival.token,
    bureau,
  })[who];
/** Which party of the contract `who` acts for, if any. */
const partyOf = (who: Who, c: MContract): Party | null =>
  who === "admin" || who === "member" ? "company" : who === c.provider ? "provider" : null;
const undecided = (m: Model) => m.objection !== null && ["open", "answered"].includes(m.objection.status);

/** The order follows its contracts, as the server does after an approval or a completion. */
function follow(m: Model, r: Real): string[] {
  const live = m.contracts.filter((c) => c.status !== "cancelled");
  if (live.length === 0) return [];
  if (m.order === "awarded" && live.every((c) => APPROVED_OR_LATER.includes(c.status))) {
    m.order = "contracted";
    return [`${r.orderId} contract`];
  }
  if (m.order === "contracted" && live.every((c) => c.status === "completed")) {
    m.order = "fulfilled";
    return [`${r.orderId} fulfil`];
  }
  return [];
}

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

/**
 * Runs a call the model allows (`may`) or refuses. Allowed: the status is `ok` and `effect` updates the model and
 * names the audit rows it expects; refused: a 4xx and no audit row at all.
 */
async function step(
  m: Model,
  r: Real,
  may: boolean,
  call: () => Promise<{ status: number; body: { id?: string } }>,
  effect: (body: { id?: string }) => string[],
  extraIds: string[] = [],
) {
  const ids = [
    r.orderId,
    r.awardId,
    ...m.contracts.map((c) => c.id),
    ...m.bids.map((b) => b.id),
    ...(m.objection ? [m.objection.id] : []),
    ...extraIds,
  ];
  const before = await auditCounts(ids);
  const res = await call();
  const what = JSON.stringify(res.body).slice(0, 400);
  expect(res.status, what).toBeLessThan(500);
  let want: string[] = [];
  if (may) {
    expect(res.status, what).toBeLessThan(300);
    want = effect(res.body);
  } else expect(res.status, what).toBeGreaterThanOrEqual(400);
  const after = await auditCounts(res.body?.id ? [...ids, res.body.id] : ids);
  const added = [...after].flatMap(([k, n]) => Array.from({ length: n - (before.get(k) ?? 0) }, () => k));
  expect(added.sort()).toEqual(want.sort());
  await agree(m, r);
}

/** Checks the server against the model, and the states the design forbids. */
async function agree(m: Model, r: Real) {
  const order = await t.call("GET", `/v1/orders/${r.orderId}`, { token: company.token });
  expect(order.body.status).toBe(m.order);
  for (const c of m.contracts) {
    const res = await t.call("GET", `/v1/contracts/${c.id}`, { token: bureau });
    const got = res.body;
    expect(
      {
        status: got.status,
        termsVersion: got.termsVersion,
        company: got.signatures.company?.termsVersion ?? null,
        provider: got.signatures.provider?.termsVersion ?? null,
        requested: got.terms.subsidyRequestedFen,
        approved: got.subsidyApprovedFen,
      },
      c.provider,
    ).toEqual({
      status: c.status,
      termsVersion: c.termsVersion,
      company: c.signed.company,
      provider: c.signed.provider,
      requested: c.requested,
      approved: c.approved,
    });
    if (got.status === "signed") {
      expect(got.signatures.company.termsSha256).toBe(got.signatures.provider.termsSha256);
      expect(got.signatures.company.termsVersion).toBe(got.termsVersion);
    }
    expect(got.subsidyApprovedFen ?? 0).toBeLessThanOrEqual(got.terms.subsidyRequestedFen);
    expect(got.terms.subsidyRequestedFen).toBeLessThanOrEqual(PER_TRAINEE_FEN * got.terms.headcount);
    if (undecided(m)) expect(got.status).toMatch(/^(draft|cancelled)$/);
  }
  if (m.order === "contracted") {
    for (const c of m.contracts.filter((x) => x.status !== "cancelled"))
      expect(APPROVED_OR_LATER.concat(["terminated"])).toContain(c.status);
  }
  if (m.objection) {
    const res = await t.call("GET", `/v1/objections/${m.objection.id}`, { token: bureau });
    expect(res.body.status).toBe(m.objection.status);
  }
  for (const b of m.bids) {
    const res = await t.call("GET", `/v1/bids/${b.id}`, { token: bidders[b.owner].token });
    expect(res.body.status, `bid of bidder ${b.owner}`).toBe(b.status);
  }
}

type Cmd = fc.AsyncCommand<Model, Real>;
const contractAt = (m: Readonly<Model>, i: number) => m.contracts[i % m.contracts.length];
const resolve = (role: Role, c: MContract): Who =>
  role === "own provider"
    ? c.provider
    : role === "other provider"
      ? c.provider === "providerA"
        ? "providerB"
        : "providerA"
      : role;

class EndPublicity implements Cmd {
  check = (m: Readonly<Model>) => !m.publicityOver;
  async run(m: Model, r: Real) {
    t.clock.set(new Date(new Date(r.publicityEndsAt).getTime() + 1));
    m.publicityOver = true;
    await agree(m, r);
  }
  toString = () => "end the publicity period";
}

class FileObjection implements Cmd {
  constructor(readonly who: Who) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const may = this.who === "loser" && m.objection === null && !m.publicityOver;
    await step(
      m,
      r,
      may,
      () =>
        t.call("POST", `/v1/orders/${r.orderId}/objections`, {
          token: tokenOf(this.who),
          body: { reason: "Our bid was as good and cheaper per hire" },
        }),
      (body) => {
        m.objection = { id: body.id!, status: "open" };
        return [`${body.id} file`];
      },
    );
  }
  toString = () => `objection by ${this.who}`;
}

class AnswerObjection implements Cmd {
  constructor(readonly who: Who) {}
  check = (m: Readonly<Model>) => m.objection !== null;
  async run(m: Model, r: Real) {
    const o = m.objection!;
    const may = (this.who === "admin" || this.who === "member") && o.status === "open";
    await step(
      m,
      r,
      may,
      () =>
        t.call("POST", `/v1/objections/${o.id}/answer`, {
          token: tokenOf(this.who),
          body: { answer: "The award followed the published criteria" },
        }),
      () => {
        o.status = "answered";
        return [`${o.id} answer`];
      },
    );
  }
  toString = () => `answer the objection as ${this.who}`;
}

class DecideObjection implements Cmd {
  constructor(
    readonly decision: "upheld" | "dismissed",
    readonly who: Who,
  ) {}
  check = (m: Readonly<Model>) => m.objection !== null;
  async run(m: Model, r: Real) {
    const o = m.objection!;
    const may = this.who === "bureau" && undecided(m);
    await step(
      m,
      r,
      may,
      () =>
        t.call("POST", `/v1/objections/${o.id}/decide`, {
          token: tokenOf(this.who),
          body: { decision: this.decision, reason: "Decided on the file" },
        }),
      () => {
        o.status = this.decision;
        if (this.decision === "dismissed") return [`${o.id} dismiss`];
        // Upheld: the award is annulled in one transaction.
        const rows = [`${o.id} uphold`, `${r.awardId} annul`, `${r.orderId} annul_award`];
        m.order = "evaluation";
        for (const c of m.contracts.filter((x) => x.status !== "cancelled")) {
          c.status = "cancelled";
          rows.push(`${c.id} cancel`);
        }
        for (const b of m.bids) {
          b.status = "submitted";
          rows.push(`${b.id} reopen`);
        }
        return rows;
      },
    );
  }
  toString = () => `${this.decision} by ${this.who}`;
}

class ChangeTerms implements Cmd {
  constructor(
    readonly which: number,
    readonly role: Role,
    readonly subsidyRequestedFen: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const c = contractAt(m, this.which);
    const who = resolve(this.role, c);
    const current = await t.call("GET", `/v1/contracts/${c.id}`, { token: bureau });
    const may =
      partyOf(who, c) !== null &&
      ["draft", "changes_requested"].includes(c.status) &&
      this.subsidyRequestedFen <= PER_TRAINEE_FEN * c.headcount;
    await step(
      m,
      r,
      may,
      () =>
        t.call("PATCH", `/v1/contracts/${c.id}`, {
          token: tokenOf(who),
          body: { subsidyRequestedFen: this.subsidyRequestedFen },
          headers: { "If-Match": current.headers.get("ETag") ?? '"0"' },
        }),
      () => {
        if (this.subsidyRequestedFen !== c.requested) {
          c.requested = this.subsidyRequestedFen;
          c.termsVersion++;
          c.signed = { company: null, provider: null };
        }
        c.status = "draft";
        return [`${c.id} update_terms`];
      },
    );
  }
  toString = () => `${this.role} asks ${this.subsidyRequestedFen} fen on contract ${this.which}`;
}

class Sign implements Cmd {
  constructor(
    readonly which: number,
    readonly role: Role,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const c = contractAt(m, this.which);
    const who = resolve(this.role, c);
    const party = partyOf(who, c);
    const may =
      party !== null &&
      who !== "member" &&
      c.status === "draft" &&
      m.publicityOver &&
      !undecided(m) &&
      c.signed[party] !== c.termsVersion;
    await step(
      m,
      r,
      may,
      () => t.call("POST", `/v1/contracts/${c.id}/sign`, { token: tokenOf(who) }),
      () => {
        c.signed[party!] = c.termsVersion;
        if (c.signed.company === c.termsVersion && c.signed.provider === c.termsVersion) c.status = "signed";
        return [`${c.id} sign_${party}`];
      },
    );
  }
  toString = () => `${this.role} signs contract ${this.which}`;
}

class Submit implements Cmd {
  constructor(
    readonly which: number,
    readonly role: Role,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const c = contractAt(m, this.which);
    const who = resolve(this.role, c);
    const may = partyOf(who, c) !== null && c.status === "signed";
    await step(
      m,
      r,
      may,
      () => t.call("POST", `/v1/contracts/${c.id}/submit`, { token: tokenOf(who) }),
      () => {
        c.status = "under_review";
        return [`${c.id} submit`];
      },
    );
  }
  toString = () => `${this.role} submits contract ${this.which}`;
}

type Grant = "default" | "none" | "requested" | "over";
class Review implements Cmd {
  constructor(
    readonly which: number,
    readonly role: Role,
    readonly decision: "approve" | "reject" | "request_changes",
    readonly grant: Grant,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const c = contractAt(m, this.which);
    const who = resolve(this.role, c);
    const amount =
      this.decision !== "approve" || this.grant === "default"
        ? undefined
        : { none: 0, requested: c.requested, over: c.requested + 1 }[this.grant];
    const may =
      who === "bureau" && c.status === "under_review" && (amount === undefined || amount <= c.requested);
    await step(
      m,
      r,
      may,
      () =>
        t.call("POST", `/v1/contracts/${c.id}/review`, {
          token: tokenOf(who),
          body: {
            decision: this.decision,
            reason: "Reviewed",
            ...(amount === undefined ? {} : { subsidyApprovedFen: amount }),
          },
        }),
      () => {
        const to = { approve: "approved", reject: "rejected", request_changes: "changes_requested" } as const;
        c.status = to[this.decision];
        c.approved = this.decision === "approve" ? (amount ?? c.requested) : null;
        return [`${c.id} ${this.decision}`, ...(this.decision === "approve" ? follow(m, r) : [])];
      },
    );
  }
  toString = () => `${this.role} reviews contract ${this.which}: ${this.decision} (${this.grant})`;
}

class Start implements Cmd {
  constructor(
    readonly which: number,
    readonly role: Role,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const c = contractAt(m, this.which);
    const who = resolve(this.role, c);
    const owner = bidders[c.provider === "providerA" ? 0 : 1];
    const cohort = await createCohort(t, owner.token, owner.programId);
    const may = who === c.provider && c.status === "approved";
    await step(
      m,
      r,
      may,
      () =>
        t.call("POST", `/v1/contracts/${c.id}/start`, {
          token: tokenOf(who),
          body: { cohortId: cohort.id },
        }),
      () => {
        c.status = "active";
        return [`${c.id} start`, `${cohort.id} start`];
      },
      [cohort.id],
    );
  }
  toString = () => `${this.role} starts contract ${this.which}`;
}

class Complete implements Cmd {
  constructor(
    readonly which: number,
    readonly role: Role,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const c = contractAt(m, this.which);
    const who = resolve(this.role, c);
    const may = partyOf(who, c) !== null && c.status === "active";
    await step(
      m,
      r,
      may,
      () => t.call("POST", `/v1/contracts/${c.id}/complete`, { token: tokenOf(who) }),
      () => {
        c.status = "completed";
        return [`${c.id} complete`, ...follow(m, r)];
      },
    );
  }
  toString = () => `${this.role} completes contract ${this.which}`;
}

class Terminate implements Cmd {
  constructor(
    readonly which: number,
    readonly role: Role,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const c = contractAt(m, this.which);
    const who = resolve(this.role, c);
    const may = (partyOf(who, c) !== null || who === "bureau") && ["approved", "active"].includes(c.status);
    await step(
      m,
      r,
      may,
      () =>
        t.call("POST", `/v1/contracts/${c.id}/terminate`, {
          token: tokenOf(who),
          body: { reason: "The training site closed" },
        }),
      () => {
        c.status = "terminated";
        return [`${c.id} terminate`];
      },
    );
  }
  toString = () => `${this.role} terminates contract ${this.which}`;
}

const anyone = fc.constantFrom<Who>("admin", "member", "providerA", "providerB", "loser", "rival", "bureau");
const roles = fc.constantFrom<Role>(
  "admin",
  "admin",
  "own provider",
  "own provider",
  "member",
  "bureau",
  "other provider",
  "loser",
);
const which = fc.integer({ min: 0, max: 1 });
const commands = [
  fc.constant(new EndPublicity()),
  fc.constantFrom<Who>("loser", "loser", "providerA", "admin", "bureau").map((w) => new FileObjection(w)),
  anyone.map((w) => new AnswerObjection(w)),
  fc
    .tuple(fc.constantFrom<"upheld" | "dismissed">("dismissed", "dismissed", "upheld"), anyone)
    .map(([d, w]) => new DecideObjection(d, w)),
  fc
    .tuple(which, roles, fc.constantFrom(0, 500_000, 2_000_000, 2_400_000))
    .map(([i, w, a]) => new ChangeTerms(i, w, a)),
  fc.tuple(which, roles).map(([i, w]) => new Sign(i, w)),
  fc.tuple(which, roles).map(([i, w]) => new Sign(i, w)),
  fc.tuple(which, roles).map(([i, w]) => new Submit(i, w)),
  fc
    .tuple(
      which,
      fc.constantFrom<Role>("bureau", "bureau", "bureau", "admin", "own provider"),
      fc.constantFrom<"approve" | "reject" | "request_changes">(
        "approve",
        "approve",
        "reject",
        "request_changes",
      ),
      fc.constantFrom<Grant>("default", "none", "requested", "over"),
    )
    .map(([i, w, d, g]) => new Review(i, w, d, g)),
  fc.tuple(which, roles).map(([i, w]) => new Start(i, w)),
  fc.tuple(which, roles).map(([i, w]) => new Complete(i, w)),
  fc
    .tuple(
      which,
      fc.constantFrom<Role>("admin", "own provider", "bureau", "other provider", "rival", "member"),
    )
    .map(([i, w]) => new Terminate(i, w)),
];

describe("objections and contracts against a model", () => {
  it("random sequences by random actors keep the server and the model in step", async () => {
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.commands(commands, { maxCommands: 30, size: "medium" }),
        fc.nat(3),
        async (cmds, variant) => {
          t.clock.set(start);
          const awarded = await awardedOrder(t, company, { a: bidders[0], b: bidders[1], c: bidders[2] });
          const real: Real = {
            orderId: awarded.order.id,
            awardId: awarded.award.id,
            publicityEndsAt: awarded.award.publicityEndsAt,
          };
          const contract = (
            c: { id: string; terms: { headcount: number } },
            provider: MContract["provider"],
          ) => ({
            id: c.id,
            provider,
            headcount: c.terms.headcount,
            status: "draft" as const,
            termsVersion: 1,
            signed: { company: null, provider: null },
            requested: 0,
            approved: null,
          });
          const model: Model = {
            order: "awarded",
            publicityOver: false,
            objection: null,
            contracts: [
              contract(awarded.contracts.a, "providerA"),
              contract(awarded.contracts.b, "providerB"),
            ],
            bids: [
              { id: awarded.bids.a.id, owner: 0, status: "awarded" },
              { id: awarded.bids.b.id, owner: 1, status: "awarded" },
              { id: awarded.bids.c.id, owner: 2, status: "not_awarded" },
            ],
          };
          const seen = {
            contracts: new Map<string, ContractStatus>(),
            objection: null as ObjectionStatus | null,
          };
          // A run starts in the publicity period, with the loser's objection in it, after it (signing may
          // start), or with both contracts in the bureau's queue.
          const queued = [0, 1].flatMap((i) => [
            new Sign(i, "admin"),
            new Sign(i, "own provider"),
            new Submit(i, "own provider"),
          ]);
          const prelude: Cmd[] = [
            [],
            [new FileObjection("loser")],
            [new EndPublicity()],
            [new EndPublicity(), ...queued],
          ][variant];
          for (const c of prelude) await c.run(model, real);
          await fc.asyncModelRun(
            () => ({ model, real }),
            [...cmds].map((c) => wrapTerminal(c, seen)),
          );
          // Then the way through: the period ends, the objection is dismissed, and each contract is signed,
          // submitted, approved, started and completed, as far as the state the run left allows.
          const epilogue: Cmd[] = [new EndPublicity(), new DecideObjection("dismissed", "bureau")];
          for (const i of [0, 1]) {
            epilogue.push(
              new Sign(i, "admin"),
              new Sign(i, "own provider"),
              new Submit(i, "member"),
              new Review(i, "bureau", "approve", "default"),
              new Start(i, "own provider"),
              new Complete(i, "admin"),
            );
          }
          for (const c of epilogue.map((x) => wrapTerminal(x, seen)))
            if (c.check(model)) await c.run(model, real);
          for (const c of model.contracts) reached.add(c.status);
          reached.add(model.order);
          if (model.objection) reached.add(`objection ${model.objection.status}`);
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The runs got past refusals: orders were fulfilled, objections filed.
    if (process.env.DEBUG_MODEL) console.log("REACHED", [...reached]);
    expect([...reached]).toContain("fulfilled");
    expect([...reached].some((s) => s.startsWith("objection "))).toBe(true);
  }, 300_000);
});

/** Wraps a command so that, after it, no terminal state reached earlier has changed. */
function wrapTerminal(
  cmd: Cmd,
  seen: { contracts: Map<string, ContractStatus>; objection: ObjectionStatus | null; fulfilled?: boolean },
): Cmd {
  return {
    check: (m) => cmd.check(m),
    run: async (m, r) => {
      await cmd.run(m, r);
      for (const c of m.contracts) {
        const was = seen.contracts.get(c.id);
        if (was) expect(c.status, `terminal contract state after ${cmd}`).toBe(was);
        if (TERMINAL_CONTRACT.includes(c.status)) seen.contracts.set(c.id, c.status);
      }
      if (seen.objection) expect(m.objection?.status, `terminal objection after ${cmd}`).toBe(seen.objection);
      if (m.objection && TERMINAL_OBJECTION.includes(m.objection.status)) seen.objection = m.objection.status;
      if (seen.fulfilled) expect(m.order, `terminal order state after ${cmd}`).toBe("fulfilled");
      if (m.order === "fulfilled") seen.fulfilled = true;
    },
    toString: () => cmd.toString(),
  };
}
