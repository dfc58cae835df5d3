/** Matching over the marketplace: ranked, explained matches for an order or a cohort (allocations: allocations.ts). */
import { cohorts, orders } from "../../db/schema";
import {
  type MatchCandidate,
  type MatchOrder,
  resolveWeights,
  type ScoreContext,
  score,
  topK,
  topOrdersForCohort,
} from "../../matching";
import { selectByIds } from "../../platform/prepared";
import type { Scope } from "../../platform/scope";
import { findVisibleCohort } from "../cohorts/access";
import { toCohortSummary } from "../cohorts/schemas";
import { cohortProfiles } from "../cohorts/service";
import { findVisibleOrder } from "../orders/access";
import { requireCohortMatchesAccess, requireOrderMatchesAccess } from "./access";
import { attachOrderSkills } from "./load";
import { MatchIndex } from "./match-index";

const fallbackIndex = new MatchIndex();
const indexOf = (scope: Scope) => scope.matchIndex ?? fallbackIndex;

/**
 * The scoring context and these providers' track records, current as of this call (see `MatchIndex.scoringFor`).
 * @example const { context, records } = await scoringFor(scope, ["org_…"]);
 */
export const scoringFor = (scope: Scope, providerIds: string[]) =>
  indexOf(scope).scoringFor(scope.db, providerIds);

const explain = (order: MatchOrder, candidate: MatchCandidate, context: ScoreContext) => {
  const { score: value, eligible, reason, reasonEvidence, factors } = score(order, candidate, context);
  return { score: value, eligible, ...(reason ? { reason, reasonEvidence } : {}), factors };
};

/** The best open cohorts for an order, each with its explanation. For the ordering company and the bureau. */
export async function matchesForOrder(scope: Scope, input: { id: string; limit: number }) {
  const { db, actor } = scope;
  const { id: orderId, limit } = input;
  const row = await findVisibleOrder(scope, orderId);
  requireOrderMatchesAccess(actor, row);
  // The occupation's open cohorts come from memory; only the k results are read from the database.
  const matchIndex = indexOf(scope);
  const { context, index, byId, watermark } = await matchIndex.cohortsOf(db, row.occupationCode);
  // The same list for every reader of this watermark and this version of the order: a write to the order, its
  // skills, a cohort, its skills, a program's price or mode, an organisation or the taxonomy moves one or the other.
  const key = `order:${orderId}:${row.version}:${row.updatedAt.getTime()}:${limit}`;
  const remembered = matchIndex.recall<OrderMatches>(watermark, key);
  if (remembered) return remembered;
  const [order] = await attachOrderSkills(db, [row]);
  const hits = topK(index, order, limit);
  const ids = hits.map((h) => h.id);
  const [rows, skillsById] = await Promise.all([selectByIds(db, cohorts, ids), cohortProfiles(db, ids)]);
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const matches = {
    orderId,
    weights: resolveWeights(order.matchWeights),
    data: ids.map((id) => ({
      cohort: toCohortSummary(rowById.get(id)!, skillsById.get(id) ?? []),
      ...explain(order, byId.get(id)!, context),
    })),
  };
  matchIndex.remember(watermark, key, matches);
  return matches;
}

/** The JSON of answers, by the answer: a remembered match list is the same object each time, serialised once. */
const json = new WeakMap<object, string>();

/**
 * `JSON.stringify(answer)`, computed once per answer object (a fifth of a repeated match list's CPU). Answers are
 * never changed after they are returned; the entry goes with the answer.
 * @example return c.body(serialized(matches), 200, { "Content-Type": "application/json" });
 */
export function serialized(answer: object): string {
  let text = json.get(answer);
  if (text === undefined) {
    text = JSON.stringify(answer);
    json.set(answer, text);
  }
  return text;
}

type OrderMatches = {
  orderId: string;
  weights: ReturnType<typeof resolveWeights>;
  data: ({ cohort: ReturnType<typeof toCohortSummary> } & ReturnType<typeof explain>)[];
};

/** The best open orders for a cohort, each with its explanation. For the cohort's provider and the bureau. */
export async function matchesForCohort(scope: Scope, input: { id: string; limit: number }) {
  const { db, actor, now } = scope;
  const { id: cohortId, limit } = input;
  const row = await findVisibleCohort(scope, cohortId);
  requireCohortMatchesAccess(actor, row);
  const cohort = (await indexOf(scope).cohortsOf(db, row.occupationCode)).byId.get(cohortId);
  // A cohort under contract is no longer offered, so it has no matches.
  if (!cohort) return { cohortId, data: [] };
  const { context, index, byId: orderById } = await indexOf(scope).ordersOf(db, row.occupationCode, now);
  const hits = topOrdersForCohort(index, cohort, limit);
  const ids = hits.map((h) => h.id);
  const rows = await selectByIds(db, orders, ids);
  const rowById = new Map(rows.map((r) => [r.id, r]));
  return {
    cohortId,
    data: ids.map((id) => {
      const r = rowById.get(id)!;
      const order = orderById.get(id)!;
      return {
        order: {
          id: r.id,
          title: r.title,
          companyOrgId: r.companyOrgId,
          occupationCode: r.occupationCode,
          headcountMin: r.headcountMin,
          headcountMax: r.headcountMax,
          city: r.city,
          district: r.district,
          deliverBy: r.deliverBy,
          bidDeadline: r.bidDeadline.toISOString(),
          budgetPerTraineeFen: r.budgetPerTraineeFen,
        },
        weights: resolveWeights(order.matchWeights),
        ...explain(order, cohort, context),
      };
    }),
  };
}
