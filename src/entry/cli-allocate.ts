/** `npm run cli -- allocate`: the same allocation job as POST /v1/matching/allocations, with a progress bar and a summary. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import type { Services } from "../platform/context";
import { scopeFor } from "../platform/scope";
import { organizations, users } from "../db/schema";
import { allocationRequestSchema } from "../modules/matching/schemas";
import type { AllocationProgress } from "../db/schema";
import { createAllocation, getAllocation } from "../modules/matching/allocations";
import { AllocationPool } from "./allocation-pool";
import type { Actor } from "../platform/actor";
import { systemClock } from "../platform/clock";

interface AllocateFlags {
  mode?: string;
  proposing?: string;
  split?: boolean;
  occupation?: string[];
  city?: string;
  as?: string;
}

/** The bureau user the run is recorded under: `--as EMAIL`, else the first bureau user. */
async function bureauActor(db: Database, email?: string): Promise<Actor> {
  const [row] = await db
    .select({ userId: users.id, orgId: users.orgId, role: users.role })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(
      and(
        eq(organizations.kind, "bureau"),
        email ? sql`lower(${users.email}) = ${email.toLowerCase()}` : undefined,
      ),
    )
    .orderBy(asc(users.createdAt))
    .limit(1);
  if (!row)
    throw new Error(
      email ? `${email} is not a bureau user` : "No bureau user exists: run create-bureau-user first",
    );
  return { ...row, orgKind: "bureau", orgStatus: "verified" };
}

/** One line of progress on stderr, redrawn in place on a terminal: `[ 12.3 s] solve  [#####     ] 52%`. */
function progressBar(started: number) {
  const tty = process.stderr.isTTY;
  let last = "";
  return {
    show(p: AllocationProgress) {
      const share = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
      const bar = "#".repeat(Math.round(share * 30)).padEnd(30);
      const line = `[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${p.phase.padEnd(9)} [${bar}] ${Math.floor(share * 100)}% (${p.done}/${p.total})`;
      // Without a terminal, print each phase's start and end only, not a redraw per report.
      if (tty) process.stderr.write(`\r${line}`);
      else if (p.done === 0 || p.done === p.total || !last.includes(p.phase))
        process.stderr.write(`${line}\n`);
      last = line;
    },
    end() {
      if (tty && last) process.stderr.write("\n");
    },
  };
}

/**
 * Queues an allocation job and runs it here, in a worker thread of this process, with a progress bar; the job is
 * stored as the API stores it (`GET /v1/matching/allocations/{id}`).
 */
export async function allocateFromCli(
  services: Omit<Services, "clock">,
  flags: AllocateFlags,
): Promise<void> {
  const parsed = allocationRequestSchema.safeParse({
    mode: flags.mode,
    ...(flags.proposing ? { proposing: flags.proposing } : {}),
    allowSplit: flags.split ?? false,
    ...(flags.occupation || flags.city
      ? { filter: { occupationCodes: flags.occupation, city: flags.city } }
      : {}),
  });
  if (!parsed.success)
    throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const actor = await bureauActor(services.db, flags.as);
  const started = performance.now();
  const bar = progressBar(started);
  const scope = scopeFor({ ...services, clock: systemClock }, actor);
  const job = await createAllocation(scope, { request: parsed.data });
  const pool = new AllocationPool({
    db: services.db,
    clock: systemClock,
    logger: services.logger,
    size: 1,
    databaseUrl: services.config.DATABASE_URL,
    onProgress: (_id, p) => bar.show(p),
  });
  await pool.runJob(job.id);
  bar.end();
  const result = await getAllocation(scope, { id: job.id });
  if (result.status !== "succeeded" || !result.assignments || !result.stats) {
    throw new Error(`Allocation ${job.id} ${result.status}: ${result.problem?.detail ?? "no result"}`);
  }
  const { assignments, stats } = result;
  const placed = assignments.reduce((n, a) => n + a.headcount, 0);
  const lines = [
    `Allocation ${result.id} (${result.mode}${result.proposing ? `, ${result.proposing} proposing` : ""}${result.allowSplit ? ", split allowed" : ""}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    `  orders ${stats.orders}, cohorts ${stats.cohorts}, candidate pairs ${stats.candidatePairs}, solved in ${stats.solveMs} ms`,
    `  assignments ${assignments.length}, trainees placed ${placed}, objective Σ score×headcount = ${(result.objective ?? 0).toFixed(4)}`,
    `  orders below headcountMin: ${result.underfilledOrders?.length ?? 0}`,
  ];
  if (result.blockingPairs != null)
    lines.push(`  blocking pairs: ${result.blockingPairs}${result.blockingPairs === 0 ? " (stable)" : ""}`);
  for (const a of assignments.slice(0, 10))
    lines.push(`    ${a.orderId} ← ${a.cohortId}  ${a.headcount} trainees, score ${a.score.toFixed(3)}`);
  if (assignments.length > 10)
    lines.push(`    … ${assignments.length - 10} more: GET /v1/matching/allocations/${result.id}`);
  console.log(lines.join("\n"));
}
