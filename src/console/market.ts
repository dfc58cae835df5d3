/** Open orders ranked for a provider's cohorts, from the cohort-matches service: each order's best pair. */
import { listCohorts } from "../modules/cohorts/service";
import type { Cohort } from "../modules/cohorts/schemas";
import { matchesForCohort } from "../modules/matching/service";
import type { Scope } from "../platform/scope";

type CohortMatch = Awaited<ReturnType<typeof matchesForCohort>>["data"][number];

/** An order with the provider's best-fitting cohort for it. */
export interface RankedOrder extends CohortMatch {
  cohortId: string;
  cohortName: string;
}

/** The provider's cohorts still offered for matching (no contract yet, not graduated). */
export async function offeredCohorts(scope: Scope): Promise<Cohort[]> {
  const page = await listCohorts(scope, { limit: 100 });
  return (page.data as Cohort[]).filter((c) => c.contractId === null && c.status !== "graduated");
}

/**
 * Open orders ranked by their best score over the given cohorts (ties by order id), each with that cohort.
 * @example const ranked = await rankedOrders(scope, await offeredCohorts(scope), 20);
 */
export async function rankedOrders(scope: Scope, cohorts: Cohort[], limit: number): Promise<RankedOrder[]> {
  const results = await Promise.all(cohorts.map((c) => matchesForCohort(scope, { id: c.id, limit })));
  const best = new Map<string, RankedOrder>();
  results.forEach((result, i) => {
    for (const match of result.data) {
      const seen = best.get(match.order.id);
      if (!seen || match.score > seen.score)
        best.set(match.order.id, { ...match, cohortId: cohorts[i].id, cohortName: cohorts[i].name });
    }
  });
  return [...best.values()]
    .sort((a, b) => b.score - a.score || (a.order.id < b.order.id ? -1 : 1))
    .slice(0, limit);
}
