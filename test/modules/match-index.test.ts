import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { cohortBody, programBody, publishedOrder } from "../fixtures";
import { callApp, createTestContext, type TestContext } from "../helpers";

let t: TestContext;
type Org = Awaited<ReturnType<TestContext["org"]>>;
let company: Org;
let provider: Org;
let programId: string;
let orderId: string;

const matchedCohorts = async (call = t.call) =>
  (await call("GET", `/v1/orders/${orderId}/matches?limit=100`, { token: company.token })).body.data.map(
    (m: { cohort: { id: string } }) => m.cohort.id,
  );

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  provider = await t.org("provider", { accredit: ["ai_engineer"] });
  orderId = (await publishedOrder(t, company.token)).id;
  programId = (await t.call("POST", "/v1/programs", { token: provider.token, body: programBody() })).body.id;
});
afterAll(() => t.close());

async function newCohort(overrides: Record<string, unknown> = {}) {
  const res = await t.call("POST", "/v1/cohorts", {
    token: provider.token,
    body: cohortBody(t.clock.now(), programId, overrides),
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe("match lists read an in-memory index that is never older than the request's own writes", () => {
  it("a cohort created or amended shows in the very next match list", async () => {
    expect(await matchedCohorts()).toEqual([]); // builds the occupation's index
    const first = await newCohort();
    expect(await matchedCohorts()).toEqual([first]);
    // Amended so that it lacks the order's essential skill: no longer eligible.
    const amend = await t.call("PATCH", `/v1/cohorts/${first}`, {
      token: provider.token,
      headers: { "If-Match": '"1"' },
      body: { skills: [{ skillId: "skl_computer_vision", level: 3, share: 1 }] },
    });
    expect(amend.status, JSON.stringify(amend.body)).toBe(200);
    expect(await matchedCohorts()).toEqual([]);
    const second = await newCohort({ name: "Second" });
    expect(await matchedCohorts()).toEqual([second]);
    const restore = await t.call("PATCH", `/v1/cohorts/${first}`, {
      token: provider.token,
      headers: { "If-Match": '"2"' },
      body: { skills: cohortBody(t.clock.now(), programId).skills },
    });
    expect(restore.status, JSON.stringify(restore.body)).toBe(200);
    expect((await matchedCohorts()).sort()).toEqual([first, second].sort());
  });

  it("a write through one app instance is seen at once by another's index (two processes on one database)", async () => {
    const other = createApp(t.appDeps);
    const viaOther = (method: string, path: string, opts: Parameters<typeof t.call>[2]) =>
      callApp(other, method, path, opts);
    const before = await matchedCohorts(viaOther);
    const id = await newCohort({ name: "Seen elsewhere" });
    expect(await matchedCohorts(viaOther)).toEqual([...before, id].sort());
  });

  it("concurrent match lists share watermark reads, and each still sees what was written before it began", async () => {
    const other = createApp(t.appDeps);
    const viaOther = (method: string, path: string, opts: Parameters<typeof t.call>[2]) =>
      callApp(other, method, path, opts);
    const before = await matchedCohorts(viaOther);
    // A burst in flight (its reads shared) while a cohort is created through this instance.
    const burst = Array.from({ length: 8 }, () => matchedCohorts(viaOther));
    const id = await newCohort({ name: "Created during a burst" });
    for (const list of await Promise.all(burst))
      expect([before, [...before, id].sort()]).toContainEqual(list);
    // Every request that began after the write sees it, however many run at once.
    const after = await Promise.all(Array.from({ length: 8 }, () => matchedCohorts(viaOther)));
    for (const list of after) expect(list).toEqual([...before, id].sort());
  });

  it("an order's matches and a cohort's matches follow a new order and the provider's suspension", async () => {
    const cohortId = await newCohort({ name: "For cohort matches" });
    const orderMatches = async () =>
      (
        await t.call("GET", `/v1/cohorts/${cohortId}/matches?limit=100`, { token: provider.token })
      ).body.data.map((m: { order: { id: string } }) => m.order.id);
    expect(await orderMatches()).toContain(orderId);
    const second = (await publishedOrder(t, company.token)).id;
    expect(await orderMatches()).toContain(second);
    const bureau = await t.bureau();
    await t.call("POST", `/v1/organizations/${provider.orgId}/suspend`, {
      token: bureau,
      body: { reason: "Inspection found irregularities" },
    });
    expect(await matchedCohorts()).toEqual([]);
  });
});
