/** Who sees which bids: their provider always; the ordering company and the bureau once opened, submitted ones only. */
import { eq } from "drizzle-orm";
import { bids, orders } from "../../db/schema";
import { type Actor, isBureau } from "../../platform/actor";
import { AppError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import type { OrderRow } from "../orders/access";
import { isDue, openDueBids } from "./opening";

export type BidRow = typeof bids.$inferSelect;
export type { OrderRow };

/** A bid that was submitted and not withdrawn: it counts for the order (bidCount, the opening, the award). */
export const wasTendered = (bid: Pick<BidRow, "submittedAt" | "status">) =>
  bid.submittedAt !== null && bid.status !== "withdrawn";

/** Whether the actor evaluates the order's bids: its company or the bureau. */
export const evaluatesOrder = (actor: Actor, order: OrderRow) =>
  isBureau(actor) || actor.orgId === order.companyOrgId;

/** The sealing rule: its provider sees a bid; the evaluators see it once opened, and only if it was tendered. */
export function seesBid(actor: Actor, bid: BidRow, order: OrderRow): boolean {
  if (bid.providerOrgId === actor.orgId) return true;
  return evaluatesOrder(actor, order) && order.bidsOpenedAt !== null && wasTendered(bid);
}

/**
 * The bid and its order, if the actor may see the bid (404 otherwise, so sealing hides even its existence). A read
 * after the deadline opens the order's bids first, if no one has yet.
 * @example const { bid, order } = await findVisibleBid(scope, "bid_…");
 */
export async function findVisibleBid(
  scope: Pick<Scope, "db" | "actor" | "now" | "config">,
  id: string,
): Promise<{ bid: BidRow; order: OrderRow }> {
  const load = async () =>
    (
      await scope.db
        .select({ bid: bids, order: orders })
        .from(bids)
        .innerJoin(orders, eq(orders.id, bids.orderId))
        .where(eq(bids.id, id))
    )[0];
  let row = await load();
  if (row && isDue(row.order, scope.now)) {
    await openDueBids(scope, [row.order.id]);
    row = await load();
  }
  if (!row || !seesBid(scope.actor, row.bid, row.order)) {
    throw new AppError("not_found", `Bid ${id} does not exist`);
  }
  return row;
}

/** A visible bid that the actor's organisation placed; 403 for the company or bureau that can see it. */
export async function findOwnBid(
  scope: Pick<Scope, "db" | "actor" | "now" | "config">,
  id: string,
  action: string,
): Promise<{ bid: BidRow; order: OrderRow }> {
  const row = await findVisibleBid(scope, id);
  if (row.bid.providerOrgId !== scope.actor.orgId) {
    throw new AppError("forbidden", `Only the provider that placed bid ${id} may ${action} it`);
  }
  return row;
}
