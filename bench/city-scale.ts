/**
 * The `cityScale` section of bench/matching.ts, run in its own process so its peak RSS is its own: 100,000 open
 * cohorts × 10,000 orders, top-50 retrieval then split allocation, end to end. Prints one JSON line; with
 * `--min FILE --lp PREFIX` it also writes the flow problem (DIMACS and SciPy's LP files) for the reference solvers.
 */
import { readFileSync } from "node:fs";
import { allocatePairSet, transportProblem } from "../src/matching/allocate";
import { pairSet } from "../src/matching/pair-set";
import { writeDimacs, writeLpFiles } from "./instance-files";
import { market } from "./synthetic";

const COHORTS = 100_000;
const ORDERS = 10_000;
const K = 50;

/** Peak resident set size in MiB: the kernel's high-water mark where there is one, else Node's maxRSS. */
function peakRssMb(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {}
  return process.resourceUsage().maxRSS / 1024;
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : null;
};
const m = market(4);
let t = performance.now();
const cohorts = Array.from({ length: COHORTS }, (_, i) => m.cohort(i));
const orders = Array.from({ length: ORDERS }, (_, i) => m.order(i));
const generateMs = performance.now() - t;

t = performance.now();
const ps = pairSet({ orders, cohorts, context: m.context, k: K });
const retrievalMs = performance.now() - t;
t = performance.now();
const result = allocatePairSet(ps, true);
const allocationMs = performance.now() - t;
const rss = peakRssMb();

const minFile = arg("--min");
const lpPrefix = arg("--lp");
if (minFile || lpPrefix) {
  const { problem } = transportProblem(ps, true);
  if (minFile) writeDimacs(minFile, problem, "city-scale-split (bench/city-scale.ts)");
  if (lpPrefix) writeLpFiles(lpPrefix, problem);
}
const totalMs = retrievalMs + allocationMs;
console.log(
  JSON.stringify({
    cohorts: COHORTS,
    orders: ORDERS,
    ordersWithoutEssential: orders.filter((o) => !o.requiredSkills.some((s) => s.essential)).length,
    k: K,
    allowSplit: true,
    pairs: result.stats.pairs,
    generateMs: round(generateMs),
    retrievalMs: round(retrievalMs),
    allocationMs: round(allocationMs),
    totalMs: round(totalMs),
    peakRssMb: round(rss),
    objective: result.scaledObjective,
    pivots: result.stats.pivots,
    assignments: result.assignments.length,
    withinTargets: totalMs < 30_000 && rss < 2048,
  }),
);
