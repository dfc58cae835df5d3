/** LEMON reference for the allocation benchmark: compiles bench/lemon_mcf.cpp once and solves `.min` files. */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** LEMON's result on one instance: median and fastest time of `runs` build+solve runs, and the minimum cost. */
export interface LemonResult {
  ms: number;
  minMs: number;
  runs: number;
  cost: number;
  optimal: boolean;
}

/** Where Debian's liblemon-dev puts the header the reference needs. */
const HEADER = "/usr/include/lemon/network_simplex.h";

/**
 * Compiles the reference into `dir` with `g++ -O2 … -llemon`; returns a solver, or null (with the reason logged)
 * when g++ or LEMON is missing. The reference times only LEMON's graph build and NetworkSimplex run, not parsing.
 */
export function lemonSolver(
  dir: string,
  log: (...a: unknown[]) => void,
): ((minFile: string, runs: number) => LemonResult | null) | null {
  if (!existsSync(HEADER)) {
    log(`LEMON reference unavailable: ${HEADER} not found (apt-get install liblemon-dev)`);
    return null;
  }
  const exe = join(dir, "lemon_mcf");
  try {
    execFileSync(
      "g++",
      ["-O2", "-std=c++17", "-o", exe, join(import.meta.dirname, "lemon_mcf.cpp"), "-llemon"],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
  } catch (e) {
    log(`LEMON reference unavailable: ${(e as Error).message.split("\n")[0]}`);
    return null;
  }
  return (minFile, runs) => {
    try {
      const out = execFileSync(exe, [minFile, String(runs)], { encoding: "utf8" });
      return JSON.parse(out.trim()) as LemonResult;
    } catch (e) {
      log(`LEMON reference failed: ${(e as Error).message.split("\n")[0]}`);
      return null;
    }
  };
}
