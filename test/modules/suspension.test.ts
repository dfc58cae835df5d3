/** What a suspended organisation asked for or offers disappears for everyone but itself and the bureau, and from matching. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCohort, createProgram, type Org, orgPath, publishedOrder } from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let bureau: string;
beforeAll(async () => {
  t = await createTestContext();
  bureau = await t.bureau();
});
afterAll(() => t.close());

const suspend = (orgId: string) =>
  t.call("POST", orgPath(orgId, "/suspend"), { token: bureau, body: { reason: "fraudulent invoices" } });
const reinstate = (orgId: string) => t.call("POST", orgPath(orgId, "/verify"), { token: bureau });
const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((r) => r.id);

/** A provider's program with one open cohort that fits the fixtures' order. */
async function offer(provider: Org) {
  const program = await createProgram(t, provider.token);
  return { program, cohort: await createCohort(t, provider.token, program.id) };
}

describe("a suspended company's open orders", () => {
  it("are hidden from other organisations and from matching, still shown to the bureau, and back on reinstatement", async () => {
    const company = await t.org("company");
    const rival = await t.org("company");
    const provider = await t.org("provider", { accredit: ["ai_engineer"] });
    const order = await publishedOrder(t, company.token);
    const { cohort } = await offer(provider);
    const cohortMatches = async () =>
      (
        await t.call("GET", `/v1/cohorts/${cohort.id}/matches?limit=100`, { token: provider.token })
      ).body.data.map((m: { order: { id: string } }) => m.order.id);
    const allocated = async () =>
      (await t.allocate({ mode: "optimal", allowSplit: true }, bureau)).body.assignments.map(
        (a: { orderId: string }) => a.orderId,
      );

    for (const viewer of [rival, provider]) {
      expect(ids(await t.call("GET", "/v1/orders?limit=100", { token: viewer.token }))).toContain(order.id);
    }
    expect(await cohortMatches()).toContain(order.id);
    expect(await allocated()).toContain(order.id);

    expect((await suspend(company.orgId)).status).toBe(200);
    for (const viewer of [rival, provider]) {
      expect(ids(await t.call("GET", "/v1/orders?limit=100", { token: viewer.token }))).not.toContain(
        order.id,
      );
      expect((await t.call("GET", `/v1/orders/${order.id}`, { token: viewer.token })).status).toBe(404);
      const enquiries = await t.call("GET", `/v1/orders/${order.id}/enquiries`, { token: viewer.token });
      expect(enquiries.status).toBe(404);
    }
    expect(await cohortMatches()).not.toContain(order.id);
    expect(await allocated()).not.toContain(order.id);
    expect((await t.call("GET", `/v1/orders/${order.id}`, { token: bureau })).status).toBe(200);
    expect(ids(await t.call("GET", "/v1/orders?limit=100", { token: bureau }))).toContain(order.id);

    expect((await reinstate(company.orgId)).status).toBe(200);
    expect((await t.call("GET", `/v1/orders/${order.id}`, { token: rival.token })).status).toBe(200);
    expect(await cohortMatches()).toContain(order.id);
  });
});

describe("a suspended provider's programs and cohorts", () => {
  it("are hidden from companies and from an order's matches, and still shown to the bureau", async () => {
    const company = await t.org("company");
    const provider = await t.org("provider", { accredit: ["ai_engineer"] });
    const order = await publishedOrder(t, company.token);
    const { program, cohort } = await offer(provider);
    const matches = async () =>
      (
        await t.call("GET", `/v1/orders/${order.id}/matches?limit=100`, { token: company.token })
      ).body.data.map((m: { cohort: { id: string } }) => m.cohort.id);
    expect(await matches()).toContain(cohort.id);

    expect((await suspend(provider.orgId)).status).toBe(200);
    expect(await matches()).not.toContain(cohort.id);
    expect(ids(await t.call("GET", "/v1/cohorts?limit=100", { token: company.token }))).not.toContain(
      cohort.id,
    );
    expect((await t.call("GET", `/v1/cohorts/${cohort.id}`, { token: company.token })).status).toBe(404);
    expect(ids(await t.call("GET", "/v1/programs?limit=100", { token: company.token }))).not.toContain(
      program.id,
    );
    expect((await t.call("GET", `/v1/programs/${program.id}`, { token: company.token })).status).toBe(404);
    expect((await t.call("GET", `/v1/cohorts/${cohort.id}`, { token: bureau })).status).toBe(200);
    expect((await t.call("GET", `/v1/programs/${program.id}`, { token: bureau })).status).toBe(200);
  });
});
