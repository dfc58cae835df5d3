/**
 * A small RFC 4180 reader for uploaded CSV files: comma-separated, fields optionally in double quotes (a quote inside
 * doubled, commas and line breaks allowed inside), CRLF or LF line ends, UTF-8 with or without a BOM.
 */

/** Why a file could not be read as CSV, and on which line (1-based) the problem starts. */
export type CsvProblem = { code: "not_utf8" } | { code: "unclosed_quote"; line: number };

/** A record of the file and the line (1-based) it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** UTF-8 text of the bytes without a BOM, or null when they are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    // `fatal` refuses invalid sequences; with ignoreBOM false the decoder drops a leading BOM itself.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The records of a CSV text, blank lines skipped; at most `maxRecords` are read (the caller reports a file with
 * more), so a huge file does not become a huge array.
 * @example parseCsv('name,phone\n"Li, Na",138\n', 10) // { records: [{line:1,…}, {line:2, cells:["Li, Na","138"]}] }
 */
export function parseCsv(
  text: string,
  maxRecords: number,
): { records: CsvRecord[]; more: boolean } | { problem: CsvProblem } {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const endRecord = () => {
    cells.push(cell);
    // A blank line is no record.
    if (touched || cells.length > 1 || cells[0] !== "") records.push({ line: start, cells });
    cells = [];
    cell = "";
    touched = false;
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === "") {
      quoted = true;
      touched = true;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
      if (records.length > maxRecords) return { records: records.slice(0, maxRecords), more: true };
    } else cell += ch;
  }
  if (quoted) return { problem: { code: "unclosed_quote", line: start } };
  if (cell !== "" || cells.length > 0 || touched) endRecord();
  if (records.length > maxRecords) return { records: records.slice(0, maxRecords), more: true };
  return { records, more: false };
}
