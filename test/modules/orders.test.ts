import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema";
import { runScheduledWork } from "../../src/jobs";
import { DAY, HOUR } from "../../src/platform/clock";
import { bidder, createOrder, orderBody, publishedOrder, submittedBid } from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let company: Awaited<ReturnType<TestContext["org"]>>;
let otherCompany: Awaited<ReturnType<TestContext["org"]>>;
let provider: Awaited<ReturnType<typeof bidder>>;

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  otherCompany = await t.org("company");
  provider = await bidder(t);
});
afterAll(() => t.close());

const draft = (token = company.token, overrides: Record<string, unknown> = {}) =>
  createOrder(t, token, overrides);
const published = (overrides: Record<string, unknown> = {}) => publishedOrder(t, company.token, overrides);
const patch = (id: string, version: number, body: unknown, token = company.token) =>
  t.call("PATCH", `/v1/orders/${id}`, { token, body, headers: { "If-Match": `"${version}"` } });

describe("creating orders", () => {
  it("a company drafts an order with its required skills", async () => {
    const order = await draft();
    expect(order.id).toMatch(/^ord_/);
    expect(order).toMatchObject({
      status: "draft",
      version: 1,
      bidCount: 0,
      publishedAt: null,
      headcountMax: 20,
    });
    expect(order.requiredSkills).toHaveLength(2);
    expect(order.hiringCommitment.salaryMinFen).toBe(1_800_000);
  });

  it("providers, assessors and the bureau cannot draft orders", async () => {
    for (const token of [provider.token, await t.bureau()]) {
      expect((await t.call("POST", "/v1/orders", { token, body: orderBody(t.clock.now()) })).status).toBe(
        403,
      );
    }
    expect((await t.call("POST", "/v1/orders", { body: orderBody(t.clock.now()) })).status).toBe(401);
  });

  it.each([
    ["headcountMin", { headcountMin: 30 }],
    [
      "hiringCommitment.hires",
      { hiringCommitment: { hires: 25, salaryMinFen: 1, salaryMaxFen: 2, servicePeriodMonths: 12 } },
    ],
    [
      "hiringCommitment.salaryMinFen",
      { hiringCommitment: { hires: 5, salaryMinFen: 3, salaryMaxFen: 2, servicePeriodMonths: 12 } },
    ],
    ["enquiryDeadline", { enquiryDeadline: "2026-03-20T00:00:00Z", bidDeadline: "2026-03-10T00:00:00Z" }],
    ["bidDeadline", { bidDeadline: "2026-12-01T00:00:00Z", deliverBy: "2026-11-01" }],
    [
      "requiredSkills.1.skillId",
      {
        requiredSkills: [
          { skillId: "skl_solidity", minLevel: 2, weight: 1 },
          { skillId: "skl_solidity", minLevel: 3, weight: 1 },
        ],
      },
    ],
    ["requiredSkills.0.skillId", { requiredSkills: [{ skillId: "skl_nope", minLevel: 2, weight: 1 }] }],
    ["occupationCode", { occupationCode: "astronaut" }],
  ])("a cross-field or reference rule gives 400 naming %s", async (path, overrides) => {
    const res = await t.call("POST", "/v1/orders", {
      token: company.token,
      body: orderBody(t.clock.now(), overrides),
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("validation_failed");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it.each([
    [{ requiredSkills: [] }],
    [{ headcountMax: 10_001 }],
    [{ budgetPerTraineeFen: 12.5 }],
    [{ budgetPerTraineeFen: -1 }],
    [{ deliverBy: "2026-02-30" }],
    [{ bidDeadline: "next week" }],
    [{ requiredSkills: [{ skillId: "skl_solidity", minLevel: 6, weight: 1 }] }],
    [{ status: "open" }],
    [{ companyOrgId: "org_x" }],
    [{ location: { city: "Beijing", remoteAllowed: true, planet: "Earth" } }],
  ])("refuses bad input %j with 400", async (overrides) => {
    const res = await t.call("POST", "/v1/orders", {
      token: company.token,
      body: orderBody(t.clock.now(), overrides),
    });
    expect(res.status).toBe(400);
  });
});

describe("the order state machine", () => {
  it("draft → open → evaluation (derived, then persisted by the sweep, which also opens the bids)", async () => {
    const order = await published();
    expect(order).toMatchObject({ status: "open", version: 2 });
    expect(order.publishedAt).toBe(t.clock.now().toISOString());
    t.clock.advance(15 * DAY);
    const read = await t.call("GET", `/v1/orders/${order.id}`, { token: company.token });
    expect(read.body.status).toBe("evaluation");
    expect(read.body.version).toBe(2);
    const swept = await runScheduledWork({ ...t.services, clock: t.clock });
    expect(swept.closeBidding).toBeGreaterThanOrEqual(1);
    expect(swept.openBids).toBeGreaterThanOrEqual(1);
    const after = await t.call("GET", `/v1/orders/${order.id}`, { token: company.token });
    expect(after.body).toMatchObject({ status: "evaluation", version: 3 });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, order.id));
    expect(audit.map((a) => a.action)).toEqual(["create", "publish", "close_bidding", "open_bids"]);
    t.clock.advance(-15 * DAY);
  });

  it("cancels from draft, open and evaluation, and not twice", async () => {
    const fromDraft = await draft();
    const fromOpen = await published();
    const fromEvaluation = await published();
    t.clock.advance(15 * DAY);
    for (const o of [fromDraft, fromOpen, fromEvaluation]) {
      const res = await t.call("POST", `/v1/orders/${o.id}/cancel`, {
        token: company.token,
        body: { reason: "Budget cut" },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: "cancelled", cancelReason: "Budget cut" });
    }
    const again = await t.call("POST", `/v1/orders/${fromOpen.id}/cancel`, {
      token: company.token,
      body: { reason: "Again" },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("invalid_state");
    t.clock.advance(-15 * DAY);
  });

  it("refuses to publish twice, to publish a cancelled order, or past the bid deadline", async () => {
    const order = await published();
    expect((await t.call("POST", `/v1/orders/${order.id}/publish`, { token: company.token })).status).toBe(
      409,
    );
    const late = await draft(company.token, {
      enquiryDeadline: "2026-03-01T00:00:00Z",
      bidDeadline: "2026-03-01T12:00:00Z",
    });
    const res = await t.call("POST", `/v1/orders/${late.id}/publish`, { token: company.token });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("bidDeadline");
    const cancelled = await draft();
    await t.call("POST", `/v1/orders/${cancelled.id}/cancel`, {
      token: company.token,
      body: { reason: "x" },
    });
    expect(
      (await t.call("POST", `/v1/orders/${cancelled.id}/publish`, { token: company.token })).status,
    ).toBe(409);
  });

  it("an optional If-Match guards publish and cancel (412 when stale)", async () => {
    const order = await draft();
    const stale = await t.call("POST", `/v1/orders/${order.id}/publish`, {
      token: company.token,
      headers: { "If-Match": '"9"' },
    });
    expect(stale.status).toBe(412);
    const ok = await t.call("POST", `/v1/orders/${order.id}/publish`, {
      token: company.token,
      headers: { "If-Match": '"1"' },
    });
    expect(ok.status).toBe(200);
    const cancel = await t.call("POST", `/v1/orders/${order.id}/cancel`, {
      token: company.token,
      headers: { "If-Match": '"1"' },
      body: { reason: "x" },
    });
    expect(cancel.status).toBe(412);
  });

  it("a pending company may draft but not publish", async () => {
    const pending = await t.org("company", { verified: false });
    const order = await draft(pending.token);
    const res = await t.call("POST", `/v1/orders/${order.id}/publish`, { token: pending.token });
    expect(res.status).toBe(403);
  });

  it("only the ordering company publishes or cancels", async () => {
    const order = await published();
    for (const token of [otherCompany.token, provider.token, await t.bureau()]) {
      expect(
        (await t.call("POST", `/v1/orders/${order.id}/cancel`, { token, body: { reason: "x" } })).status,
      ).toBe(403);
    }
    const hidden = await draft();
    expect(
      (await t.call("POST", `/v1/orders/${hidden.id}/publish`, { token: otherCompany.token })).status,
    ).toBe(404);
  });

  it("twenty concurrent publishes give exactly one success", async () => {
    const order = await draft();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.call("POST", `/v1/orders/${order.id}/publish`, { token: company.token }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
  });
});

describe("amendments", () => {
  it("edits a draft freely under If-Match, bumping the version without an amendment record", async () => {
    const order = await draft();
    const res = await patch(order.id, 1, { title: "Renamed", headcountMax: 25 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: "Renamed", headcountMax: 25, version: 2 });
    expect(res.headers.get("ETag")).toBe('"2"');
    expect(
      (await t.call("GET", `/v1/orders/${order.id}/amendments`, { token: company.token })).body.data,
    ).toEqual([]);
  });

  it("needs If-Match (428) and refuses a stale one (412)", async () => {
    const order = await draft();
    expect(
      (await t.call("PATCH", `/v1/orders/${order.id}`, { token: company.token, body: { title: "x" } }))
        .status,
    ).toBe(428);
    expect((await patch(order.id, 7, { title: "x" })).status).toBe(412);
    expect(
      (
        await t.call("PATCH", `/v1/orders/${order.id}`, {
          token: company.token,
          body: { title: "x" },
          headers: { "If-Match": "abc" },
        })
      ).status,
    ).toBe(400);
  });

  it("amends an open order: version bump, history, and submitted bids flagged for reconfirmation", async () => {
    const order = await published();
    const bid = await submittedBid(t, provider, order);
    const res = await patch(order.id, order.version, { headcountMax: 30, budgetPerTraineeFen: 1_600_000 });
    expect(res.status).toBe(200);
    const flagged = await t.call("GET", `/v1/bids/${bid.id}`, { token: provider.token });
    expect(flagged.body).toMatchObject({ needsReconfirmation: true, version: bid.version + 1 });
    expect(res.body.version).toBe(order.version + 1);
    const history = await t.call("GET", `/v1/orders/${order.id}/amendments`, { token: provider.token });
    expect(history.status).toBe(200);
    expect(history.body.data).toHaveLength(1);
    // Other organisations see which company amended, never which of its users.
    expect(history.body.data[0]).toMatchObject({
      version: order.version + 1,
      amendedByOrgId: company.orgId,
      amendedBy: null,
      amendedAt: t.clock.now().toISOString(),
    });
    const own = await t.call("GET", `/v1/orders/${order.id}/amendments`, { token: company.token });
    expect(own.body.data[0].amendedBy).toBe(company.userId);
    const audited = await t.call("GET", `/v1/orders/${order.id}/amendments`, { token: await t.bureau() });
    expect(audited.body.data[0].amendedBy).toBe(company.userId);
    expect(history.body.data[0].changes).toEqual([
      { field: "headcountMax", from: 20, to: 30 },
      { field: "budgetPerTraineeFen", from: 1_500_000, to: 1_600_000 },
    ]);
  });

  it("refuses an amendment within 72 h of the bid deadline unless it extends the deadline", async () => {
    const order = await published();
    t.clock.advance(14 * DAY - 71 * HOUR);
    const refused = await patch(order.id, order.version, { headcountMax: 30 });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("invalid_state");
    const extended = new Date(t.clock.now().getTime() + 4 * DAY).toISOString();
    const ok = await patch(order.id, order.version, { headcountMax: 30, bidDeadline: extended });
    expect(ok.status).toBe(200);
    expect(ok.body.bidDeadline).toBe(extended);
    t.clock.advance(-(14 * DAY - 71 * HOUR));
  });

  it("refuses to change orders in evaluation or cancelled, and other companies' orders", async () => {
    const order = await published();
    expect((await patch(order.id, order.version, { title: "x" }, otherCompany.token)).status).toBe(403);
    t.clock.advance(15 * DAY);
    expect((await patch(order.id, order.version, { title: "x" })).status).toBe(409);
    t.clock.advance(-15 * DAY);
  });
});

describe("visibility and listing", () => {
  it("a company never sees another company's draft; the bureau sees no drafts", async () => {
    const order = await draft();
    expect((await t.call("GET", `/v1/orders/${order.id}`, { token: otherCompany.token })).status).toBe(404);
    expect((await t.call("GET", `/v1/orders/${order.id}`, { token: provider.token })).status).toBe(404);
    expect((await t.call("GET", `/v1/orders/${order.id}`, { token: await t.bureau() })).status).toBe(404);
    const list = await t.call("GET", "/v1/orders?limit=100", { token: otherCompany.token });
    expect(list.body.data.map((o: { id: string }) => o.id)).not.toContain(order.id);
  });

  it("published orders are visible to verified organisations and the bureau, not to pending ones", async () => {
    const order = await published();
    for (const token of [otherCompany.token, provider.token, await t.bureau()]) {
      expect((await t.call("GET", `/v1/orders/${order.id}`, { token })).status).toBe(200);
    }
    const pending = await t.org("provider", { verified: false });
    expect((await t.call("GET", `/v1/orders/${order.id}`, { token: pending.token })).status).toBe(404);
  });

  it("filters by status, occupation, skill, city, text and mine, newest first, with a cursor", async () => {
    const ctx = await t.org("company");
    const a = await draft(ctx.token, {
      title: "Blockchain auditors",
      occupationCode: "blockchain_engineer",
      requiredSkills: [{ skillId: "skl_solidity", minLevel: 3, weight: 5, essential: true }],
      location: { city: "Tianjin", remoteAllowed: true },
    });
    t.clock.advance(1000);
    const b = await draft(ctx.token, { title: "流处理工程师", description: "Flink 实时计算" });
    t.clock.advance(1000);
    const c = await draft(ctx.token);
    await t.call("POST", `/v1/orders/${c.id}/publish`, { token: ctx.token });
    const ids = async (query: string) =>
      (await t.call("GET", `/v1/orders?mine=true&${query}`, { token: ctx.token })).body.data.map(
        (o: { id: string }) => o.id,
      );
    expect(await ids("")).toEqual([c.id, b.id, a.id]);
    expect(await ids("status=draft")).toEqual([b.id, a.id]);
    expect(await ids("status=open")).toEqual([c.id]);
    expect(await ids("occupationCode=blockchain_engineer")).toEqual([a.id]);
    expect(await ids("skillId=skl_solidity")).toEqual([a.id]);
    expect(await ids("city=Tianjin")).toEqual([a.id]);
    expect(await ids(`q=${encodeURIComponent("实时")}`)).toEqual([b.id]);
    expect(await ids("q=50%25")).toEqual([]);
    const first = await t.call("GET", "/v1/orders?mine=true&limit=2", { token: ctx.token });
    expect(first.body.data).toHaveLength(2);
    const second = await t.call("GET", `/v1/orders?mine=true&limit=2&cursor=${first.body.nextCursor}`, {
      token: ctx.token,
    });
    expect(second.body.data.map((o: { id: string }) => o.id)).toEqual([a.id]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("everyone who sees an order sees only the number of submitted bids", async () => {
    const order = await published();
    await submittedBid(t, provider, order);
    const other = await t.org("provider", { accredit: ["ai_engineer"] });
    for (const token of [company.token, other.token, provider.token, await t.bureau()]) {
      const res = await t.call("GET", `/v1/orders/${order.id}`, { token });
      expect(res.body.bidCount).toBe(1);
      expect(JSON.stringify(res.body)).not.toMatch(/bid_|pricePerTrainee|proposal/);
    }
  });

  it("the list, one order and a write's answer show an order byte for byte alike", async () => {
    // The reads select skills and the bid count in one statement; writes load them separately (`viewOrders`).
    const order = await published({
      requiredSkills: [
        { skillId: "skl_solidity", minLevel: 2, weight: 1, essential: false },
        { skillId: "skl_deep_learning", minLevel: 4, weight: 5, essential: true },
        { skillId: "skl_computer_vision", minLevel: 3, weight: 2, essential: false },
      ],
    });
    await submittedBid(t, provider, order);
    const one = await t.call("GET", `/v1/orders/${order.id}`, { token: company.token });
    const list = await t.call("GET", "/v1/orders?mine=true&limit=100", { token: company.token });
    const listed = list.body.data.find((o: { id: string }) => o.id === order.id);
    const unchanged = await patch(order.id, one.body.version, { headcountMax: one.body.headcountMax });
    expect(unchanged.status).toBe(200);
    expect(one.body.requiredSkills.map((s: { skillId: string }) => s.skillId)).toEqual([
      "skl_solidity",
      "skl_deep_learning",
      "skl_computer_vision",
    ]);
    expect(one.body.bidCount).toBe(1);
    expect(JSON.stringify(listed)).toBe(JSON.stringify(one.body));
    expect(JSON.stringify(unchanged.body)).toBe(JSON.stringify(one.body));
  });

  it("bad list queries are 400, unknown ids 404, never 500", async () => {
    for (const q of ["status=nope", "limit=0", "limit=101", "cursor=%%%", "mine=yes"]) {
      expect((await t.call("GET", `/v1/orders?${q}`, { token: company.token })).status).toBe(400);
    }
    for (const id of ["ord_missing", "%00", "' or 1=1 --", "x".repeat(65)]) {
      const res = await t.call("GET", `/v1/orders/${encodeURIComponent(id)}`, { token: company.token });
      expect([400, 404]).toContain(res.status);
    }
  });
});
