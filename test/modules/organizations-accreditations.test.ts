/** Accreditations: the bureau grants and renews them; the bureau and the organisation itself read them. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orgPath } from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let bureau: string;

const accredit = (id: string, body: object, token = bureau) =>
  t.call("POST", orgPath(id, "/accreditations"), { token, body });
const until = (validUntil: string, occupationCode = "ai_trainer") => ({ occupationCode, validUntil });

beforeAll(async () => {
  t = await createTestContext();
  bureau = await t.bureau();
});
afterAll(() => t.close());

describe("accreditations", () => {
  it("lets the bureau accredit a provider and renew it on repeat", async () => {
    const provider = await t.org("provider");
    const first = await accredit(provider.orgId, until("2027-06-30"));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ orgId: provider.orgId, ...until("2027-06-30"), active: true });
    const renewed = await accredit(provider.orgId, until("2028-06-30"));
    expect(renewed.status).toBe(201);
    expect(renewed.body).toMatchObject({ id: first.body.id, validUntil: "2028-06-30" });
    for (const token of [provider.token, bureau]) {
      const list = await t.call("GET", orgPath(provider.orgId, "/accreditations"), { token });
      expect(list.status).toBe(200);
      expect(list.body.data).toEqual([expect.objectContaining(until("2028-06-30"))]);
    }
  });

  it("refuses a company target (409), an unknown occupation, a past or impossible date (400)", async () => {
    const company = await t.org("company");
    const provider = await t.org("assessor");
    expect((await accredit(company.orgId, until("2027-01-01"))).status).toBe(409);
    const unknown = await accredit(provider.orgId, until("2027-01-01", "astronaut"));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toContainEqual(expect.objectContaining({ path: "occupationCode" }));
    const past = await accredit(provider.orgId, until("2026-03-01"));
    expect(past.status).toBe(400);
    expect(past.body.errors).toContainEqual(expect.objectContaining({ path: "validUntil" }));
    for (const validUntil of ["2027-02-30", "31/12/2027", "2027-1-1"]) {
      expect((await accredit(provider.orgId, until(validUntil))).status).toBe(400);
    }
    const extra = await accredit(provider.orgId, { ...until("2027-01-01"), grantedBy: "me" });
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toContainEqual(expect.objectContaining({ path: "grantedBy" }));
  });

  it("keeps accrediting for the bureau and reading for the bureau and the organisation itself", async () => {
    const provider = await t.org("provider", { accredit: ["cloud_engineer"] });
    const rival = await t.org("provider");
    const company = await t.org("company");
    const pending = await t.org("provider", { verified: false });
    const body = until("2027-01-01", "cloud_engineer");
    expect((await accredit(provider.orgId, body, provider.token)).status).toBe(403);
    expect((await accredit("org_missing", body)).status).toBe(404);
    expect((await t.call("POST", orgPath(provider.orgId, "/accreditations"), { body })).status).toBe(401);
    const list = (token?: string, id = provider.orgId) =>
      t.call("GET", orgPath(id, "/accreditations"), { token });
    expect((await list(rival.token)).status).toBe(403);
    expect((await list(company.token)).status).toBe(403);
    expect((await list(company.token, company.orgId)).status).toBe(403);
    expect((await list(rival.token, pending.orgId)).status).toBe(404);
    expect((await list(undefined)).status).toBe(401);
    expect((await list(pending.token, pending.orgId)).body).toEqual({ data: [], nextCursor: null });
  });
});
