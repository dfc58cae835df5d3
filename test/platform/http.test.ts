import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestContext, createTestContext } from "../helpers";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const PUBLIC = new Set([
  "GET /health",
  "POST /v1/auth/register",
  "POST /v1/auth/login",
  "GET /v1/occupations",
  "GET /v1/occupations/{code}",
  "GET /v1/skills",
  "GET /v1/skills/{id}",
  "GET /v1/orders/{id}/ocds",
  "GET /v1/certificates/{certificateNo}",
]);

interface Operation {
  responses?: Record<string, unknown>;
  security?: Record<string, unknown>[];
}

describe("OpenAPI document and reference", () => {
  it("serves OpenAPI 3.1 with the bearerAuth scheme", async () => {
    const res = await t.call("GET", "/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.1\./);
    expect(res.body.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(res.body.components.schemas).toHaveProperty("Problem");
  });

  it("documents a success response for every operation, bearer security on every authenticated one, and `security: []` on public ones", async () => {
    const { paths } = (await t.call("GET", "/openapi.json")).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const routes = Object.keys(paths);
    for (const expected of [
      "/health",
      "/v1/auth/register",
      "/v1/organizations/{id}/verify",
      "/v1/occupations/{code}",
      "/v1/skills",
    ]) {
      expect(routes).toContain(expected);
    }
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(Object.keys(op.responses ?? {}).length, where).toBeGreaterThan(0);
        expect(
          Object.keys(op.responses ?? {}).some((s) => s.startsWith("2")),
          where,
        ).toBe(true);
        // Public operations say so with `security: []`; every other one needs the bearer token.
        expect(op.security, where).toEqual(PUBLIC.has(where) ? [] : [{ bearerAuth: [] }]);
      }
    }
  });

  it("serves the interactive reference as HTML", async () => {
    const res = await t.app.request("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("/openapi.json");
  });
});

describe("errors and request ids", () => {
  it("answers an unknown route with a 404 problem+json carrying the request id", async () => {
    const res = await t.call("GET", "/v1/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body).toMatchObject({ status: 404, code: "not_found", title: "Not found" });
    expect(res.body.type).toMatch(/^https:\/\//);
    expect(res.body.requestId).toBe(res.headers.get("X-Request-Id"));
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts/);
  });

  it("puts X-Request-Id on every response, successful or not", async () => {
    const bureau = await t.bureau();
    const requests: [string, string, object?][] = [
      ["GET", "/health"],
      ["GET", "/openapi.json"],
      ["GET", "/docs"],
      ["GET", "/v1/occupations"],
      ["GET", "/v1/me"],
      ["GET", "/v1/me", { token: bureau }],
      ["GET", "/v1/organizations?limit=0", { token: bureau }],
      ["POST", "/v1/auth/login", { body: "{" }],
      ["DELETE", "/v1/occupations"],
      ["GET", "/nowhere"],
    ];
    const ids = new Set<string>();
    for (const [method, path, opts] of requests) {
      const res = await t.call(method, path, opts);
      const id = res.headers.get("X-Request-Id");
      expect(id, `${method} ${path} -> ${res.status}`).toBeTruthy();
      ids.add(id!);
    }
    expect(ids.size).toBe(requests.length);
  });

  it("echoes a well-formed incoming X-Request-Id and replaces a malformed one", async () => {
    const echoed = await t.call("GET", "/nowhere", { headers: { "X-Request-Id": "trace-abc_123" } });
    expect(echoed.headers.get("X-Request-Id")).toBe("trace-abc_123");
    expect(echoed.body.requestId).toBe("trace-abc_123");
    const replaced = await t.call("GET", "/health", { headers: { "X-Request-Id": "bad id <script>" } });
    expect(replaced.headers.get("X-Request-Id")).not.toContain("<");
  });

  it("answers a wrong method on a known path without a 500", async () => {
    const res = await t.call("PUT", "/v1/organizations");
    expect([404, 405]).toContain(res.status);
  });
});
