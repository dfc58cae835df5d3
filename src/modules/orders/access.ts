/** Who sees which orders, and who may act on them. */
import { and, eq, isNotNull, or, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
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
  return visibleTo(viewerOf(actor), actor.orgId);
}

/** The three shapes the visibility rule takes, by who asks. */
export type Viewer = "bureau" | "unverified" | "verified";
export const viewerOf = (actor: Actor): Viewer =>
  isBureau(actor) ? "bureau" : actor.orgStatus !== "verified" ? "unverified" : "verified";

export function visibleTo(viewer: Viewer, orgId: string | Placeholder): SQL {
  const own = eq(orders.companyOrgId, orgId);
  if (viewer === "bureau") return isNotNull(orders.publishedAt);
  if (viewer === "unverified") return own;
  return or(own, and(isNotNull(orders.publishedAt), notSuspended(orders.companyOrgId)))!;
}

/** One order by id for each viewer shape, built and prepared once per database (every order read runs it). */
const prepareFind = (db: Database, viewer: Viewer) =>
  db
    .select()
    .from(orders)
    .where(and(eq(orders.id, sql.placeholder("id")), visibleTo(viewer, sql.placeholder("orgId"))))
    .prepare(`order_visible_${viewer}`);
const preparedFinds = new WeakMap<Database, Map<Viewer, ReturnType<typeof prepareFind>>>();

/**
 * The order if the actor may see it, else 404.
 * @example const row = await findVisibleOrder(scope, "ord_…");
 */
export async function findVisibleOrder(
  { db, actor }: Pick<Scope, "db" | "actor">,
  id: string,
): Promise<OrderRow> {
  const viewer = viewerOf(actor);
  let byViewer = preparedFinds.get(db);
  if (!byViewer) {
    byViewer = new Map();
    preparedFinds.set(db, byViewer);
  }
  let find = byViewer.get(viewer);
  if (!find) {
    find = prepareFind(db, viewer);
    byViewer.set(viewer, find);
  }
  const [row] = await find.execute({ id, orgId: actor.orgId });
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
