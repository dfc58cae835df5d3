/** Idempotent replays return the first response as it was: status, body, Content-Type, ETag and Location. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Org, orderBody } from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

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
