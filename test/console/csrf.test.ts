/** Every console form that changes something needs the session's form token and a same-origin Origin. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Org, orderBody } from "../fixtures";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";
import { type ConsoleClient, consoleClient, csrfOf } from "./client";

let t: TestContext;
let company: Org;
let client: ConsoleClient;
let draftId: string;

const statusOf = async (id: string) =>
  (await t.call("GET", `/v1/orders/${id}`, { token: company.token })).body.status;

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  client = consoleClient(t);
  await client.signIn(company.email, PASSWORD);
});
beforeAll(async () => {
  draftId = (await t.call("POST", "/v1/orders", { token: company.token, body: orderBody(t.clock.now()) }))
    .body.id;
});
afterAll(() => t.close());

describe("CSRF protection of console forms", () => {
  it("refuses a post without the form token (403 page) and changes nothing", async () => {
    const res = await client.post(`/console/orders/${draftId}/publish`, { _csrf: "" });
    expect(res.status).toBe(403);
    expect(res.html).toContain("无权访问");
    expect(await statusOf(draftId)).toBe("draft");
  });

  it("refuses another session's token", async () => {
    const other = consoleClient(t);
    await other.signIn((await t.org("company")).email, PASSWORD);
    const foreign = csrfOf((await other.get("/console")).html);
    const res = await client.post(`/console/orders/${draftId}/publish`, { _csrf: foreign });
    expect(res.status).toBe(403);
    expect(await statusOf(draftId)).toBe("draft");
  });

  it("refuses a post from another origin even with the right token", async () => {
    const res = await client.post(`/console/orders/${draftId}/publish`, {}, "/console", {
      Origin: "https://evil.example",
    });
    expect(res.status).toBe(403);
    const viaReferer = await client.post(`/console/orders/${draftId}/publish`, {}, "/console", {
      Origin: "",
      Referer: "https://evil.example/page",
    });
    expect(viaReferer.status).toBe(403);
    expect(await statusOf(draftId)).toBe("draft");
  });

  it("accepts the session's token from the same origin", async () => {
    const res = await client.post(`/console/orders/${draftId}/publish`, {});
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/console/orders/${draftId}?done=published`);
    expect(await statusOf(draftId)).toBe("open");
  });

  it("protects the sign-in form too (login CSRF): no pre-session token, no sign-in", async () => {
    const fresh = consoleClient(t);
    const res = await fresh.post("/console/sign-in", {
      _csrf: "x",
      email: company.email,
      password: PASSWORD,
    });
    expect(res.status).toBe(403);
    expect(fresh.jar.has("ob_session")).toBe(false);
  });

  it("sign-out is a protected post as well", async () => {
    const res = await client.post("/console/sign-out", { _csrf: "forged" });
    expect(res.status).toBe(403);
    expect((await client.get("/console")).status).toBe(200);
  });

  it("sends a strict Content-Security-Policy and no-store on console pages", async () => {
    const res = await client.get("/console");
    const csp = res.headers.get("Content-Security-Policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(res.html).not.toMatch(/\sstyle="/);
  });
});
