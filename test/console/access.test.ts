/** The console enforces the API's roles and visibility through the same services: other tenants' pages are 404s. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "../../src/platform/openapi";
import { createCohort, createOrder, createProgram, draftBid, type Org, publishedOrder } from "../fixtures";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";
import { type ConsoleClient, consoleClient } from "./client";

let t: TestContext;
let provider: Org;
let rival: Org;
let company: Org;
let otherCompany: Org;
let programId: string;
let cohortId: string;
let draftId: string;
let bidId: string;
let publishedId: string;
const as: Record<string, ConsoleClient> = {};

beforeAll(async () => {
  t = await createTestContext();
  provider = await t.org("provider", { accredit: ["ai_engineer"] });
  rival = await t.org("provider", { accredit: ["ai_engineer"] });
  company = await t.org("company");
  otherCompany = await t.org("company");
  programId = (await createProgram(t, provider.token)).id;
  cohortId = (await createCohort(t, provider.token, programId)).id;
  draftId = (await createOrder(t, company.token)).id;
  const order = await publishedOrder(t, company.token);
  publishedId = order.id;
  bidId = (await draftBid(t, { token: provider.token, programId }, order)).id;
  for (const [name, org] of Object.entries({ provider, rival, company, otherCompany })) {
    as[name] = consoleClient(t);
    await as[name].signIn(org.email, PASSWORD);
  }
});
afterAll(() => t.close());

describe("console access", () => {
  it("a provider cannot open another provider's program or cohort page (404 page)", async () => {
    expect((await as.provider.get(`/console/programs/${programId}`)).status).toBe(200);
    expect((await as.provider.get(`/console/cohorts/${cohortId}`)).status).toBe(200);
    for (const path of [
      `/console/programs/${programId}`,
      `/console/programs/${programId}/edit`,
      `/console/cohorts/${cohortId}`,
      `/console/cohorts/${cohortId}/edit`,
    ]) {
      const res = await as.rival.get(path);
      expect(res.status, path).toBe(404);
      expect(res.html).toContain("页面不存在");
    }
  });

  it("a provider cannot move or archive another provider's cohort or program", async () => {
    // The cohort is invisible to the rival (404); the program is visible but not the rival's (refused in place).
    expect((await as.rival.post(`/console/cohorts/${cohortId}/start`, {})).status).toBe(404);
    const archive = await as.rival.post(`/console/programs/${programId}/archive`, {});
    expect(archive.location).toBe(`/console/programs/${programId}?problem=forbidden`);
    expect((await t.call("GET", `/v1/cohorts/${cohortId}`, { token: provider.token })).body.status).toBe(
      "planned",
    );
    expect((await t.call("GET", `/v1/programs/${programId}`, { token: provider.token })).body.status).toBe(
      "active",
    );
  });

  it("a provider cannot open, change or submit another provider's bid (404 page)", async () => {
    expect((await as.provider.get(`/console/bids/${bidId}`)).status).toBe(200);
    expect((await as.provider.get(`/console/bids/${bidId}/edit`)).status).toBe(200);
    for (const path of [`/console/bids/${bidId}`, `/console/bids/${bidId}/edit`]) {
      const res = await as.rival.get(path);
      expect(res.status, path).toBe(404);
      expect(res.html).toContain("页面不存在");
    }
    for (const verb of ["submit", "withdraw", "reconfirm", "edit"]) {
      const res = await as.rival.post(`/console/bids/${bidId}/${verb}`, { version: "1" });
      expect(res.status, verb).toBe(404);
    }
    // The sealed draft is not even visible to the ordering company before the deadline.
    expect((await as.company.get(`/console/bids/${bidId}`)).status).toBe(404);
    const bid = await t.call("GET", `/v1/bids/${bidId}`, { token: provider.token });
    expect(bid.body).toMatchObject({ status: "draft", version: 1 });
  });

  it("a company cannot compare, award or invite on another company's order", async () => {
    expect((await as.company.get(`/console/orders/${publishedId}/bids`)).status).toBe(200);
    expect((await as.otherCompany.get(`/console/orders/${draftId}/bids`)).status).toBe(404);
    expect((await as.otherCompany.get(`/console/orders/${publishedId}/bids`)).status).toBe(403);
    const award = await as.otherCompany.post(`/console/orders/${publishedId}/award`, {
      bidIds: bidId,
      reason: "x",
    });
    expect(award.location).toBe(`/console/orders/${publishedId}/bids?problem=forbidden`);
    const invite = await as.otherCompany.post(`/console/orders/${publishedId}/invitations`, {
      providerOrgId: provider.orgId,
      message: "来投标",
    });
    expect(invite.location).toBe(`/console/orders/${publishedId}/matches?problem=forbidden`);
    const sent = await t.call("GET", `/v1/invitations?orderId=${publishedId}`, { token: company.token });
    expect(sent.body.data).toEqual([]);
  });

  it("a company cannot open another company's draft order page (404 page)", async () => {
    expect((await as.company.get(`/console/orders/${draftId}`)).status).toBe(200);
    for (const path of [
      `/console/orders/${draftId}`,
      `/console/orders/${draftId}/edit`,
      `/console/orders/${draftId}/matches`,
    ]) {
      const res = await as.otherCompany.get(path);
      expect(res.status, path).toBe(404);
    }
    const publish = await as.otherCompany.post(`/console/orders/${draftId}/publish`, {});
    expect(publish.status).toBe(404);
  });

  it("pages of another role are refused (403 page) and unknown console paths are 404 pages", async () => {
    expect((await as.company.get("/console/organizations")).status).toBe(403);
    expect((await as.company.get("/console/programs")).status).toBe(403);
    expect((await as.provider.get("/console/orders/new")).status).toBe(403);
    const missing = await as.company.get("/console/no-such-page");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Content-Type")).toContain("text/html");
  });

  it("the console is not part of the OpenAPI document", () => {
    const paths = Object.keys(openApiDocument(t.app).paths ?? {});
    expect(paths.filter((p) => p.startsWith("/console"))).toEqual([]);
  });
});
