/** The login lockout under concurrency: never more than 5 passwords checked per account per 15 minutes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE } from "../../src/platform/clock";
import type { PasswordHasher } from "../../src/platform/password";
import { nativeHasher } from "../../src/platform/password-node";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";

/** The native hasher, counting how many passwords it has checked. */
const counting = { verifications: 0 };
const countingHasher: PasswordHasher = {
  hash: (password) => nativeHasher.hash(password),
  verify: (phc, password) => {
    counting.verifications++;
    return nativeHasher.verify(phc, password);
  },
};

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext(undefined, { hasher: countingHasher });
});
afterAll(() => t.close());

const login = (email: string, password: string) =>
  t.call("POST", "/v1/auth/login", { body: { email, password } });

/** Sends `n` logins at once, all wrong but the last, and tallies the statuses and the passwords checked. */
async function burst(n: number) {
  const { email } = await t.org("company");
  counting.verifications = 0;
  const passwords = Array.from({ length: n }, (_, i) => (i === n - 1 ? PASSWORD : `wrong-password-${i}`));
  const results = await Promise.all(passwords.map((password) => login(email, password)));
  const statuses = results.map((r) => r.status);
  return {
    email,
    statuses,
    checked: counting.verifications,
    count: (s: number) => statuses.filter((x) => x === s).length,
  };
}

describe("login lockout under concurrency", () => {
  for (const n of [20, 60]) {
    it(`checks at most 5 passwords of ${n} concurrent logins (${n - 1} wrong, the right one last); the rest get 429`, async () => {
      const { statuses, checked, count } = await burst(n);
      expect(checked).toBeLessThanOrEqual(5);
      expect(count(401) + count(200)).toBe(checked);
      expect(count(429)).toBe(n - checked);
      expect(statuses.every((s) => [200, 401, 429].includes(s))).toBe(true);
    });
  }

  it("keeps the account locked after the burst, even for the right password, until the window passes", async () => {
    const { email } = await burst(20);
    const locked = await login(email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThan(14 * 60);
    t.clock.advance(15 * MINUTE);
    expect((await login(email, PASSWORD)).status).toBe(200);
  });

  it("does not let a success reset the failures: 4 wrong, right, then 1 more wrong locks the account", async () => {
    const { email } = await t.org("provider");
    for (let i = 0; i < 4; i++) expect((await login(email, "wrong-password")).status).toBe(401);
    expect((await login(email, PASSWORD)).status).toBe(200);
    expect((await login(email, "wrong-password")).status).toBe(429);
  });

  it("gives a clean account's successful attempts back, so logging in often never locks it", async () => {
    const { email } = await t.org("provider");
    for (let i = 0; i < 8; i++) expect((await login(email, PASSWORD)).status).toBe(200);
  });
});
