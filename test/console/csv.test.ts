/** The console's CSV reader: quoting, line ends, blank lines, the record bound, the line each record starts on. */
import { describe, expect, it } from "vitest";
import { decodeUtf8, parseCsv } from "../../src/console/forms/csv";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, and numbers records by their first line", () => {
    const text = 'name,note\r\n"Li, Na","said ""hi"""\n"two\nlines",x\n\n last ,\n';
    expect(parseCsv(text, 10)).toEqual({
      records: [
        { line: 1, cells: ["name", "note"] },
        { line: 2, cells: ["Li, Na", 'said "hi"'] },
        { line: 3, cells: ["two\nlines", "x"] },
        { line: 6, cells: [" last ", ""] },
      ],
      more: false,
    });
  });

  it("reads a last record without a line end, skips a BOM, and says when there are more records than asked", () => {
    expect(parseCsv("\uFEFFa,b\nc,d", 10)).toEqual({
      records: [
        { line: 1, cells: ["a", "b"] },
        { line: 2, cells: ["c", "d"] },
      ],
      more: false,
    });
    const many = parseCsv("a\nb\nc\nd\n", 2);
    expect(many).toEqual({
      records: [
        { line: 1, cells: ["a"] },
        { line: 2, cells: ["b"] },
      ],
      more: true,
    });
  });

  it("reports an unclosed quote at the line its record starts", () => {
    expect(parseCsv('a\n"b\nc\n', 10)).toEqual({ problem: { code: "unclosed_quote", line: 2 } });
  });
});

describe("decodeUtf8", () => {
  it("drops a BOM and refuses bytes that are not UTF-8", () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe("a");
    expect(decodeUtf8(new Uint8Array([0xd5, 0xc5]))).toBeNull();
  });
});
