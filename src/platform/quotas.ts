/** Per-organisation quotas: how many open orders, active programs, open cohorts and live bids one organisation holds. */
import { count, eq, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Config } from "../config";
import { organizations } from "../db/schema";
import { AppError } from "./errors";
import type { Scope } from "./scope";

/** Each quota, the configuration variable that sets it, and what it counts (in the 409's words). */
export const QUOTAS = {
  openOrders: { variable: "QUOTA_OPEN_ORDERS", counts: "orders in draft, open or evaluation" },
  activePrograms: { variable: "QUOTA_ACTIVE_PROGRAMS", counts: "active programs" },
  openCohorts: { variable: "QUOTA_OPEN_COHORTS", counts: "planned cohorts not yet under contract" },
  liveBids: { variable: "QUOTA_LIVE_BIDS", counts: "bids in draft or submitted" },
} as const satisfies Record<string, { variable: keyof Config; counts: string }>;

export type QuotaName = keyof typeof QUOTAS;

/** The rows a quota counts: the table and the condition naming the organisation's live ones. */
export interface Counted {
  table: PgTable;
  where: SQL | undefined;
}

/**
 * Refuses with 409 `quota_exceeded` when the actor's organisation already holds its quota of `quota`. Call it inside
 * the creating transaction (`scope.db` is the transaction): it locks the organisation's row, so concurrent creations
 * count one after another and the quota holds exactly.
 * @example await db.transaction(async (tx) => {
 *   await checkQuota({ ...scope, db: tx }, "liveBids", { table: bids, where: liveBidsOf(actor.orgId) });
 *   // … insert the bid …
 * });
 */
export async function checkQuota(scope: Scope, quota: QuotaName, counted: Counted): Promise<void> {
  const { db, actor, config } = scope;
  const { variable, counts } = QUOTAS[quota];
  const limit = config[variable];
  await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId))
    .for("no key update");
  const [{ n }] = await db.select({ n: count() }).from(counted.table).where(counted.where);
  if (n >= limit) {
    throw new AppError(
      "quota_exceeded",
      `Your organisation holds ${n} ${counts}, its quota (${quota}, ${variable}=${limit}); close some before creating more`,
      { quota: { name: quota, limit } },
    );
  }
}
