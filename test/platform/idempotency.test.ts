/**
 * Idempotent replays return the first response as it was (status, body, Content-Type, ETag and Location); only
 * small responses are kept, and nothing of anonymous callers.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { idempotencyKeys } from "../../src/db/schema";
import { type Org, orderBody } from "../fixtures";
import { createTestContext, freshEmail, freshUscc, PASSWORD, type TestContext } from "../helpers";

let t: TestContext;
let company: Org;
const START = "2026-03-02T01:00:00Z";

beforeAll(async () => {
  t = await createTestContext(START);
  company = await t.org("company");
});
beforeEach(() => t.clock.set(START));
afterAll(() => t.close());

const key = () => ({ "Idempotency-Key": `k-${Math.random().toString(36).slice(2)}` });

describe("Idempotency-Key replays", () => {
  it("replays a creation with its status, body, ETag, Location and Content-Type, marked as replayed", async () => {
    const headers = key();
    const body = orderBody(t.clock.now());
    const first = await t.call("POST", "/v1/orders", { token: company.token, body, headers });
    expect(first.status).toBe(201);
    expect(first.headers.get("ETag")).toBe('"1"');
    expect(first.headers.get("Location")).toBe(`/v1/orders/${first.body.id}`);
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();

    const again = await t.call("POST", "/v1/orders", { token: company.token, body, headers });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    for (const name of ["ETag", "Location", "Content-Type"]) {
      expect(again.headers.get(name), name).toBe(first.headers.get(name));
    }
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.headers.get("X-Request-Id")).toBeTruthy();
  });

  it("replays a problem as application/problem+json", async () => {
    const headers = key();
    const body = orderBody(t.clock.now(), { headcountMin: 30, headcountMax: 20 });
    const first = await t.call("POST", "/v1/orders", { token: company.token, body, headers });
    expect(first.status).toBe(400);
    const again = await t.call("POST", "/v1/orders", { token: company.token, body, headers });
    expect(again.status).toBe(400);
    expect(again.headers.get("Content-Type")).toBe(first.headers.get("Content-Type"));
    expect(again.headers.get("Content-Type")).toContain("application/problem+json");
    expect(again.body.code).toBe("validation_failed");
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
  });

  it("refuses the same key with another body (422) and keys are per caller", async () => {
    const headers = key();
    const first = await t.call("POST", "/v1/orders", {
      token: company.token,
      body: orderBody(t.clock.now()),
      headers,
    });
    expect(first.status).toBe(201);
    const other = orderBody(t.clock.now(), { title: "Another order" });
    const mismatch = await t.call("POST", "/v1/orders", { token: company.token, body: other, headers });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe("idempotency_mismatch");
    const rival = await t.org("company");
    const theirs = await t.call("POST", "/v1/orders", {
      token: rival.token,
      body: orderBody(t.clock.now()),
      headers,
    });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
  });
});

/** The stored replays under `key`, with the size of each stored body. */
async function stored(key: string) {
  const rows = await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
  return rows.map((r) => ({ scope: r.scope, status: r.status, bytes: JSON.stringify(r.body).length }));
}

describe("what is kept for replay", () => {
  it("answers 90,000 unknown keys in a 1 MiB body with a small 400, and keeps nothing big", async () => {
    const body = Object.fromEntries(Array.from({ length: 90_000 }, (_, i) => [`k${i}`, 0]));
    expect(JSON.stringify(body).length).toBeGreaterThan(900_000);
    const headers = key();
    const res = await t.call("POST", "/v1/orders", { token: company.token, body, headers });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body).length).toBeLessThan(8 * 1024);
    expect(res.body.errors).toHaveLength(20);
    expect(res.body.errorCount).toBeGreaterThanOrEqual(90_000);
    for (const row of await stored(headers["Idempotency-Key"])) expect(row.bytes).toBeLessThan(8 * 1024);
  });

  it("cuts a megabyte-long unknown key down in the problem", async () => {
    const res = await t.call("POST", "/v1/orders", {
      token: company.token,
      body: { ["x".repeat(1000 * 1000)]: 1 },
      headers: key(),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body).length).toBeLessThan(8 * 1024);
  });
});

describe("anonymous callers", () => {
  it("never receive a response stored for another caller: nothing anonymous is stored or replayed", async () => {
    const headers = { "Idempotency-Key": "shared-by-two-strangers" };
    const registration = {
      organization: { kind: "company", name: "First stranger", uscc: freshUscc(), city: "Beijing" },
      user: { email: freshEmail(), password: PASSWORD, displayName: "First" },
    };
    const first = await t.call("POST", "/v1/auth/register", { body: registration, headers });
    expect(first.status).toBe(201);
    // A second stranger sends the same key and the very same body: it runs again, and meets the taken USCC.
    const second = await t.call("POST", "/v1/auth/register", { body: registration, headers });
    expect(second.status).toBe(409);
    expect(second.headers.get("Idempotent-Replayed")).toBeNull();
    expect(JSON.stringify(second.body)).not.toContain(first.body.user.id);
    // Anonymous calls to authenticated routes are not kept either.
    for (let i = 0; i < 2; i++) {
      const denied = await t.call("POST", "/v1/orders", { body: orderBody(t.clock.now()), headers });
      expect(denied.status).toBe(401);
      expect(denied.headers.get("Idempotent-Replayed")).toBeNull();
    }
    expect(await stored(headers["Idempotency-Key"])).toEqual([]);
  });

  it("documents no Idempotency-Key on public POSTs", async () => {
    const doc = (await t.call("GET", "/openapi.json")).body;
    for (const path of ["/v1/auth/register", "/v1/auth/login"]) {
      const parameters = JSON.stringify(doc.paths[path].post.parameters ?? []);
      expect(parameters, path).not.toContain("IdempotencyKey");
    }
  });
});
