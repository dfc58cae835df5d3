import { describe, expect, it } from "vitest";
import { nativeHasher } from "../../src/platform/password-node";
import { parsePhc, portableHasher } from "../../src/platform/password";

// The portable hasher is pure JavaScript argon2id (~0.4 s per operation): keep the number of calls small.
const PASSWORD = "correct-horse-battery-密码";

describe("argon2id hashes are interchangeable between Node and Workers", () => {
  it("verifies a native hash with the portable hasher, and refuses a wrong password", async () => {
    const phc = await nativeHasher.hash(PASSWORD);
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(parsePhc(phc)).not.toBeNull();
    expect(await portableHasher.verify(phc, PASSWORD)).toBe(true);
    expect(await portableHasher.verify(phc, `${PASSWORD}!`)).toBe(false);
  });

  it("verifies a portable hash with the native hasher, and refuses a wrong password", async () => {
    const phc = await portableHasher.hash(PASSWORD);
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(await nativeHasher.verify(phc, PASSWORD)).toBe(true);
    expect(await nativeHasher.verify(phc, "wrong-password")).toBe(false);
  });

  it("salts each hash", async () => {
    expect(await nativeHasher.hash(PASSWORD)).not.toBe(await nativeHasher.hash(PASSWORD));
  });
});

describe("malformed stored hashes fail verification without throwing", () => {
  const malformed = [
    "",
    "not-a-hash",
    "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA",
    "$argon2id$v=19$m=19456,t=2,p=1$$",
    "$argon2id$v=19$m=19456,t=2,p=1$!!!$???",
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ",
  ];

  it.each(malformed)("portable: %j is false", async (phc) => {
    await expect(portableHasher.verify(phc, PASSWORD)).resolves.toBe(false);
  });

  it.each(malformed)("native: %j is false", async (phc) => {
    await expect(nativeHasher.verify(phc, PASSWORD)).resolves.toBe(false);
  });
});

describe("stored hashes with costs far above ours are refused without being computed", () => {
  // Only the time cost is raised here: a huge memory cost (m=99999999) gets the native process OOM-killed.
  const expensive =
    "$argon2id$v=19$m=19456,t=999,p=1$c29tZXNhbHRzb21lc2FsdA$3a0PhTqXdV2oOOOExl4kL1hRbwpOyLfXLTYmBaIRBBE";
  const hugeMemory =
    "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3a0PhTqXdV2oOOOExl4kL1hRbwpOyLfXLTYmBaIRBBE";

  it("portable: refuses t=999 and m=99999999 at once", async () => {
    const started = performance.now();
    expect(await portableHasher.verify(expensive, PASSWORD)).toBe(false);
    expect(await portableHasher.verify(hugeMemory, PASSWORD)).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it("native: refuses t=999 at once, like the portable hasher", async () => {
    const started = performance.now();
    expect(await nativeHasher.verify(expensive, PASSWORD)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
