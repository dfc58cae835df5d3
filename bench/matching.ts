/** Matching benchmark: top-k retrieval, dense assignment, allocation flow and stable matching vs SciPy. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  allocateOptimal,
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
import { transportProblem } from "../src/matching/allocate";
import { pairSet } from "../src/matching/pair-set";
import { type CohortIndex, byScoreThenId } from "../src/matching/retrieval";
import { combineRest, newScratch, skillsFast } from "../src/matching/kernels";
import { prepareOrder } from "../src/matching/prepared";
import { market, rng, zipf } from "./synthetic";

const json = process.argv.includes("--json");
const log = (...a: unknown[]) => console.error(...a);
const now = () => performance.now();
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const dir = mkdtempSync(join(tmpdir(), "ob-bench-"));

function python(args: string[]): Record<string, number> | null {
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

function benchAllocation(allowSplit: boolean) {
  const m = market(2);
  const cohorts = Array.from({ length: 10_000 }, (_, i) => m.cohort(i));
  const orders = Array.from({ length: 10_000 }, (_, i) => m.order(i));
  let t = now();
  const idx = buildCohortIndex(cohorts, m.context);
  const pairs = orders.flatMap((o) =>
    topK(idx, o, 50).map((h) => ({ orderId: o.id, cohortId: h.id, score: h.score })),
  );
  const retrievalMs = now() - t;
  t = now();
  const res = allocateOptimal({ orders, cohorts, context: m.context, pairs, allowSplit });
  const ms = now() - t;
  const { problem } = transportProblem(pairSet({ orders, cohorts, context: m.context, pairs }), allowSplit);
  const prefix = join(dir, "lp-");
  const bin = (name: string, a: Int32Array | Float64Array) =>
    writeFileSync(prefix + name, new Uint8Array(a.buffer));
  bin("from.bin", problem.edgeFrom);
  bin("to.bin", problem.edgeTo);
  bin("profit.bin", problem.edgeProfit);
  bin("cap.bin", problem.edgeCap);
  bin("supply.bin", Float64Array.from(problem.supply));
  bin("capacity.bin", Float64Array.from(problem.capacity));
  writeFileSync(`${prefix}meta.json`, JSON.stringify({ nLeft: problem.nLeft, nRight: problem.nRight }));
  const ref = python(["lp", prefix]);
  return {
    allowSplit,
    cohorts: cohorts.length,
    orders: orders.length,
    edges: problem.edgeFrom.length,
    retrievalMs: round(retrievalMs, 1),
    ms: round(ms, 1),
    objective: res.scaledObjective,
    scoreObjective: round(res.objective, 6),
    referenceMs: ref ? round(ref.ms, 1) : null,
    referenceObjective: ref ? ref.objective : null,
    agree: ref
      ? Math.abs(ref.objective - res.scaledObjective) <= 1e-6 * Math.max(1, res.scaledObjective)
      : null,
    assignments: res.assignments.length,
    underfilledOrders: res.underfilledOrders.length,
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
log("allocation …");
const allocation = benchAllocation(true);
log("allocation without split …");
const allocationNoSplit = benchAllocation(false);
log("stable …");
const stable = benchStable();
rmSync(dir, { recursive: true, force: true });
const memoryMb = round(process.resourceUsage().maxRSS / 1024, 1);
const report = {
  topk,
  assignment,
  allocation,
  allocationNoSplit,
  stable,
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
