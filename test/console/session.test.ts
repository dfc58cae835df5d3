/** Console sign-in: the session cookie's attributes, one session lookup with bearer tokens, sign-out revokes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { nodeDocsAssets } from "../../src/platform/docs-assets-node";
import type { Org } from "../fixtures";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";
import { consoleClient, csrfOf } from "./client";

let t: TestContext;
let company: Org;

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
});
afterAll(() => t.close());

const sessionCookieOf = (headers: Headers) =>
  (headers as unknown as { getSetCookie(): string[] })
    .getSetCookie()
    .find((c) => c.startsWith("ob_session="));

describe("console sign-in", () => {
  it("sets the session token in an HttpOnly, SameSite=Lax cookie scoped to /console, not Secure over HTTP", async () => {
    const client = consoleClient(t);
    const res = await client.signIn(company.email, PASSWORD);
    expect(res.status).toBe(303);
    expect(res.location).toBe("/console");
    const cookie = sessionCookieOf(res.headers)!;
    expect(cookie).toMatch(/^ob_session=obt_[\w-]+;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/console");
    expect(cookie).not.toContain("Secure");
    const home = await client.get("/console");
    expect(home.status).toBe(200);
    expect(home.headers.get("Cache-Control")).toBe("no-store");
  });

  it("marks the cookie Secure when the request came over HTTPS", async () => {
    const page = await t.app.request("https://console.example.cn/console/sign-in");
    const pre = /ob_presession=([^;]+)/.exec(page.headers.get("set-cookie") ?? "")![1];
    const res = await t.app.request("https://console.example.cn/console/sign-in", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: `ob_presession=${pre}`,
        Origin: "https://console.example.cn",
      },
      body: new URLSearchParams({
        _csrf: csrfOf(await page.text()),
        email: company.email,
        password: PASSWORD,
      }),
    });
    expect(res.status).toBe(303);
    expect(sessionCookieOf(res.headers)).toContain("Secure");
  });

  it("believes X-Forwarded-Proto only when TRUST_PROXY is set", async () => {
    const behindProxy = (trust: boolean) =>
      createApp({
        ...t.services,
        config: { ...t.services.config, TRUST_PROXY: trust },
        clock: t.clock,
        docsAssets: nodeDocsAssets,
      }).request("http://internal:8787/console/sign-in", { headers: { "X-Forwarded-Proto": "https" } });
    expect((await behindProxy(true)).headers.get("set-cookie")).toContain("Secure");
    expect((await behindProxy(false)).headers.get("set-cookie")).not.toContain("Secure");
  });

  it("refuses a wrong password with the form again (401) and sets no session", async () => {
    const client = consoleClient(t);
    const res = await client.signIn(company.email, "not-the-password");
    expect(res.status).toBe(401);
    expect(res.html).toContain("邮箱或密码不正确");
    expect(client.jar.has("ob_session")).toBe(false);
  });

  it("sends a signed-out visitor to the sign-in page and back afterwards", async () => {
    const client = consoleClient(t);
    const res = await client.get("/console/orders?status=open");
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/console/sign-in?next=${encodeURIComponent("/console/orders?status=open")}`);
    const page = await client.get(res.location!);
    const signedIn = await client.post("/console/sign-in", {
      email: company.email,
      password: PASSWORD,
      next: "/console/orders?status=open",
      _csrf: csrfOf(page.html),
    });
    expect(signedIn.location).toBe("/console/orders?status=open");
  });

  it("never redirects off the console after sign-in", async () => {
    const client = consoleClient(t);
    const page = await client.get("/console/sign-in");
    const res = await client.post("/console/sign-in", {
      email: company.email,
      password: PASSWORD,
      next: "//evil.example/phish",
      _csrf: csrfOf(page.html),
    });
    expect(res.location).toBe("/console");
  });

  it("resolves the cookie through the same session lookup as bearer tokens, and sign-out revokes it", async () => {
    const client = consoleClient(t);
    await client.signIn(company.email, PASSWORD);
    const token = client.jar.get("ob_session")!;
    expect((await t.call("GET", "/v1/me", { token })).status).toBe(200);
    const out = await client.post("/console/sign-out", {});
    expect(out.status).toBe(303);
    expect(out.location).toBe("/console/sign-in");
    expect(client.jar.has("ob_session")).toBe(false);
    expect((await t.call("GET", "/v1/me", { token })).status).toBe(401);
    // The old cookie, replayed, is a signed-out visitor.
    const replay = await t.app.request("http://localhost/console", {
      headers: { Cookie: `ob_session=${token}` },
    });
    expect(replay.status).toBe(303);
  });

  it("a suspended organisation's cookie stops working at once", async () => {
    const victim = await t.org("provider");
    const client = consoleClient(t);
    await client.signIn(victim.email, PASSWORD);
    expect((await client.get("/console")).status).toBe(200);
    await t.call("POST", `/v1/organizations/${victim.orgId}/suspend`, {
      token: await t.bureau(),
      body: { reason: "Licence revoked" },
    });
    expect((await client.get("/console")).status).toBe(303);
  });
});
