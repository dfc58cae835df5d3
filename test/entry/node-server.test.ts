/** The app behind a real Node socket: keep-alive after a 413, and the client IP the per-IP limits count by. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, MAX_BODY_BYTES } from "../../src/app";
import { nodeClientIp } from "../../src/entry/node-runtime";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";
import { listen } from "../server";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** The test context's app and database behind a socket, with 3 logins per IP per minute and TRUST_PROXY as given. */
async function server(trustProxy: boolean) {
  const config = { ...t.services.config, RATE_LIMIT_AUTH_PER_MINUTE: 3, TRUST_PROXY: trustProxy };
  const app = createApp({ ...t.appDeps, config, clientIp: nodeClientIp(config) });
  return listen(app);
}

describe("a keep-alive client and 413", () => {
  it("closes the connection with the 413, so the client's next request on keep-alive still succeeds", async () => {
    const s = await server(false);
    try {
      const body = JSON.stringify({ pad: "x".repeat(MAX_BODY_BYTES + 10) });
      for (let i = 0; i < 3; i++) {
        const tooLarge = await fetch(`${s.url}/v1/auth/register`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body,
        });
        expect(tooLarge.status).toBe(413);
        expect(tooLarge.headers.get("Connection")).toBe("close");
        expect(((await tooLarge.json()) as { code: string }).code).toBe("payload_too_large");
        const next = await fetch(`${s.url}/health`);
        expect(next.status).toBe(200);
        await next.text();
      }
    } finally {
      await s.close();
    }
  });
});

describe("the client IP on Node", () => {
  const login = (url: string, email: string, forwardedFor?: string) =>
    fetch(`${url}/v1/auth/login`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(forwardedFor ? { "X-Forwarded-For": forwardedFor } : {}),
      },
      body: JSON.stringify({ email, password: PASSWORD }),
    });

  it("is the socket's address: X-Forwarded-For cannot dodge the per-IP limit without TRUST_PROXY", async () => {
    const { email } = await t.org("company");
    const s = await server(false);
    try {
      for (let i = 0; i < 3; i++) expect((await login(s.url, email, `198.51.100.${i}`)).status).toBe(200);
      const limited = await login(s.url, email, "198.51.100.99");
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(((await limited.json()) as { code: string }).code).toBe("rate_limited");
    } finally {
      await s.close();
    }
  });

  it("with TRUST_PROXY=1 is the last X-Forwarded-For address, the one the proxy appended", async () => {
    const { email } = await t.org("company");
    const s = await server(true);
    try {
      // The client may claim any first address; the proxy's entry, last, is what counts.
      for (let i = 0; i < 3; i++)
        expect((await login(s.url, email, `10.0.0.${i}, 203.0.113.5`)).status).toBe(200);
      expect((await login(s.url, email, "10.0.0.9, 203.0.113.5")).status).toBe(429);
      expect((await login(s.url, email, "203.0.113.6")).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
