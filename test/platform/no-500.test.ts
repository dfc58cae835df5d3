/**
 * Every documented route, fed malformed ids, bodies, queries and headers, answers 4xx — never a 500 — and every
 * status it answers is one its operation documents.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers";

interface Route {
  method: string;
  path: string;
}

let t: TestContext;
let routes: Route[];
let tokens: string[];
let documented: Map<string, Set<string>>;
/** What the routes answered: "METHOD /template" → statuses. */
const seen = new Map<string, Set<number>>();

beforeAll(async () => {
  t = await createTestContext();
  const doc = (await t.call("GET", "/openapi.json")).body;
  const paths = doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
  routes = Object.entries(paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
  );
  documented = new Map(
    Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => [
        `${method.toUpperCase()} ${path}`,
        new Set(Object.keys(op.responses)),
      ]),
    ),
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

const concrete = (route: Route, id = "ord_missing") => route.path.replace(/\{[^}]+\}/g, id);

async function expectNo500(
  route: Route,
  path: string,
  init: { token?: string; body?: string; headers?: Record<string, string> },
) {
  const res = await t.call(route.method, path, init);
  const key = `${route.method} ${route.path}`;
  seen.set(key, (seen.get(key) ?? new Set()).add(res.status));
  const what = `${route.method} ${path} ${(init.body ?? "").slice(0, 80)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  expect(res.status, what).toBeLessThan(500);
  if (res.status >= 400) expect(res.body.requestId).toBeTruthy();
}

describe("no 500 from malformed input", () => {
  it("malformed path ids on every route", async () => {
    for (const route of routes) {
      if (!route.path.includes("{")) continue;
      const body = route.method === "GET" ? undefined : "{}";
      for (const id of BAD_IDS) {
        for (const token of tokens) await expectNo500(route, concrete(route, id), { token, body });
      }
    }
  });

  it("malformed bodies on every route that takes one", async () => {
    for (const route of routes) {
      if (route.method === "GET") continue;
      for (const body of BAD_BODIES) {
        for (const token of tokens) {
          await expectNo500(route, concrete(route), { token, body, headers: { "If-Match": '"1"' } });
        }
      }
    }
  });

  it("malformed queries and headers on every list", async () => {
    for (const route of routes) {
      if (route.method !== "GET" || route.path.includes("{")) continue;
      for (const query of BAD_QUERIES)
        await expectNo500(route, `${route.path}?${query}`, { token: tokens[0] });
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
    const patchSkill = { method: "PATCH", path: "/v1/skills/{id}" };
    const createOrder = { method: "POST", path: "/v1/orders" };
    for (const headers of odd) {
      const body = '{"nameEn":"Python"}';
      await expectNo500(patchSkill, "/v1/skills/skl_python_programming", { token: tokens[0], body, headers });
      await expectNo500(createOrder, "/v1/orders", { token: tokens[1], body: "{}", headers });
    }
  });

  it("anonymous calls and oversized bodies on every route", async () => {
    const huge = JSON.stringify("x".repeat(1024 * 1024));
    for (const route of routes) {
      await expectNo500(route, concrete(route), {});
      if (route.method !== "GET") await expectNo500(route, concrete(route), { token: tokens[0], body: huge });
    }
  });

  it("documents every status the routes answered", () => {
    expect(seen.size).toBe(routes.length);
    for (const [route, statuses] of seen) {
      for (const status of statuses) {
        expect(documented.get(route)?.has(String(status)), `${route} answered ${status}, undocumented`).toBe(
          true,
        );
      }
    }
  });
});
