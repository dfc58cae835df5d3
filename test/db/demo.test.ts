/** The demo marketplace seeds through the services without error and shows every order state up to the award. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BUREAU_EMAIL, DEMO_PASSWORD, seedDemo } from "../../src/demo/seed";
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

  it("shows company1 a ranked, explained bid list, and one awarded order with its draft contracts", async () => {
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

    const awarded = await t.call("GET", "/v1/orders?status=awarded&limit=100", { token: bureau });
    expect(awarded.body.data).toHaveLength(1);
    const contracts = await t.call("GET", `/v1/contracts?orderId=${awarded.body.data[0].id}`, {
      token: bureau,
    });
    expect(contracts.body.data.length).toBeGreaterThanOrEqual(1);
    expect(contracts.body.data.every((c: { status: string }) => c.status === "draft")).toBe(true);

    const open = await t.call("GET", "/v1/orders?status=open&limit=100", { token: bureau });
    expect(open.body.data.some((o: { bidCount: number }) => o.bidCount > 0)).toBe(true);
    const sealed = open.body.data.find((o: { bidCount: number }) => o.bidCount > 0);
    const list = await t.call("GET", `/v1/orders/${sealed.id}/bids`, { token: bureau });
    expect(list.body).toMatchObject({ sealed: true, data: [] });
  });
});
