/** Per-organisation quotas: open orders, active programs, open cohorts and live bids, with a 409 naming the quota. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bidBody,
  bidder,
  cohortBody,
  createCohort,
  createOrder,
  createProgram,
  draftBid,
  orderBody,
  programBody,
  publishedOrder,
} from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext(undefined, {
    env: {
      QUOTA_OPEN_ORDERS: "2",
      QUOTA_ACTIVE_PROGRAMS: "2",
      QUOTA_OPEN_COHORTS: "2",
      QUOTA_LIVE_BIDS: "2",
    },
  });
});
afterAll(() => t.close());

function expectQuota(res: Awaited<ReturnType<TestContext["call"]>>, name: string) {
  expect(res.status).toBe(409);
  expect(res.body.code).toBe("quota_exceeded");
  expect(res.body.quota).toEqual({ name, limit: 2 });
  expect(res.body.detail).toContain(name);
}

describe("quotas", () => {
  it("holds a company to QUOTA_OPEN_ORDERS orders in draft, open or evaluation; a cancelled one frees its place", async () => {
    const company = await t.org("company");
    const first = await createOrder(t, company.token);
    await createOrder(t, company.token);
    const refused = await t.call("POST", "/v1/orders", {
      token: company.token,
      body: orderBody(t.clock.now()),
    });
    expectQuota(refused, "openOrders");
    // Quotas are per organisation.
    await createOrder(t, (await t.org("company")).token);
    const cancel = await t.call("POST", `/v1/orders/${first.id}/cancel`, {
      token: company.token,
      body: { reason: "merged into another order" },
    });
    expect(cancel.status).toBe(200);
    await createOrder(t, company.token);
  });

  it("holds a provider to QUOTA_ACTIVE_PROGRAMS active programs; an archived one frees its place", async () => {
    const provider = await t.org("provider", { accredit: ["ai_engineer"] });
    const first = await createProgram(t, provider.token);
    await createProgram(t, provider.token);
    expectQuota(
      await t.call("POST", "/v1/programs", { token: provider.token, body: programBody() }),
      "activePrograms",
    );
    expect((await t.call("POST", `/v1/programs/${first.id}/archive`, { token: provider.token })).status).toBe(
      200,
    );
    await createProgram(t, provider.token);
  });

  it("holds a provider to QUOTA_OPEN_COHORTS planned cohorts; one that starts training frees its place", async () => {
    const provider = await t.org("provider", { accredit: ["ai_engineer"] });
    const program = await createProgram(t, provider.token);
    const first = await createCohort(t, provider.token, program.id);
    await createCohort(t, provider.token, program.id);
    const refused = await t.call("POST", "/v1/cohorts", {
      token: provider.token,
      body: cohortBody(t.clock.now(), program.id),
    });
    expectQuota(refused, "openCohorts");
    expect((await t.call("POST", `/v1/cohorts/${first.id}/start`, { token: provider.token })).status).toBe(
      200,
    );
    await createCohort(t, provider.token, program.id);
  });

  it("holds a provider to QUOTA_LIVE_BIDS bids in draft or submitted; a withdrawn one frees its place", async () => {
    const orders = [];
    for (let i = 0; i < 3; i++) orders.push(await publishedOrder(t, (await t.org("company")).token));
    const provider = await bidder(t);
    const first = await draftBid(t, provider, orders[0]);
    await draftBid(t, provider, orders[1]);
    const refused = await t.call("POST", `/v1/orders/${orders[2].id}/bids`, {
      token: provider.token,
      body: bidBody(orders[2], provider.programId),
    });
    expectQuota(refused, "liveBids");
    const withdrawn = await t.call("POST", `/v1/bids/${first.id}/withdraw`, { token: provider.token });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    await draftBid(t, provider, orders[2]);
  });

  it("holds exactly under concurrency: of 8 simultaneous drafts, 2 are created", async () => {
    const company = await t.org("company");
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.call("POST", "/v1/orders", {
          token: company.token,
          body: orderBody(t.clock.now(), { title: `Race ${i}` }),
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    for (const r of results.filter((r) => r.status !== 201)) expectQuota(r, "openOrders");
  });

  it("documents the quota's 409 on the creating operations", async () => {
    const { paths } = (await t.call("GET", "/openapi.json")).body;
    for (const [path, quota] of [
      ["/v1/orders", "openOrders"],
      ["/v1/programs", "activePrograms"],
      ["/v1/cohorts", "openCohorts"],
      ["/v1/orders/{id}/bids", "liveBids"],
    ]) {
      expect(paths[path].post.responses["409"].description, path).toContain(quota);
    }
  });
});
