/** Allocation sections of the matching benchmark: the 10k × 10k instances and the city-scale run, vs LEMON and HiGHS. */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import {
  type MatchCandidate,
  type MatchOrder,
  type ScoreContext,
  type TransportProblem,
  allocateOptimal,
  buildCohortIndex,
  solveTransport,
  topK,
} from "../src/matching";
import { transportProblem } from "../src/matching/allocate";
import { pairSet } from "../src/matching/pair-set";
import { median, now, python, round } from "./bench-kit";
import { writeDimacs, writeLpFiles, writeObjective } from "./instance-files";
import { largestPart } from "./largest-part";
import type { LemonResult } from "./lemon";
import { market } from "./synthetic";

/** Where files go, LEMON when it is available, and how many timed runs each median takes. */
export interface AllocationBench {
  dir: string;
  dumpDir: string | null;
  lemon: ((minFile: string, runs: number) => LemonResult | null) | null;
  runs: number;
}

/** Where an instance's `.min` goes: the dump directory when asked for, else the temporary one. */
const instancePath = (b: AllocationBench, name: string) => join(b.dumpDir ?? b.dir, name);

/** LEMON and HiGHS on the same instance, and whether they found OrderBridge's objective. */
function references(b: AllocationBench, name: string, problem: TransportProblem, objective: number) {
  writeDimacs(`${instancePath(b, name)}.min`, problem, `${name} (bench/matching.ts)`);
  if (b.dumpDir) writeObjective(`${instancePath(b, name)}.json`, name, objective);
  const prefix = join(b.dir, `${name}-lp-`);
  writeLpFiles(prefix, problem);
  return referencesFor(b, `${instancePath(b, name)}.min`, prefix, objective, b.runs);
}

function referencesFor(
  b: AllocationBench,
  minFile: string,
  lpPrefix: string,
  objective: number,
  lemonRuns: number,
) {
  const lem: LemonResult | null = b.lemon ? b.lemon(minFile, lemonRuns) : null;
  const ref = python(["lp", lpPrefix]);
  return {
    lemonMs: lem ? round(lem.ms, 1) : null,
    lemonObjective: lem ? -lem.cost : null,
    lemonAgree: lem ? lem.optimal && -lem.cost === objective : null,
    referenceMs: ref ? round(ref.ms, 1) : null,
    referenceObjective: ref ? ref.objective : null,
    agree: ref ? Math.abs(ref.objective - objective) <= 1e-6 * Math.max(1, objective) : null,
  };
}

/** The 10k × 10k allocation market and its top-50 candidate pairs (retrieved once for both instances). */
export function allocationMarket(): {
  context: ScoreContext;
  cohorts: MatchCandidate[];
  orders: MatchOrder[];
  pairs: { orderId: string; cohortId: string; score: number }[];
  retrievalMs: number;
  ordersWithoutEssential: number;
} {
  const m = market(2);
  const cohorts = Array.from({ length: 10_000 }, (_, i) => m.cohort(i));
  const orders = Array.from({ length: 10_000 }, (_, i) => m.order(i));
  const t = now();
  const idx = buildCohortIndex(cohorts, m.context);
  const pairs = orders.flatMap((o) =>
    topK(idx, o, 50).map((h) => ({ orderId: o.id, cohortId: h.id, score: h.score })),
  );
  const retrievalMs = now() - t;
  const ordersWithoutEssential = orders.filter((o) => !o.requiredSkills.some((s) => s.essential)).length;
  return { context: m.context, cohorts, orders, pairs, retrievalMs, ordersWithoutEssential };
}

export function benchAllocation(
  b: AllocationBench,
  mk: ReturnType<typeof allocationMarket>,
  allowSplit: boolean,
) {
  const { orders, cohorts, context, pairs } = mk;
  const allocs: number[] = [];
  let res = allocateOptimal({ orders, cohorts, context, pairs, allowSplit });
  for (let r = 0; r < b.runs; r++) {
    const t = now();
    res = allocateOptimal({ orders, cohorts, context, pairs, allowSplit });
    allocs.push(now() - t);
  }
  const { problem } = transportProblem(pairSet({ orders, cohorts, context, pairs }), allowSplit);
  const solves: number[] = [];
  let sol = solveTransport(problem);
  for (let r = 0; r < b.runs; r++) {
    const t = now();
    sol = solveTransport(problem);
    solves.push(now() - t);
  }
  const refs = references(b, `allocation-${allowSplit ? "split" : "whole"}`, problem, res.scaledObjective);
  const part = largestPart(problem);
  const partSolves: number[] = [];
  let partSol = solveTransport(part);
  for (let r = 0; r < b.runs; r++) {
    const t = now();
    partSol = solveTransport(part);
    partSolves.push(now() - t);
  }
  const partFile = join(b.dir, "largest-part.min");
  writeDimacs(partFile, part, "largest part");
  const partLemon = b.lemon ? b.lemon(partFile, b.runs) : null;
  return {
    allowSplit,
    cohorts: cohorts.length,
    orders: orders.length,
    ordersWithoutEssential: mk.ordersWithoutEssential,
    edges: problem.edgeFrom.length,
    components: sol.stats.components,
    largestComponent: sol.stats.largestComponent,
    pivots: sol.stats.pivots,
    retrievalMs: round(mk.retrievalMs, 1),
    ms: round(median(allocs), 1),
    solveMs: round(median(solves), 1),
    objective: res.scaledObjective,
    scoreObjective: round(res.objective, 6),
    ...refs,
    lemonRatio: refs.lemonMs ? round(median(solves) / refs.lemonMs, 2) : null,
    // Engine to engine: the largest part alone, which LEMON also gets on its own here.
    largestPartSolveMs: round(median(partSolves), 1),
    largestPartLemonMs: partLemon ? round(partLemon.ms, 1) : null,
    largestPartLemonAgree: partLemon ? partLemon.optimal && -partLemon.cost === partSol.profit : null,
    largestPartLemonRatio: partLemon ? round(median(partSolves) / partLemon.ms, 2) : null,
    assignments: res.assignments.length,
    underfilledOrders: res.underfilledOrders.length,
  };
}

/** Runs bench/city-scale.ts in a child process (its own peak RSS), then the references on its instance. */
export function benchCityScale(b: AllocationBench) {
  const minFile = `${instancePath(b, "city-scale-split")}.min`;
  const lpPrefix = join(b.dir, "city-scale-split-lp-");
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, join(import.meta.dirname, "city-scale.ts"), "--min", minFile, "--lp", lpPrefix],
    { encoding: "utf8", maxBuffer: 1 << 20, stdio: ["ignore", "pipe", "inherit"] },
  );
  const city = JSON.parse(out.trim().split("\n").pop() as string);
  if (b.dumpDir)
    writeObjective(`${instancePath(b, "city-scale-split")}.json`, "city-scale-split", city.objective);
  const refs = referencesFor(b, minFile, lpPrefix, city.objective, 3);
  // The allocation phase (flow network, simplex, assignments) against LEMON's build + solve.
  return { ...city, ...refs, lemonRatio: refs.lemonMs ? round(city.allocationMs / refs.lemonMs, 2) : null };
}
