/** A program over its life: amending and archiving it, and its provider's accreditation expiring. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema";
import { createProgram, marketParties, type Org, programBody } from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let provider: Org, rival: Org, company: Org, bureau: string;

beforeAll(async () => {
  t = await createTestContext();
  ({ provider, rival, company, bureau } = await marketParties(t));
});
afterAll(() => t.close());

describe("PATCH /v1/programs/{id}", () => {
  it("amends under If-Match, replaces the skills and bumps the version", async () => {
    const program = await createProgram(t, provider.token);
    t.clock.advance(60_000);
    const res = await t.call("PATCH", `/v1/programs/${program.id}`, {
      token: provider.token,
      headers: { "If-Match": '"1"' },
      body: {
        pricePerTraineeFen: 990_000,
        skills: [{ skillId: "skl_llm_fine_tuning", level: 4 }],
        occupationCode: "ai_engineer",
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      pricePerTraineeFen: 990_000,
      skills: [{ skillId: "skl_llm_fine_tuning", level: 4 }],
      version: 2,
    });
    expect(res.body.updatedAt).not.toBe(program.updatedAt);
    expect(res.headers.get("ETag")).toBe('"2"');
    const read = await t.call("GET", `/v1/programs/${program.id}`, { token: company.token });
    expect(read.body.skills).toEqual([{ skillId: "skl_llm_fine_tuning", level: 4 }]);
  });

  it("answers a stale If-Match with 412 and a missing one with 428", async () => {
    const program = await createProgram(t, provider.token);
    const path = `/v1/programs/${program.id}`;
    expect(
      (
        await t.call("PATCH", path, {
          token: provider.token,
          headers: { "If-Match": '"1"' },
          body: { city: "Beijing" },
        })
      ).status,
    ).toBe(200);
    const stale = await t.call("PATCH", path, {
      token: provider.token,
      headers: { "If-Match": '"1"' },
      body: { city: "Tianjin" },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe("precondition_failed");
    const missing = await t.call("PATCH", path, { token: provider.token, body: { city: "Tianjin" } });
    expect(missing.status).toBe(428);
  });

  it("refuses to change the occupation, unknown fields, empty bodies and unknown skills with 400", async () => {
    const program = await createProgram(t, provider.token);
    const patch = (body: unknown) =>
      t.call("PATCH", `/v1/programs/${program.id}`, {
        token: provider.token,
        headers: { "If-Match": '"1"' },
        body,
      });
    const occupation = await patch({ occupationCode: "big_data_engineer" });
    expect(occupation.status).toBe(400);
    expect(occupation.body.errors[0].path).toBe("occupationCode");
    expect((await patch({ status: "archived" })).body.errors[0]).toEqual({
      path: "status",
      message: "unknown field",
    });
    expect((await patch({})).status).toBe(400);
    const skill = await patch({ skills: [{ skillId: "skl_nope", level: 1 }] });
    expect(skill.body.errors).toEqual([{ path: "skills.0.skillId", message: "no such skill skl_nope" }]);
  });

  it("lets only the owning provider amend: others who can see it get 403", async () => {
    const program = await createProgram(t, provider.token);
    const pending = await t.org("provider", { verified: false });
    for (const token of [rival.token, company.token, bureau]) {
      const res = await t.call("PATCH", `/v1/programs/${program.id}`, {
        token,
        headers: { "If-Match": '"1"' },
        body: { city: "Shanghai" },
      });
      expect(res.status).toBe(403);
    }
    const hidden = await t.call("PATCH", `/v1/programs/${program.id}`, {
      token: pending.token,
      headers: { "If-Match": '"1"' },
      body: { city: "Shanghai" },
    });
    expect(hidden.status).toBe(404);
  });
});

describe("POST /v1/programs/{id}/archive", () => {
  it("archives once, then refuses with 409 invalid_state and freezes edits", async () => {
    const program = await createProgram(t, provider.token);
    const res = await t.call("POST", `/v1/programs/${program.id}/archive`, { token: provider.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "archived", version: 2 });
    expect(res.headers.get("ETag")).toBe('"2"');
    const again = await t.call("POST", `/v1/programs/${program.id}/archive`, { token: provider.token });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("invalid_state");
    const edit = await t.call("PATCH", `/v1/programs/${program.id}`, {
      token: provider.token,
      headers: { "If-Match": '"2"' },
      body: { city: "X" },
    });
    expect(edit.status).toBe(409);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, program.id));
    expect(audit.map((a) => a.action)).toEqual(["create", "archive"]);
  });

  it("shows archived programs only to their provider and the bureau", async () => {
    const program = await createProgram(t, provider.token);
    await t.call("POST", `/v1/programs/${program.id}/archive`, { token: provider.token });
    for (const token of [provider.token, bureau]) {
      expect((await t.call("GET", `/v1/programs/${program.id}`, { token })).status).toBe(200);
      const list = await t.call("GET", "/v1/programs?status=archived", { token });
      expect(list.body.data.map((p: { id: string }) => p.id)).toContain(program.id);
    }
    for (const token of [rival.token, company.token]) {
      expect((await t.call("GET", `/v1/programs/${program.id}`, { token })).status).toBe(404);
      expect((await t.call("POST", `/v1/programs/${program.id}/archive`, { token })).status).toBe(404);
      const list = await t.call("GET", "/v1/programs?status=archived", { token });
      expect(list.body.data.map((p: { id: string }) => p.id)).not.toContain(program.id);
    }
    const active = await t.call("GET", "/v1/programs", { token: provider.token });
    expect(active.body.data.map((p: { id: string }) => p.id)).not.toContain(program.id);
  });

  it("refuses other roles with 403, a stale If-Match with 412 and unauthenticated callers with 401", async () => {
    const program = await createProgram(t, provider.token);
    const path = `/v1/programs/${program.id}/archive`;
    for (const token of [rival.token, company.token, bureau])
      expect((await t.call("POST", path, { token })).status).toBe(403);
    expect((await t.call("POST", path)).status).toBe(401);
    expect(
      (await t.call("POST", path, { token: provider.token, headers: { "If-Match": '"7"' } })).status,
    ).toBe(412);
    expect(
      (await t.call("POST", path, { token: provider.token, headers: { "If-Match": '"1"' } })).status,
    ).toBe(200);
  });

  it("lets exactly one of twenty concurrent archives succeed", async () => {
    const program = await createProgram(t, provider.token);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.call("POST", `/v1/programs/${program.id}/archive`, { token: provider.token }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
  });
});

describe("accreditation expiry", () => {
  it("stops a provider offering programs once its accreditation has expired", async () => {
    const start = t.clock.now();
    const org = await t.org("provider");
    const granted = await t.call("POST", `/v1/organizations/${org.orgId}/accreditations`, {
      token: bureau,
      body: { occupationCode: "cloud_engineer", validUntil: "2026-03-10" },
    });
    expect(granted.status).toBe(201);
    await createProgram(t, org.token, {
      occupationCode: "cloud_engineer",
      skills: [{ skillId: "skl_kubernetes", level: 3 }],
    });
    t.clock.set("2026-03-11T00:00:00Z");
    const token = await t.login(org.email);
    const res = await t.call("POST", "/v1/programs", {
      token,
      body: programBody({
        occupationCode: "cloud_engineer",
        skills: [{ skillId: "skl_kubernetes", level: 3 }],
      }),
    });
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain("cloud_engineer");
    t.clock.set(start);
  });
});
