import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidUscc, usccCheckCharacter } from "../../src/modules/organizations/uscc";

const CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

describe("Unified Social Credit Code (GB 32100-2015)", () => {
  it.each(["91350100M000100Y43", "91330100799655058B", "91110108551385082Q"])(
    "accepts the design's example %s",
    (code) => {
      expect(isValidUscc(code)).toBe(true);
    },
  );

  it("refuses a wrong check character", () => {
    expect(isValidUscc("91350100M000100Y44")).toBe(false);
  });

  it.each([
    ["too short", "91350100M000100Y4"],
    ["too long", "91350100M000100Y433"],
    ["lower case", "91330100799655058b"],
    ["a letter the standard excludes (I)", "91350100I000100Y43"],
    ["a letter the standard excludes (O)", "9135010OM000100Y43"],
    ["whitespace", " 91350100M000100Y43"],
    ["empty", ""],
  ])("refuses %s", (_why, code) => {
    expect(isValidUscc(code)).toBe(false);
  });

  it("computes the check character of the examples and refuses foreign characters", () => {
    expect(usccCheckCharacter("91350100M000100Y4")).toBe("3");
    expect(usccCheckCharacter("91330100799655058")).toBe("B");
    expect(usccCheckCharacter("9135010OM000100Y4")).toBeNull();
  });

  it("accepts exactly one check character for any 17-character prefix", () => {
    const prefix = fc
      .array(fc.constantFrom(...CHARS), { minLength: 17, maxLength: 17 })
      .map((cs) => cs.join(""));
    fc.assert(
      fc.property(prefix, (first17) => {
        const valid = [...CHARS].filter((ch) => isValidUscc(first17 + ch));
        expect(valid).toEqual([usccCheckCharacter(first17)]);
      }),
      { numRuns: 200 },
    );
  });
});
