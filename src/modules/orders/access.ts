/** Who sees which orders, and who may act on them. */
import { and, eq, isNotNull, or, type SQL } from "drizzle-orm";
import { orders } from "../../db/schema";
import { type Actor, isBureau } from "../../platform/actor";
import { AppError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import { notSuspended } from "../organizations/access";

export type OrderRow = typeof orders.$inferSelect;

/**
 * Drafts only to their company; published orders to the bureau, and to verified organisations' users unless the
 * company is suspended.
 */
export function orderVisibleTo(actor: Actor): SQL {
  const own = eq(orders.companyOrgId, actor.orgId);
  if (isBureau(actor)) return isNotNull(orders.publishedAt);
  if (actor.orgStatus !== "verified") return own;
  return or(own, and(isNotNull(orders.publishedAt), notSuspended(orders.companyOrgId)))!;
}

/**
 * The order if the actor may see it, else 404.
 * @example const row = await findVisibleOrder(scope, "ord_…");
 */
export async function findVisibleOrder(
  { db, actor }: Pick<Scope, "db" | "actor">,
  id: string,
): Promise<OrderRow> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, id), orderVisibleTo(actor)));
  if (!row) throw new AppError("not_found", `Order ${id} does not exist`);
  return row;
}

/** 403 unless the actor belongs to the ordering company. */
export function requireOrderOwner(actor: Actor, row: OrderRow): void {
  if (actor.orgId !== row.companyOrgId)
    throw new AppError("forbidden", "Only the ordering company may do this");
}

/** The order if the actor's company placed it: 404 when invisible, 403 when someone else's. */
export async function findOwnOrder(scope: Pick<Scope, "db" | "actor">, id: string): Promise<OrderRow> {
  const row = await findVisibleOrder(scope, id);
  requireOrderOwner(scope.actor, row);
  return row;
}
