/** The app behind a real Node socket: a keep-alive client after a 413. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../src/app";
import { createTestContext, type TestContext } from "../helpers";
import { listen } from "../server";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("a keep-alive client and 413", () => {
  it("closes the connection with the 413, so the client's next request on keep-alive still succeeds", async () => {
    const s = await listen(t.app);
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
