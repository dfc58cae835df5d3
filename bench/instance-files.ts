/** Files for checking an allocation elsewhere: DIMACS min-cost flow (`.min`), its objective, and SciPy's LP input. */
import { writeFileSync } from "node:fs";
import type { TransportProblem } from "../src/matching";

/**
 * Writes a transportation problem as a DIMACS min-cost-flow file. The mapping is the network `solveTransport`
 * solves (which leaves the unassigned arcs uncapacitated: the supply bounds them anyway):
 * - nodes 1..L are the cohorts (left, `n i supply`), L+1..L+R the orders (right, supply 0), and L+R+1 the sink T
 *   with supply −Σ supply, so the file is a balanced equality problem;
 * - one arc per candidate pair, cohort → order, capacity `edgeCap` (trainees when split, 1 when whole) and cost
 *   −`edgeProfit` (max profit becomes min cost);
 * - a "leave unassigned" arc cohort → T, capacity = the cohort's supply, cost 0;
 * - an arc order → T, capacity = the order's capacity (headcountMax when split, 1 when whole), cost 0.
 * So the minimum cost of the file is −(the maximum profit), the `scaledObjective` OrderBridge reports.
 */
export function writeDimacs(path: string, pr: TransportProblem, comment: string): void {
  const L = pr.nLeft;
  const R = pr.nRight;
  const T = L + R + 1;
  const m = pr.edgeFrom.length;
  let total = 0;
  for (let i = 0; i < L; i++) total += pr.supply[i];
  const lines: string[] = [
    `c ${comment}`,
    "c nodes 1..L cohorts, L+1..L+R orders, L+R+1 sink; cost = -profit; see bench/instance-files.ts",
    `p min ${T} ${m + L + R}`,
  ];
  for (let i = 0; i < L; i++) if (pr.supply[i] !== 0) lines.push(`n ${i + 1} ${pr.supply[i]}`);
  lines.push(`n ${T} ${-total}`);
  for (let e = 0; e < m; e++) {
    lines.push(`a ${pr.edgeFrom[e] + 1} ${L + pr.edgeTo[e] + 1} 0 ${pr.edgeCap[e]} ${-pr.edgeProfit[e]}`);
  }
  for (let i = 0; i < L; i++) lines.push(`a ${i + 1} ${T} 0 ${pr.supply[i]} 0`);
  for (let j = 0; j < R; j++) lines.push(`a ${L + j + 1} ${T} 0 ${pr.capacity[j]} 0`);
  lines.push("");
  writeFileSync(path, lines.join("\n"));
}

/** The objective OrderBridge found, beside the `.min` file: max profit and the min cost the file should give. */
export function writeObjective(path: string, problemName: string, maxProfit: number): void {
  const note =
    "the .min file's minimum cost is -maxProfit (cost = -profit per unit); see bench/instance-files.ts";
  writeFileSync(
    path,
    `${JSON.stringify({ instance: problemName, maxProfit, minCost: -maxProfit, note }, null, 2)}\n`,
  );
}

/** The bipartite LP as raw arrays for bench/reference.py (`lp` mode): prefix + from/to/profit/cap/supply/capacity. */
export function writeLpFiles(prefix: string, pr: TransportProblem): void {
  const bin = (name: string, a: Int32Array | Float64Array) =>
    writeFileSync(prefix + name, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  bin("from.bin", pr.edgeFrom);
  bin("to.bin", pr.edgeTo);
  bin("profit.bin", pr.edgeProfit);
  bin("cap.bin", pr.edgeCap);
  bin("supply.bin", Float64Array.from(pr.supply));
  bin("capacity.bin", Float64Array.from(pr.capacity));
  writeFileSync(`${prefix}meta.json`, JSON.stringify({ nLeft: pr.nLeft, nRight: pr.nRight }));
}
