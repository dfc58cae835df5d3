/** `npm run cli -- allocate`: the same allocation as POST /v1/matching/allocations, with progress and a summary. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import type { Services } from "../platform/context";
import { scopeFor } from "../platform/scope";
import { organizations, users } from "../db/schema";
import { allocationRequestSchema } from "../modules/matching/schemas";
import { runAllocation } from "../modules/matching/service";
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
  const progress = (stage: string) =>
    process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${stage}…\n`);
  const scope = scopeFor({ ...services, clock: systemClock }, actor);
  const result = await runAllocation(scope, { request: parsed.data, onProgress: progress });
  progress("done");
  const placed = result.assignments.reduce((n, a) => n + a.headcount, 0);
  const lines = [
    `Allocation ${result.id} (${result.mode}${result.proposing ? `, ${result.proposing} proposing` : ""}${result.allowSplit ? ", split allowed" : ""})`,
    `  orders ${result.stats.orders}, cohorts ${result.stats.cohorts}, candidate pairs ${result.stats.candidatePairs}, solved in ${result.stats.solveMs} ms`,
    `  assignments ${result.assignments.length}, trainees placed ${placed}, objective Σ score×headcount = ${result.objective.toFixed(4)}`,
    `  orders below headcountMin: ${result.underfilledOrders.length}`,
  ];
  if (result.blockingPairs !== null)
    lines.push(`  blocking pairs: ${result.blockingPairs}${result.blockingPairs === 0 ? " (stable)" : ""}`);
  for (const a of result.assignments.slice(0, 10))
    lines.push(`    ${a.orderId} ← ${a.cohortId}  ${a.headcount} trainees, score ${a.score.toFixed(3)}`);
  if (result.assignments.length > 10)
    lines.push(`    … ${result.assignments.length - 10} more: GET /v1/matching/allocations/${result.id}`);
  console.log(lines.join("\n"));
}
