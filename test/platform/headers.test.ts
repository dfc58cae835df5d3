/** Security headers and the request id, on successes, problems, replays and the documentation alike. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Org, orderBody } from "../fixtures";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";

let t: TestContext;
let company: Org;
beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
});
afterAll(() => t.close());

type Call = [method: string, path: string, opts?: Parameters<TestContext["call"]>[2]];

describe("security headers", () => {
  const anonymous: Call[] = [
    ["GET", "/health"],
    ["GET", "/openapi.json"],
    ["GET", "/docs"],
    ["GET", "/v1/occupations"],
    ["GET", "/v1/nowhere"],
    ["GET", "/v1/me"],
    ["POST", "/v1/auth/login", { body: "{" }],
  ];
  const authenticated = (): Call[] => [
    ["GET", "/v1/me", { token: company.token }],
    ["GET", "/v1/orders?limit=1", { token: company.token }],
    ["GET", "/v1/orders/ord_missing", { token: company.token }],
    ["POST", "/v1/orders", { token: company.token, body: { title: 1 } }],
    ["GET", "/v1/me", { token: "obt_not-a-token" }],
  ];

  it("sends nosniff and X-Frame-Options: DENY on every response", async () => {
    for (const [method, path, opts] of [...anonymous, ...authenticated()]) {
      const res = await t.call(method, path, opts);
      const where = `${method} ${path} -> ${res.status}`;
      expect(res.headers.get("X-Content-Type-Options"), where).toBe("nosniff");
      expect(res.headers.get("X-Frame-Options"), where).toBe("DENY");
    }
  });

  it("sends Cache-Control: no-store on every response to a request with a token, and on login", async () => {
    for (const [method, path, opts] of authenticated()) {
      const res = await t.call(method, path, opts);
      expect(res.headers.get("Cache-Control"), `${method} ${path} -> ${res.status}`).toBe("no-store");
    }
    for (const password of [PASSWORD, "wrong-password"]) {
      const res = await t.call("POST", "/v1/auth/login", { body: { email: company.email, password } });
      expect(res.headers.get("Cache-Control"), `login -> ${res.status}`).toBe("no-store");
    }
  });

  it("keeps the headers on an idempotent replay", async () => {
    const headers = { "Idempotency-Key": `headers-${Math.random()}` };
    const body = orderBody(t.clock.now());
    await t.call("POST", "/v1/orders", { token: company.token, body, headers });
    const replay = await t.call("POST", "/v1/orders", { token: company.token, body, headers });
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(replay.headers.get("Cache-Control")).toBe("no-store");
    expect(replay.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});

describe("X-Request-Id", () => {
  const sent = async (id: string) =>
    (await t.call("GET", "/v1/nowhere", { headers: { "X-Request-Id": id } })).headers.get("X-Request-Id");

  it("echoes a client's id made of [A-Za-z0-9._-], up to 128 characters, in the header and the problem", async () => {
    for (const id of ["trace.ABC_123-x", "a", "9".repeat(128)]) {
      const res = await t.call("GET", "/v1/nowhere", { headers: { "X-Request-Id": id } });
      expect(res.headers.get("X-Request-Id")).toBe(id);
      expect(res.body.requestId).toBe(id);
    }
  });

  it("replaces any other id with one of its own", async () => {
    for (const id of ["9".repeat(129), "a b", "a/b", "a=b", "é", "<script>", "id\u0001"]) {
      const echoed = await sent(id);
      expect(echoed, JSON.stringify(id)).not.toBe(id);
      expect(echoed).toMatch(/^[A-Za-z0-9._-]{1,128}$/);
    }
  });
});
