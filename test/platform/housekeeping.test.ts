import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScheduledWork } from "../../src/jobs";
import { DAY } from "../../src/platform/clock";
import { createTestContext, PASSWORD, TEST_TOKEN_TTL_MINUTES, type TestContext } from "../helpers";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const count = async (table: string) => {
  const result = await t.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
  return rows[0].n;
};

describe("session routes and Idempotency-Key", () => {
  it("a login is never replayed, so no token is stored in clear", async () => {
    const { email } = await t.org("company", { verified: false });
    const headers = { "Idempotency-Key": "login-once" };
    const first = await t.call("POST", "/v1/auth/login", { body: { email, password: PASSWORD }, headers });
    const second = await t.call("POST", "/v1/auth/login", { body: { email, password: PASSWORD }, headers });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.token).not.toBe(first.body.token);
    expect(second.headers.get("Idempotent-Replayed")).toBeNull();
    const stored = await t.db.execute(
      sql`select count(*)::int as n from idempotency_keys where key = 'login-once'`,
    );
    const rows = (Array.isArray(stored) ? stored : (stored as { rows: unknown[] }).rows) as { n: number }[];
    expect(rows[0].n).toBe(0);
  });
});

describe("housekeeping", () => {
  it("forgets expired sessions, old login attempts, old idempotency keys and past rate-limit windows", async () => {
    const { email, token } = await t.org("provider", { verified: false });
    await t.call("POST", "/v1/auth/login", { body: { email, password: "wrong-password" } });
    await t.call("POST", "/v1/programs", { token, headers: { "Idempotency-Key": "program-1" }, body: {} });
    expect(await count("login_attempts")).toBeGreaterThan(0);
    expect(await count("idempotency_keys")).toBeGreaterThan(0);
    expect(await count("rate_limit_windows")).toBeGreaterThan(0);
    const sessionsBefore = await count("sessions");

    t.clock.advance(TEST_TOKEN_TTL_MINUTES * 60_000 + 2 * DAY);
    const fresh = await t.org("company", { verified: false }); // a live session that must survive
    const result = await runScheduledWork({ ...t.services, clock: t.clock });
    expect(result.housekeeping).toBeGreaterThanOrEqual(sessionsBefore + 2);
    expect(await count("login_attempts")).toBe(0);
    expect(await count("idempotency_keys")).toBe(0);
    // Only the windows of the minute after the clock moved (the fresh organisation's calls) are left.
    const past = await t.db.execute(
      sql`select count(*)::int as n from rate_limit_windows where window_start < ${t.clock.now().toISOString()}::timestamptz - interval '1 minute'`,
    );
    expect((Array.isArray(past) ? past : (past as { rows: { n: number }[] }).rows)[0].n).toBe(0);
    expect((await t.call("GET", "/v1/me", { token: fresh.token })).status).toBe(200);
  });
});
