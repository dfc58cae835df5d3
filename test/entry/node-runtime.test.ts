import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config";
import { bootstrapBureau } from "../../src/entry/node-runtime";
import { createLogger } from "../../src/platform/logger";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("bootstrap bureau user", () => {
  it("creates the configured bureau user on an empty database, once, and it can log in", async () => {
    const config = parseConfig({
      BOOTSTRAP_BUREAU_EMAIL: "ops@hrss.example.cn",
      BOOTSTRAP_BUREAU_PASSWORD: "first-start-password",
    });
    await bootstrapBureau(t.handle, config, t.clock, createLogger("silent"));
    await bootstrapBureau(t.handle, config, t.clock, createLogger("silent"));
    const token = await t.login("ops@hrss.example.cn", "first-start-password");
    const me = await t.call("GET", "/v1/me", { token });
    expect(me.body.organization.kind).toBe("bureau");
    const orgs = await t.call("GET", "/v1/organizations?kind=bureau", { token });
    expect(orgs.body.data).toHaveLength(1);
  });

  it("does nothing once the database has users", async () => {
    await t.org("company", { verified: false });
    const config = parseConfig({
      BOOTSTRAP_BUREAU_EMAIL: "late@hrss.example.cn",
      BOOTSTRAP_BUREAU_PASSWORD: "first-start-password",
    });
    await bootstrapBureau(t.handle, config, t.clock, createLogger("silent"));
    const res = await t.call("POST", "/v1/auth/login", {
      body: { email: "late@hrss.example.cn", password: "first-start-password" },
    });
    expect(res.status).toBe(401);
  });
});
