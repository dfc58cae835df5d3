/** RFC 4180 CSV with a UTF-8 byte-order mark, so that Excel and WPS open Chinese names correctly. */

export type Cell = string | number | boolean | null | undefined;

const BOM = "\uFEFF";

/** One field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
function field(value: Cell): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV document: a header row, then one line per row, CRLF line ends, BOM first.
 * @example toCsv(["sector", "enrolled"], [["ai", 120]]) // "\uFEFFsector,enrolled\r\nai,120\r\n"
 */
export function toCsv(header: string[], rows: Cell[][]): string {
  const lines = [header, ...rows].map((r) => r.map(field).join(","));
  return `${BOM}${lines.join("\r\n")}\r\n`;
}
