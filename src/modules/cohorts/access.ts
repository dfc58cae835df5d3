/** Who sees which cohorts (and in which view), and who may change them. */
import { and, eq, isNull, or, type SQL } from "drizzle-orm";
import { cohorts } from "../../db/schema";
import { type Actor, isBureau } from "../../platform/actor";
import { AppError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import { notSuspended } from "../organizations/access";

export type CohortRow = typeof cohorts.$inferSelect;

/**
 * Every provider sees its own cohorts; the bureau sees open ones, and verified companies those of providers that
 * are not suspended.
 */
export function cohortVisibleTo(actor: Actor): SQL | undefined {
  const own = eq(cohorts.providerOrgId, actor.orgId);
  if (isBureau(actor)) return or(own, isNull(cohorts.contractId));
  if (actor.orgKind !== "company" || actor.orgStatus !== "verified") return own;
  return or(own, and(isNull(cohorts.contractId), notSuspended(cohorts.providerOrgId)));
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
