import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/platform/auth";

/** Web Crypto's digest, which the Workers build uses: Node's fast path must give the same hex. */
async function webCryptoHex(text: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("sha256Hex", () => {
  it("equals Web Crypto's SHA-256 (UTF-8) for ASCII, Unicode and empty input", async () => {
    for (const text of ["obt_abc-_123", 'POST /v1/orders\n{"title":"焊工培训 🔧"}', ""]) {
      expect(await sha256Hex(text)).toBe(await webCryptoHex(text));
    }
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
