/** The demo marketplace seeds through the services without error and shows every order state up to the award. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BUREAU_EMAIL, DEMO_PASSWORD, seedDemo } from "../../src/demo/seed";
import { DEMO_CERTIFICATES } from "../../src/demo/trainees";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let logins: Awaited<ReturnType<typeof seedDemo>>;
beforeAll(async () => {
  t = await createTestContext();
  logins = await seedDemo(t.services, t.clock.now());
}, 120_000);
afterAll(() => t.close());

describe("demo data", () => {
  it("seeds once, with working logins and a marketplace in every early state", async () => {
    expect(logins?.map((l) => l.role)).toEqual(
      expect.arrayContaining(["bureau", "company", "provider", "assessor"]),
    );
    expect(await seedDemo(t.services, t.clock.now())).toBeNull();

    const bureau = await t.login(DEMO_BUREAU_EMAIL, DEMO_PASSWORD);
    const company = await t.login("company1@demo.orderbridge.cn", DEMO_PASSWORD);
    const counts: Record<string, number> = {};
    for (const status of ["open", "evaluation"]) {
      counts[status] = (
        await t.call("GET", `/v1/orders?status=${status}&limit=100`, { token: bureau })
      ).body.data.length;
    }
    counts.draft = (
      await t.call("GET", "/v1/orders?status=draft&mine=true&limit=100", { token: company })
    ).body.data.length;
    expect(counts.open).toBeGreaterThanOrEqual(8);
    expect(counts.evaluation).toBeGreaterThanOrEqual(8);
    expect(counts.draft).toBeGreaterThanOrEqual(1);
    const provider = await t.login("provider1@demo.orderbridge.cn", DEMO_PASSWORD);
    expect(
      (await t.call("GET", "/v1/programs?limit=100", { token: bureau })).body.data.length,
    ).toBeGreaterThanOrEqual(20);
    expect(
      (await t.call("GET", "/v1/cohorts?limit=100", { token: bureau })).body.data.length,
    ).toBeGreaterThanOrEqual(40);
    expect(
      (await t.call("GET", "/v1/cohorts?limit=100", { token: provider })).body.data.length,
    ).toBeGreaterThanOrEqual(1);
    const open = (await t.call("GET", "/v1/orders?status=open&limit=1", { token: bureau })).body.data[0];
    const enquiries = await t.call("GET", `/v1/orders/${open.id}/enquiries`, { token: bureau });
    expect(enquiries.body.data.length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it("shows company1 a ranked, explained bid list, and one award in its publicity period with an objection", async () => {
    const company = await t.login("company1@demo.orderbridge.cn", DEMO_PASSWORD);
    const bureau = await t.login(DEMO_BUREAU_EMAIL, DEMO_PASSWORD);
    const evaluating = await t.call("GET", "/v1/orders?mine=true&status=evaluation&limit=100", {
      token: company,
    });
    const lists = await Promise.all(
      evaluating.body.data.map((o: { id: string }) =>
        t.call("GET", `/v1/orders/${o.id}/bids`, { token: company }),
      ),
    );
    const contested = lists
      .map((l) => l.body)
      .find((b) => b.data.filter((r: { rank: number | null }) => r.rank).length >= 3);
    expect(contested, "an order of company1 with three ranked bids").toBeDefined();
    const providers = new Set(
      contested.data.map((r: { bid: { providerOrgId: string } }) => r.bid.providerOrgId),
    );
    expect(providers.size).toBe(contested.data.length);
    expect(contested.data[0]).toMatchObject({ rank: 1, eligible: expect.any(Boolean) });
    expect(contested.data[0].factors.map((f: { detail: string }) => f.detail).join(" ")).toMatch(
      /required skills/,
    );

    // The newest award is in its publicity period, with an undecided objection; its contracts are drafts.
    const awarded = await t.call("GET", "/v1/orders?status=awarded&limit=100", { token: bureau });
    const inPublicity = [];
    for (const order of awarded.body.data) {
      const award = (await t.call("GET", `/v1/orders/${order.id}/award`, { token: bureau })).body;
      if (new Date(award.publicityEndsAt) > t.clock.now()) inPublicity.push({ order, award });
    }
    expect(inPublicity).toHaveLength(1);
    expect(inPublicity[0].award.contracts.every((c: { status: string }) => c.status === "draft")).toBe(true);
    const objections = await t.call("GET", `/v1/orders/${inPublicity[0].order.id}/objections`, {
      token: bureau,
    });
    expect(objections.body.data.map((o: { status: string }) => o.status)).toEqual(["answered"]);
    const open = await t.call("GET", "/v1/orders?status=open&limit=100", { token: bureau });
    expect(open.body.data.some((o: { bidCount: number }) => o.bidCount > 0)).toBe(true);
    const sealed = open.body.data.find((o: { bidCount: number }) => o.bidCount > 0);
    const list = await t.call("GET", `/v1/orders/${sealed.id}/bids`, { token: bureau });
    expect(list.body).toMatchObject({ sealed: true, data: [] });
  });

  it("has contracts in every state, a bureau review queue, and an order that follows its contracts", async () => {
    const bureau = await t.login(DEMO_BUREAU_EMAIL, DEMO_PASSWORD);
    const statuses = new Set<string>();
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const page = await t.call("GET", `/v1/contracts?limit=100${q}`, { token: bureau });
      for (const c of page.body.data) statuses.add(c.status);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect([...statuses].sort()).toEqual(
      [
        "active",
        "approved",
        "cancelled",
        "changes_requested",
        "completed",
        "draft",
        "rejected",
        "signed",
        "terminated",
        "under_review",
      ].sort(),
    );
    const queue = await t.call("GET", "/v1/contracts?status=under_review", { token: bureau });
    expect(queue.body.data.length).toBeGreaterThanOrEqual(2);
    const contracted = await t.call("GET", "/v1/orders?status=contracted", { token: bureau });
    expect(contracted.body.data.length).toBeGreaterThanOrEqual(1);
    const policies = await t.call("GET", "/v1/subsidy-policies", { token: bureau });
    expect(policies.body.data.length).toBeGreaterThanOrEqual(10);
  });

  it("gives the assessor trainees to certify, and a certificate anyone can check", async () => {
    const assessor = await t.login("assessor1@demo.orderbridge.cn", DEMO_PASSWORD);
    const waiting = await t.call("GET", "/v1/assessments/queue?assessed=false", { token: assessor });
    expect(waiting.body.data.length).toBeGreaterThanOrEqual(2);
    expect(waiting.body.data.every((e: { mayAssess: boolean }) => e.mayAssess)).toBe(true);
    const assessed = await t.call("GET", "/v1/assessments/queue?assessed=true", { token: assessor });
    expect(assessed.body.data.length).toBe(3);
    const check = await t.call("GET", `/v1/certificates/${DEMO_CERTIFICATES[0]}`);
    expect(check.status).toBe(200);
    expect(check.body.holderName).toBe("张*明");
  });
});
