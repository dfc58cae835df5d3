/**
 * Matching benchmark: top-k retrieval, dense assignment, allocation flow (vs LEMON and SciPy's HiGHS), stable
 * matching, a city-scale end-to-end run, and the API on PostgreSQL (bench/matching-api.ts). `--json` prints one JSON object; `--dump DIR` keeps every allocation
 * instance as DIMACS `.min` with the objective OrderBridge found (see bench/instance-files.ts).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  blockingEntries,
  bruteForceTopK,
  buildCohortIndex,
  deferredAcceptance,
  type MatchOrder,
  type RankedMatch,
  solveAssignment,
  stableProblem,
  topK,
} from "../src/matching";
import { type CohortIndex, byScoreThenId } from "../src/matching/retrieval";
import { combineRest, newScratch, skillsFast } from "../src/matching/kernels";
import { prepareOrder } from "../src/matching/prepared";
import { type AllocationBench, allocationMarket, benchAllocation, benchCityScale } from "./allocation";
import { log, now, pct, python, round } from "./bench-kit";
import { lemonSolver } from "./lemon";
import { market, rng, zipf } from "./synthetic";

const json = process.argv.includes("--json");
const dir = mkdtempSync(join(tmpdir(), "ob-bench-"));
const dumpAt = process.argv.indexOf("--dump");
const dumpDir = dumpAt > 0 ? process.argv[dumpAt + 1] : null;
if (dumpDir) mkdirSync(dumpDir, { recursive: true });
// Timed runs per measurement, OrderBridge and LEMON alike; the median is reported.
const alloc: AllocationBench = { dir, dumpDir, lemon: lemonSolver(dir, log), runs: 5 };

/** Brute force without the index: the same fast arithmetic over every candidate, no pruning. */
function fullScan(idx: CohortIndex, order: MatchOrder, k: number): RankedMatch[] {
  const p = prepareOrder(order, idx.vocab, idx.context, false);
  const { head, store } = idx;
  const next = new Int32Array(p.entSkill.length);
  for (let e = p.entSkill.length - 1; e >= 0; e--) {
    next[e] = head[p.entSkill[e]];
    head[p.entSkill[e]] = e;
  }
  const sc = newScratch(p.nReq);
  const all: RankedMatch[] = [];
  for (let c = 0; c < store.n; c++) {
    if (store.occ[c] !== p.occ) continue;
    const sk = skillsFast(p, store, c, head, next, sc);
    if (sk < 0) continue;
    const s = combineRest(p, store, c, sk);
    if (s > 0) all.push({ id: store.candidates[c].id, score: s });
  }
  for (let e = 0; e < p.entSkill.length; e++) head[p.entSkill[e]] = -1;
  return all.sort(byScoreThenId).slice(0, k);
}

function benchTopK() {
  const m = market(1);
  const cohorts = Array.from({ length: 100_000 }, (_, i) => m.cohort(i));
  const orders = Array.from({ length: 1000 }, (_, i) => m.order(i));
  let t = now();
  const idx = buildCohortIndex(cohorts, m.context);
  const buildMs = now() - t;
  for (const o of orders.slice(0, 50)) topK(idx, o, 20);
  const times: number[] = [];
  const results: RankedMatch[][] = [];
  for (const o of orders) {
    t = now();
    results.push(topK(idx, o, 20));
    times.push(now() - t);
  }
  const scan: number[] = [];
  let same = 0;
  orders.forEach((o, i) => {
    t = now();
    const ref = fullScan(idx, o, 20);
    scan.push(now() - t);
    if (JSON.stringify(ref) === JSON.stringify(results[i])) same++;
  });
  // Scoring every pair with `score` is the definition of brute force; it is slow, so it runs on a sample.
  const sample = orders.slice(0, 50);
  const slow: number[] = [];
  sample.forEach((o, i) => {
    t = now();
    const ref = bruteForceTopK(o, cohorts, m.context, 20);
    slow.push(now() - t);
    if (JSON.stringify(ref) !== JSON.stringify(results[i])) same = Number.NaN;
  });
  return {
    cohorts: cohorts.length,
    queries: orders.length,
    k: 20,
    buildMs: round(buildMs, 1),
    p50Ms: round(pct(times, 50)),
    p99Ms: round(pct(times, 99)),
    bruteP50Ms: round(pct(slow, 50), 1),
    bruteQueries: sample.length,
    speedup: round(pct(slow, 50) / pct(times, 50), 1),
    typedScanP50Ms: round(pct(scan, 50)),
    typedScanSpeedup: round(pct(scan, 50) / pct(times, 50), 1),
    recall: same / orders.length,
    avgHits: round(results.reduce((s, r) => s + r.length, 0) / results.length, 1),
  };
}

function benchAssignment() {
  const n = 2000;
  const r = rng(7);
  const cost = Float64Array.from({ length: n * n }, () => r());
  const warm = Float64Array.from({ length: 300 * 300 }, () => r());
  solveAssignment(warm, 300, 300);
  const file = join(dir, "cost.bin");
  writeFileSync(file, new Uint8Array(cost.buffer));
  const t = now();
  const sol = solveAssignment(cost, n, n);
  const ms = now() - t;
  const ref = python(["lsap", file, String(n)]);
  return {
    n,
    ms: round(ms, 1),
    objective: sol.total,
    referenceMs: ref ? round(ref.ms, 1) : null,
    referenceObjective: ref ? ref.objective : null,
    ratio: ref ? round(ms / ref.ms, 2) : null,
  };
}

function benchStable() {
  const nP = 45_000;
  const nR = 6_400;
  const r = rng(3);
  const pop = zipf(nR, 0.8, r);
  const propLists: number[][] = [];
  const recvCand: [number, number][][] = Array.from({ length: nR }, () => []);
  for (let p = 0; p < nP; p++) {
    const set = new Set<number>();
    while (set.size < 12) set.add(pop());
    const list = [...set].map((x) => [x, r()] as [number, number]).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    propLists.push(list.map((x) => x[0]));
    for (const [x] of list) recvCand[x].push([p, r()]);
  }
  const recvLists = recvCand.map((l) => l.sort((a, b) => b[1] - a[1] || a[0] - b[0]).map((x) => x[0]));
  const capP = new Int32Array(nP).fill(1);
  const capR = Int32Array.from({ length: nR }, () => 5 + Math.floor(r() * 5));
  const t = now();
  const sp = stableProblem(propLists, recvLists, capP, capR);
  const matched = deferredAcceptance(sp);
  const ms = now() - t;
  let pairs = 0;
  for (const x of matched) pairs += x;
  return {
    proposers: nP,
    receivers: nR,
    listLength: 12,
    ms: round(ms, 1),
    matched: pairs,
    blockingPairs: blockingEntries(sp, matched).length,
  };
}

const started = now();
log("top-k …");
const topk = benchTopK();
log("assignment …");
const assignment = benchAssignment();
log("allocation market …");
const allocMarket = allocationMarket();
log("allocation …");
const allocation = benchAllocation(alloc, allocMarket, true);
log("allocation without split …");
const allocationNoSplit = benchAllocation(alloc, allocMarket, false);
log("stable …");
const stable = benchStable();
log("city scale (child process) …");
const cityScale = benchCityScale(alloc);
log("api on PostgreSQL (child process) …");
const api = benchApi();
rmSync(dir, { recursive: true, force: true });
const memoryMb = round(process.resourceUsage().maxRSS / 1024, 1);
const report = {
  topk,
  assignment,
  allocation,
  allocationNoSplit,
  stable,
  cityScale,
  api,
  memoryMb,
  totalSeconds: round((now() - started) / 1000, 1),
};
if (json) {
  console.log(JSON.stringify(report));
} else {
  for (const [name, v] of Object.entries(report)) {
    if (typeof v !== "object") console.log(`${name}: ${v}`);
    else console.table({ [name]: v });
  }
}

/**
 * bench/matching-api.ts in its own process (its own event loop and pool): the app on PostgreSQL, null without one
 * (`BENCH_DATABASE_URL`, default the local server).
 */
function benchApi(): Record<string, unknown> | null {
  try {
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, join(import.meta.dirname, "matching-api.ts")],
      {
        encoding: "utf8",
        maxBuffer: 1 << 20,
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    return JSON.parse(out.trim().split("\n").pop() as string);
  } catch (err) {
    log(`api: skipped (${(err as Error).message.split("\n")[0]})`);
    return null;
  }
}
