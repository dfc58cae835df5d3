/** The demo marketplace seeds through the services without error and shows every early order state. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BUREAU_EMAIL, DEMO_PASSWORD, seedDemo } from "../../src/demo/seed";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("demo data", () => {
  it("seeds once, with working logins and a marketplace in every early state", async () => {
    const logins = await seedDemo(t.services, t.clock.now());
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
});
