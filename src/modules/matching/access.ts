/** Who may see matches and allocations: the parties of the order or cohort, and the bureau. */
import { type Actor, isBureau } from "../../platform/actor";
import { AppError } from "../../platform/errors";
import type { CohortRow } from "../cohorts/access";
import type { OrderRow } from "../orders/access";

/** Matches of an order are for the ordering company and the bureau (403 for others who can see the order). */
export function requireOrderMatchesAccess(actor: Actor, order: OrderRow): void {
  if (!isBureau(actor) && actor.orgId !== order.companyOrgId) {
    throw new AppError("forbidden", "Matches of an order are for the ordering company and the bureau");
  }
}

/** Matches of a cohort are for its provider and the bureau. */
export function requireCohortMatchesAccess(actor: Actor, cohort: CohortRow): void {
  if (!isBureau(actor) && actor.orgId !== cohort.providerOrgId) {
    throw new AppError("forbidden", "Matches of a cohort are for its provider and the bureau");
  }
}
