/** Who sees which cohorts (and in which view), and who may change them. */
import { and, eq, isNull, or, type SQL } from "drizzle-orm";
import { cohorts } from "../../db/schema";
import { type Actor, isBureau } from "../../platform/actor";
import { AppError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";

export type CohortRow = typeof cohorts.$inferSelect;

/** Buyers (verified companies) and the bureau see open cohorts; every provider sees only its own. */
const seesOpenCohorts = (actor: Actor) =>
  isBureau(actor) || (actor.orgKind === "company" && actor.orgStatus === "verified");

export function cohortVisibleTo(actor: Actor): SQL | undefined {
  const own = eq(cohorts.providerOrgId, actor.orgId);
  return seesOpenCohorts(actor) ? or(own, isNull(cohorts.contractId)) : own;
}

/** Whether the actor gets the owner's full view of a cohort (else the trainee-free summary). */
export const seesFullCohort = (actor: Actor, row: CohortRow) => row.providerOrgId === actor.orgId;

/** The cohort if the actor may see it, else 404. */
export async function findVisibleCohort(
  { db, actor }: Pick<Scope, "db" | "actor">,
  id: string,
): Promise<CohortRow> {
  const [row] = await db
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.id, id), cohortVisibleTo(actor)));
  if (!row) throw new AppError("not_found", `Cohort ${id} does not exist`);
  return row;
}

/** A visible cohort that the actor's organisation runs; 403 for anyone else who can see it. */
export async function findOwnCohort(
  scope: Pick<Scope, "db" | "actor">,
  id: string,
  action: string,
): Promise<CohortRow> {
  const row = await findVisibleCohort(scope, id);
  if (!seesFullCohort(scope.actor, row)) {
    throw new AppError("forbidden", `Only the provider that runs cohort ${id} may ${action} it`);
  }
  return row;
}
