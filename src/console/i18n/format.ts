/**
 * How the console writes and reads values: money in yuan from integer fen (never a float on the way in), dates, and
 * instants in Beijing time (UTC+8, no daylight saving), the time zone of the bureau and of every demo organisation.
 */
/** Beijing is UTC+8 all year. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

const grouped = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** `¥15,000` (or `¥15,000.50`) from fen. */
export function formatFen(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const cents = Math.abs(fen % 100);
  return `¥${grouped(yuan)}${cents ? `.${String(cents).padStart(2, "0")}` : ""}`;
}

/** The yuan amount of a money input, as the input shows it (`15000.5`). */
export function fenToYuanInput(fen: number): string {
  const cents = fen % 100;
  return cents ? `${Math.trunc(fen / 100)}.${String(cents).padStart(2, "0")}` : String(fen / 100);
}

/** Integer fen from a yuan input (`15000`, `15000.5`, `15,000.50`), or null when it is not an amount. */
export function yuanInputToFen(input: string): number | null {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(input.trim().replaceAll(",", ""));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** `2026-04-10 18:00` in Beijing time, from an RFC 3339 instant. */
export function formatInstant(iso: string): string {
  return new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

/** The value of a `datetime-local` input (Beijing time) for an instant. */
export function instantToLocalInput(iso: string): string {
  return new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16);
}

/** The RFC 3339 instant of a `datetime-local` value read as Beijing time, or null when it is not one. */
export function localInputToInstant(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const at = new Date(`${value}:00+08:00`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** `82%` from a 0–1 fraction. */
export const formatPercent = (x: number) => `${Math.round(x * 100)}%`;

/** A 0–1 score as a number out of 100 (`82`), as the console shows scores. */
export const formatScore = (x: number) => String(Math.round(x * 100));
