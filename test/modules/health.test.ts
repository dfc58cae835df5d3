import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { parseConfig } from "../../src/config";
import type { Database } from "../../src/db/client";
import { ManualClock } from "../../src/platform/clock";
import { nodeDocsAssets } from "../../src/platform/docs-assets-node";
import { createLogger } from "../../src/platform/logger";
import { nativeHasher } from "../../src/platform/password-node";
import { type TestContext, createTestContext } from "../helpers";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("GET /health", () => {
  it("reports ok for the service and the database, without a token", async () => {
    const res = await t.call("GET", "/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", database: "ok" });
    expect(res.headers.get("X-Request-Id")).toBeTruthy();
  });

  it("reports a degraded service with 503 when the database is unreachable", async () => {
    const unreachable = {
      execute: () => Promise.reject(new Error("connection refused")),
    } as unknown as Database;
    const app = createApp({
      db: unreachable,
      hasher: nativeHasher,
      clock: new ManualClock(),
      config: parseConfig({}),
      logger: createLogger("silent"),
      docsAssets: nodeDocsAssets,
    });
    const res = await app.request("/health");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "degraded", database: "unreachable" });
  });
});
