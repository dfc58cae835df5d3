/** Small helpers shared by the benchmark files: logging to stderr, timing, percentiles and the SciPy reference. */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export const log = (...a: unknown[]) => console.error(...a);
export const now = () => performance.now();
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
export const median = (xs: number[]) => pct(xs, 50);
export const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** Runs bench/reference.py (SciPy) and returns its JSON line, or null when SciPy is not available. */
export function python(args: string[]): Record<string, number> | null {
  try {
    const out = execFileSync("python3", [join(import.meta.dirname, "reference.py"), ...args], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    return JSON.parse(out.trim().split("\n").pop() as string);
  } catch (e) {
    log(`SciPy reference unavailable: ${(e as Error).message.split("\n")[0]}`);
    return null;
  }
}
