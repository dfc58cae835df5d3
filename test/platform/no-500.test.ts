/** Every documented route, fed malformed ids, bodies, queries and headers, answers 4xx — never a 500. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let routes: { method: string; path: string }[];
let tokens: string[];

beforeAll(async () => {
  t = await createTestContext();
  const doc = (await t.call("GET", "/openapi.json")).body;
  routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
  );
  tokens = [
    await t.bureau(),
    (await t.org("company")).token,
    (await t.org("provider", { accredit: ["ai_engineer"] })).token,
  ];
});
afterAll(() => t.close());

const BAD_IDS = [
  "%00",
  "a%00b",
  "ord_%00",
  "'%20or%201=1--",
  "x".repeat(300),
  "%F0%9F%92%A9",
  "..%2F..",
  "ord_",
];
const BAD_BODIES = [
  "{",
  "[]",
  "null",
  '"text"',
  "1e309",
  '{"a":{"b":{"c":[1,2,{"d":null}]}}}',
  '{"title":"\\u0000"}',
  '{"__proto__":{"x":1}}',
];
const BAD_QUERIES = [
  "limit=-1",
  "limit=1e9",
  "cursor=%00",
  "cursor=WyJ4Il0",
  "status=%00",
  "q=%00",
  "mine=%00",
  "skillId=%00",
  "limit=5&limit=6",
];

async function expectNo500(
  method: string,
  path: string,
  init: { token?: string; body?: string; headers?: Record<string, string> },
) {
  const res = await t.call(method, path, init);
  expect(
    res.status,
    `${method} ${path} ${init.body ?? ""} → ${res.status} ${JSON.stringify(res.body)}`,
  ).toBeLessThan(500);
  if (res.status >= 400) expect(res.body.requestId).toBeTruthy();
}

describe("no 500 from malformed input", () => {
  it("malformed path ids on every route", async () => {
    for (const { method, path } of routes) {
      if (!path.includes("{")) continue;
      for (const id of BAD_IDS) {
        for (const token of tokens)
          await expectNo500(method, path.replace(/\{[^}]+\}/g, id), {
            token,
            body: method === "GET" ? undefined : "{}",
          });
      }
    }
  });

  it("malformed bodies on every route that takes one", async () => {
    for (const { method, path } of routes) {
      if (method === "GET") continue;
      const concrete = path.replace(/\{[^}]+\}/g, "ord_missing");
      for (const body of BAD_BODIES) {
        for (const token of tokens)
          await expectNo500(method, concrete, { token, body, headers: { "If-Match": '"1"' } });
      }
    }
  });

  it("malformed queries and headers on every list", async () => {
    for (const { method, path } of routes) {
      if (method !== "GET" || path.includes("{")) continue;
      for (const query of BAD_QUERIES) await expectNo500("GET", `${path}?${query}`, { token: tokens[0] });
    }
    const odd: Record<string, string>[] = [
      { "If-Match": 'W/""' },
      { "If-Match": '"99999999999"' },
      { "Idempotency-Key": "é" },
      { "Idempotency-Key": "k".repeat(300) },
      { "Content-Type": "text/plain" },
      { "Content-Type": "application/json; charset=latin1" },
      { Authorization: "Bearer \u00ff" },
      { "X-Request-Id": "x".repeat(1000) },
    ];
    for (const headers of odd) {
      await expectNo500("PATCH", "/v1/skills/skl_python_programming", {
        token: tokens[0],
        body: '{"nameEn":"Python"}',
        headers,
      });
      await expectNo500("POST", "/v1/orders", { token: tokens[1], body: "{}", headers });
    }
  });
});
