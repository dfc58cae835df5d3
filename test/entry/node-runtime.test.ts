import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config";
import {
  batchedStdout,
  bootstrapBureau,
  SEALING_KEY_FILE,
  withSealingKey,
} from "../../src/entry/node-runtime";
import { generateSealingKey } from "../../src/platform/sealing";
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

describe("the bid sealing key", () => {
  const url = "postgres://app@db.example.cn:5432/orderbridge";

  it("is required with DATABASE_URL and on Workers, with a message that says how to make one", () => {
    expect(() => parseConfig({ DATABASE_URL: url })).toThrow(
      /BID_SEALING_KEY: required with DATABASE_URL.*openssl rand -base64 32/,
    );
    expect(() => parseConfig({}, "workers")).toThrow(/BID_SEALING_KEY: required on Workers/);
    const key = generateSealingKey();
    expect(parseConfig({ DATABASE_URL: url, BID_SEALING_KEY: key }).BID_SEALING_KEY).toBe(key);
    expect(parseConfig({}).BID_SEALING_KEY).toBeUndefined();
  });

  it("must be 32 bytes of base64, as must every previous key, and is never echoed in the error", () => {
    const short = btoa("sixteen bytes!!!");
    expect(() => parseConfig({ BID_SEALING_KEY: short })).toThrow(/BID_SEALING_KEY: must be 32 random bytes/);
    try {
      parseConfig({ BID_SEALING_KEY: short });
    } catch (err) {
      expect(String(err)).not.toContain(short);
    }
    const [a, b] = [generateSealingKey(), generateSealingKey()];
    expect(parseConfig({ BID_SEALING_PREVIOUS_KEYS: ` ${a}, ${b} ` }).BID_SEALING_PREVIOUS_KEYS).toEqual([
      a,
      b,
    ]);
    expect(() => parseConfig({ BID_SEALING_PREVIOUS_KEYS: `${a},nope` })).toThrow(
      /BID_SEALING_PREVIOUS_KEYS/,
    );
  });

  it("is generated once into DATA_DIR for the embedded default, readable by its owner only", () => {
    const dir = mkdtempSync(join(tmpdir(), "ob-key-"));
    try {
      const dataDir = join(dir, "data");
      const first = withSealingKey(parseConfig({ DATA_DIR: dataDir }));
      const file = join(dataDir, SEALING_KEY_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, "utf8").trim()).toBe(first.BID_SEALING_KEY);
      expect(withSealingKey(parseConfig({ DATA_DIR: dataDir })).BID_SEALING_KEY).toBe(first.BID_SEALING_KEY);
      const explicit = generateSealingKey();
      expect(
        withSealingKey(parseConfig({ DATA_DIR: dataDir, BID_SEALING_KEY: explicit })).BID_SEALING_KEY,
      ).toBe(explicit);
      writeFileSync(file, "garbage\n");
      expect(() => withSealingKey(parseConfig({ DATA_DIR: dataDir }))).toThrow(/does not hold/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the Node server's request log", () => {
  it("gathers a turn's lines into one write, in order, and keeps warnings immediate", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ob-log-"));
    const file = join(dir, "out.log");
    const fd = openSync(file, "w");
    try {
      const logger = createLogger("info", batchedStdout(fd));
      logger.info("first", { n: 1 });
      logger.info("second", { n: 2 });
      logger.debug("hidden");
      logger.warn("to stderr at once");
      expect(readFileSync(file, "utf8")).toBe("");
      await new Promise((resolve) => setImmediate(resolve));
      const lines = readFileSync(file, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => [l.msg, l.n])).toEqual([
        ["first", 1],
        ["second", 2],
      ]);
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
