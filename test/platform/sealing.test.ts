/** AES-256-GCM sealing: round trips, binding to its context, tamper detection, key rotation. */
import { describe, expect, it } from "vitest";
import { generateSealingKey, isSealingKey, sealerFor } from "../../src/platform/sealing";

const secret = { pricePerTraineeFen: 1_234_567, proposal: "Jetson rigs on the night shift" };

describe("sealing", () => {
  it("seals into ciphertext that differs every time and opens back to the value", async () => {
    const sealer = await sealerFor({ current: generateSealingKey() });
    const one = await sealer.seal(secret, "bid:bid_a");
    const two = await sealer.seal(secret, "bid:bid_a");
    expect(one.ciphertext).not.toBe(two.ciphertext);
    expect(one.keyId).toBe(sealer.keyId);
    expect(atob(one.ciphertext)).not.toContain("Jetson");
    expect(await sealer.open(one, "bid:bid_a")).toEqual(secret);
  });

  it("refuses to open under another context or after any change to the ciphertext", async () => {
    const sealer = await sealerFor({ current: generateSealingKey() });
    const sealed = await sealer.seal(secret, "bid:bid_a");
    await expect(sealer.open(sealed, "bid:bid_b")).rejects.toThrow();
    const bytes = atob(sealed.ciphertext);
    const flipped = bytes.slice(0, 20) + String.fromCharCode(bytes.charCodeAt(20) ^ 1) + bytes.slice(21);
    await expect(sealer.open({ ...sealed, ciphertext: btoa(flipped) }, "bid:bid_a")).rejects.toThrow();
  });

  it("rotates: a previous key still opens what it sealed, new seals use the current key", async () => {
    const [oldKey, newKey] = [generateSealingKey(), generateSealingKey()];
    const before = await (await sealerFor({ current: oldKey })).seal(secret, "ctx");
    const rotated = await sealerFor({ current: newKey, previous: [oldKey] });
    expect(rotated.keyId).not.toBe(before.keyId);
    expect(await rotated.open(before, "ctx")).toEqual(secret);
    expect((await rotated.seal(secret, "ctx")).keyId).toBe(rotated.keyId);
    const forgotten = await sealerFor({ current: newKey });
    await expect(forgotten.open(before, "ctx")).rejects.toThrow(new RegExp(before.keyId));
  });

  it("accepts only 32-byte base64 keys", () => {
    expect(isSealingKey(generateSealingKey())).toBe(true);
    expect(isSealingKey(btoa("too short"))).toBe(false);
    expect(isSealingKey("not base64!")).toBe(false);
  });
});
