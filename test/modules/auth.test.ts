import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE } from "../../src/platform/clock";
import {
  createTestContext,
  freshEmail,
  freshUscc,
  PASSWORD,
  TEST_TOKEN_TTL_MINUTES,
  type TestContext,
} from "../helpers";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const registration = (overrides: { organization?: object; user?: object } = {}) => ({
  organization: {
    kind: "company",
    name: "Acme AI",
    uscc: freshUscc(),
    city: "Beijing",
    district: "Haidian",
    ...overrides.organization,
  },
  user: { email: freshEmail(), password: PASSWORD, displayName: "Acme admin", ...overrides.user },
});

describe("POST /v1/auth/register", () => {
  it("creates a pending organisation and its admin", async () => {
    const body = registration();
    const res = await t.call("POST", "/v1/auth/register", { body });
    expect(res.status).toBe(201);
    expect(res.body.organization).toMatchObject({
      kind: "company",
      status: "pending",
      uscc: body.organization.uscc,
    });
    expect(res.body.organization.id).toMatch(/^org_/);
    expect(res.body.user).toMatchObject({ role: "admin", email: body.user.email });
    expect(res.body.user.id).toMatch(/^usr_/);
    expect(res.body.user).not.toHaveProperty("passwordHash");
    expect(res.headers.get("X-Request-Id")).toBeTruthy();
  });

  it("accepts the design's valid USCC examples and refuses a wrong check character", async () => {
    for (const uscc of ["91350100M000100Y43", "91330100799655058B", "91110108551385082Q"]) {
      const res = await t.call("POST", "/v1/auth/register", {
        body: registration({ organization: { uscc } }),
      });
      expect(res.status).toBe(201);
    }
    const bad = await t.call("POST", "/v1/auth/register", {
      body: registration({ organization: { uscc: "91350100M000100Y44" } }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("validation_failed");
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ path: "organization.uscc" }));
  });

  it("refuses a duplicate USCC or email with 409", async () => {
    const first = registration();
    expect((await t.call("POST", "/v1/auth/register", { body: first })).status).toBe(201);
    const sameUscc = await t.call("POST", "/v1/auth/register", {
      body: registration({ organization: { uscc: first.organization.uscc } }),
    });
    expect(sameUscc.status).toBe(409);
    const sameEmail = await t.call("POST", "/v1/auth/register", {
      body: registration({ user: { email: first.user.email.toUpperCase() } }),
    });
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body.code).toBe("conflict");
  });

  it("refuses kind bureau, short and long passwords, unknown fields", async () => {
    for (const body of [
      registration({ organization: { kind: "bureau" } }),
      registration({ user: { password: "short" } }),
      registration({ user: { password: "x".repeat(129) } }),
      { ...registration(), role: "admin" },
      registration({ organization: { status: "verified" } }),
    ]) {
      const res = await t.call("POST", "/v1/auth/register", { body });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.body).toMatchObject({ status: 400, code: "validation_failed" });
      expect(res.body.requestId).toBeTruthy();
    }
  });

  it("never answers malformed bodies with a 500", async () => {
    for (const body of ["{", "null", "[]", '"x"', "42", '{"organization": 5}', "\u0000"]) {
      const res = await t.call("POST", "/v1/auth/register", { body });
      expect(res.status).toBe(400);
    }
    const noType = await t.app.request("/v1/auth/register", { method: "POST", body: "{}" });
    expect(noType.status).toBe(400);
  });

  it("refuses bodies over 1 MiB with 413", async () => {
    const res = await t.call("POST", "/v1/auth/register", { body: { pad: "x".repeat(1024 * 1024 + 10) } });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe("payload_too_large");
  });

  it("is never replayed under Idempotency-Key: a repeat runs again and meets the taken USCC", async () => {
    const body = registration();
    const headers = { "Idempotency-Key": `reg-${Math.random()}` };
    const first = await t.call("POST", "/v1/auth/register", { body, headers });
    const again = await t.call("POST", "/v1/auth/register", { body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(409);
    expect(again.headers.get("Idempotent-Replayed")).toBeNull();
    // Another body under the same key is simply another registration.
    expect((await t.call("POST", "/v1/auth/register", { body: registration(), headers })).status).toBe(201);
  });
});

describe("login, logout, me", () => {
  it("logs in, reads /v1/me, logs out and the token stops working", async () => {
    const { email, token } = await t.org("company", { verified: false });
    const me = await t.call("GET", "/v1/me", { token });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(email);
    expect(me.body.organization.status).toBe("pending");
    expect((await t.call("POST", "/v1/auth/logout", { token })).status).toBe(204);
    const after = await t.call("GET", "/v1/me", { token });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe("unauthenticated");
  });

  it("gives the same 401 for a wrong email and a wrong password", async () => {
    const { email } = await t.org("company", { verified: false });
    const wrongPassword = await t.call("POST", "/v1/auth/login", {
      body: { email, password: "not-the-password" },
    });
    const wrongEmail = await t.call("POST", "/v1/auth/login", {
      body: { email: freshEmail(), password: PASSWORD },
    });
    expect(wrongPassword.status).toBe(401);
    expect(wrongEmail.status).toBe(401);
    expect(wrongPassword.body.detail).toBe(wrongEmail.body.detail);
  });

  it("locks an account after 5 failures in 15 minutes, with Retry-After, until the window passes", async () => {
    const { email } = await t.org("provider", { verified: false });
    for (let i = 0; i < 5; i++) {
      expect(
        (await t.call("POST", "/v1/auth/login", { body: { email, password: "wrong-password" } })).status,
      ).toBe(401);
      t.clock.advance(MINUTE);
    }
    const locked = await t.call("POST", "/v1/auth/login", { body: { email, password: PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe("rate_limited");
    const retryAfter = Number(locked.headers.get("Retry-After"));
    expect(retryAfter).toBe(10 * 60); // first failure was 5 minutes ago; the window is 15
    t.clock.advance(retryAfter * 1000 - 1000);
    expect((await t.call("POST", "/v1/auth/login", { body: { email, password: PASSWORD } })).status).toBe(
      429,
    );
    t.clock.advance(1000);
    expect((await t.call("POST", "/v1/auth/login", { body: { email, password: PASSWORD } })).status).toBe(
      200,
    );
  });

  it("expires tokens after their lifetime", async () => {
    const { token } = await t.org("company", { verified: false });
    t.clock.advance((TEST_TOKEN_TTL_MINUTES - 1) * MINUTE);
    expect((await t.call("GET", "/v1/me", { token })).status).toBe(200);
    t.clock.advance(2 * MINUTE);
    expect((await t.call("GET", "/v1/me", { token })).status).toBe(401);
  });

  it("refuses garbage Authorization headers with 401, never 500", async () => {
    for (const header of [
      "Bearer",
      "Bearer ",
      "Basic abc",
      "Bearer a b",
      `Bearer ${"x".repeat(500)}`,
      "Bearer obt_nope",
    ]) {
      const res = await t.call("GET", "/v1/me", { headers: { Authorization: header } });
      expect(res.status).toBe(401);
    }
  });
});
