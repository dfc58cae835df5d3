/** Organisations: listing and reading them, the bureau verifying and suspending them, and their members. */
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema";
import { orgPath } from "../fixtures";
import { freshEmail, PASSWORD, type TestContext, createTestContext } from "../helpers";

let t: TestContext;
let bureau: string;
beforeAll(async () => {
  t = await createTestContext();
  bureau = await t.bureau();
});
afterAll(() => t.close());

const member = (overrides: object = {}) => ({
  email: freshEmail("member"),
  password: PASSWORD,
  displayName: "New member",
  ...overrides,
});
const suspend = (id: string, token = bureau, reason = "fraudulent invoices") =>
  t.call("POST", orgPath(id, "/suspend"), { token, body: { reason } });
const verify = (id: string, token = bureau) => t.call("POST", orgPath(id, "/verify"), { token });
const addMember = (id: string, token: string | undefined, body: object = member()) =>
  t.call("POST", orgPath(id, "/members"), { token, body });

describe("listing organisations", () => {
  it("lets the bureau filter by kind and status and page through with nextCursor", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) ids.add((await t.org("assessor", { verified: false })).orgId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `kind=assessor&status=pending&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await t.call("GET", `/v1/organizations?${query}`, { token: bureau });
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      for (const o of res.body.data) {
        expect(o).toMatchObject({ kind: "assessor", status: "pending" });
        expect(o.uscc).toMatch(/^[0-9A-Z]{18}$/);
      }
      seen.push(...res.body.data.map((o: { id: string }) => o.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) expect(seen).toContain(id);
  });

  it("shows other organisations only verified public summaries without uscc", async () => {
    const pending = await t.org("provider", { verified: false });
    const verified = await t.org("provider");
    const viewer = await t.org("company");
    const res = await t.call("GET", "/v1/organizations?limit=100&status=pending", { token: viewer.token });
    expect(res.status).toBe(200);
    const ids = res.body.data.map((o: { id: string }) => o.id);
    expect(ids).not.toContain(pending.orgId);
    expect(ids).toContain(verified.orgId);
    for (const o of res.body.data) {
      expect(o.status).toBe("verified");
      if (o.id !== viewer.orgId) expect(o).not.toHaveProperty("uscc");
    }
  });

  it("refuses callers without a token", async () => {
    const res = await t.call("GET", "/v1/organizations");
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("unauthenticated");
  });

  it("answers malformed queries with 400, never 500", async () => {
    const queries = [
      "limit=0",
      "limit=101",
      "limit=abc",
      "limit=1.5",
      "cursor=garbage",
      "kind=x",
      "status=x",
    ];
    for (const q of queries) {
      const res = await t.call("GET", `/v1/organizations?${q}`, { token: bureau });
      expect(res.status, q).toBe(400);
      expect(res.body.code).toBe("validation_failed");
    }
  });
});

describe("reading one organisation", () => {
  it("shows the bureau and its own members the full record with an ETag", async () => {
    const own = await t.org("company", { verified: false });
    for (const token of [bureau, own.token]) {
      const res = await t.call("GET", orgPath(own.orgId), { token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: own.orgId, status: "pending", version: 1 });
      expect(res.body.uscc).toMatch(/^[0-9A-Z]{18}$/);
      expect(res.headers.get("ETag")).toBe('"1"');
    }
  });

  it("shows others a verified organisation's summary and hides a pending one with 404", async () => {
    const viewer = await t.org("provider");
    const verified = await t.org("company");
    const pending = await t.org("company", { verified: false });
    const seen = await t.call("GET", orgPath(verified.orgId), { token: viewer.token });
    expect(seen.status).toBe(200);
    expect(seen.body).not.toHaveProperty("uscc");
    expect(seen.body).not.toHaveProperty("suspendedReason");
    const hidden = await t.call("GET", orgPath(pending.orgId), { token: viewer.token });
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe("not_found");
  });

  it("answers malformed or unknown ids with 400 or 404, never 500", async () => {
    const ids = ["'%20OR%201=1", "org_nope", "%E2%80%AE", "x".repeat(65), "..%2F..%2Fetc"];
    for (const id of ids) {
      const res = await t.call("GET", orgPath(id), { token: bureau });
      expect([400, 404], id).toContain(res.status);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("answers an id containing a NUL byte with 400 or 404, never 500", async () => {
    for (const path of [orgPath("%00"), orgPath("org_%00x", "/accreditations")]) {
      const res = await t.call("GET", path, { token: bureau });
      expect([400, 404], path).toContain(res.status);
    }
  });
});

describe("verifying and suspending", () => {
  it("verifies, suspends with a reason and reinstates, auditing each transition once", async () => {
    const { orgId } = await t.org("provider", { verified: false });
    t.clock.advance(1000);
    const verified = await verify(orgId);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: "verified", version: 2 });
    expect(verified.body.verifiedAt).toBeTruthy();
    t.clock.advance(1000);
    const suspended = await suspend(orgId);
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: "suspended", suspendedReason: "fraudulent invoices" });
    t.clock.advance(1000);
    const reinstated = await verify(orgId);
    expect(reinstated.body).toMatchObject({ status: "verified", suspendedReason: null, version: 4 });
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "organization"), eq(auditLog.entityId, orgId)))
      .orderBy(asc(auditLog.at));
    expect(rows.map((r) => [r.action, r.fromState, r.toState])).toEqual([
      ["register", null, "pending"],
      ["verify", "pending", "verified"],
      ["suspend", "verified", "suspended"],
      ["verify", "suspended", "verified"],
    ]);
    expect(rows.slice(1).every((r) => r.actorOrgId === "org_bureau")).toBe(true);
  });

  it("refuses transitions from the wrong state with 409 invalid_state", async () => {
    const { orgId } = await t.org("company");
    const again = await verify(orgId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("invalid_state");
    expect((await suspend(orgId)).status).toBe(200);
    const twice = await suspend(orgId);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe("invalid_state");
  });

  it("lets exactly one of 20 concurrent verifications succeed", async () => {
    const { orgId } = await t.org("assessor", { verified: false });
    const results = await Promise.all(Array.from({ length: 20 }, () => verify(orgId)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(19);
    expect(refused.every((r) => r.body.code === "invalid_state")).toBe(true);
    const verifies = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, orgId), eq(auditLog.action, "verify")));
    expect(verifies).toHaveLength(1);
  });

  it("cuts off a suspended organisation: its tokens get 401 and its logins 403", async () => {
    const victim = await t.org("company");
    expect((await t.call("GET", "/v1/me", { token: victim.token })).status).toBe(200);
    expect((await suspend(victim.orgId)).status).toBe(200);
    expect((await t.call("GET", "/v1/me", { token: victim.token })).status).toBe(401);
    expect((await t.call("GET", "/v1/organizations", { token: victim.token })).status).toBe(401);
    const login = await t.call("POST", "/v1/auth/login", {
      body: { email: victim.email, password: PASSWORD },
    });
    expect(login.status).toBe(403);
    expect(login.body.code).toBe("forbidden");
  });

  it("revokes the sessions on suspension: a token from before stays dead when the organisation is reinstated", async () => {
    const victim = await t.org("provider");
    const added = await addMember(victim.orgId, victim.token, member({ role: "member" }));
    expect(added.status).toBe(201);
    const memberToken = await t.login(added.body.user.email);
    expect((await suspend(victim.orgId)).status).toBe(200);
    expect((await verify(victim.orgId)).status).toBe(200);
    for (const token of [victim.token, memberToken]) {
      const res = await t.call("GET", "/v1/me", { token });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe("unauthenticated");
    }
    // Logging in again gives a working token.
    expect((await t.call("GET", "/v1/me", { token: await t.login(victim.email) })).status).toBe(200);
  });

  it("keeps verify and suspend for the bureau: 401, 403, 404, 400 as appropriate", async () => {
    const target = await t.org("company", { verified: false });
    const other = await t.org("provider");
    expect((await t.call("POST", orgPath(target.orgId, "/verify"))).status).toBe(401);
    expect((await verify(target.orgId, target.token)).status).toBe(403);
    expect((await verify(other.orgId, other.token)).status).toBe(403);
    expect((await suspend(other.orgId, other.token)).status).toBe(403);
    expect((await verify("org_missing")).status).toBe(404);
    expect((await suspend("org_missing")).status).toBe(404);
    const noReason = await t.call("POST", orgPath(target.orgId, "/suspend"), { token: bureau, body: {} });
    expect(noReason.status).toBe(400);
    expect((await suspend(target.orgId, bureau, "   ")).status).toBe(400);
    const extra = await t.call("POST", orgPath(target.orgId, "/suspend"), {
      token: bureau,
      body: { reason: "spam", status: "verified" },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toContainEqual(expect.objectContaining({ path: "status" }));
  });
});

describe("members", () => {
  it("lets an admin add a member who can log in, and refuses a duplicate email with 409", async () => {
    const admin = await t.org("company", { verified: false });
    const body = member();
    const res = await addMember(admin.orgId, admin.token, body);
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ orgId: admin.orgId, email: body.email, role: "member" });
    expect(res.body.user).not.toHaveProperty("passwordHash");
    expect(await t.login(body.email)).toMatch(/^obt_/);
    const dup = await addMember(admin.orgId, admin.token, member({ email: body.email.toUpperCase() }));
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("conflict");
  });

  it("refuses a non-admin member with 403 and outsiders with 404 (pending) or 403 (verified)", async () => {
    const admin = await t.org("provider", { verified: false });
    const body = member();
    await addMember(admin.orgId, admin.token, body);
    const memberToken = await t.login(body.email);
    expect((await addMember(admin.orgId, memberToken, member())).status).toBe(403);
    const outsider = await t.org("company");
    const hidden = await addMember(admin.orgId, outsider.token, member());
    expect(hidden.status).toBe(404);
    await verify(admin.orgId);
    const visible = await addMember(admin.orgId, outsider.token, member());
    expect(visible.status).toBe(403);
    expect((await addMember(admin.orgId, undefined)).status).toBe(401);
  });

  it("refuses unknown fields, weak passwords and bad roles in the body", async () => {
    const admin = await t.org("company");
    for (const [body, path] of [
      [member({ isBureau: true }), "isBureau"],
      [member({ password: "short" }), "password"],
      [member({ role: "owner" }), "role"],
      [member({ email: "not-an-email" }), "email"],
    ] as const) {
      const res = await addMember(admin.orgId, admin.token, body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ path }));
    }
  });
});
