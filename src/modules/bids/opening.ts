/**
 * The bid opening: once an order's bid deadline has passed, its sealed bids are written in clear, exactly once,
 * whether the sweep or the first read after the deadline gets there first.
 */
import { and, eq, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { bidRevisions, bids, orders } from "../../db/schema";
import { writeAudit } from "../../platform/audit";
import type { Scope } from "../../platform/scope";
import { transition } from "../../platform/transition";
import { bidTerms, openedBidColumns, revisionTerms } from "./terms";

type OpeningScope = Pick<Scope, "db" | "now" | "config">;

/** Why a bid that still needs reconfirmation at the deadline is not evaluated; its provider sees this. */
export const NOT_RECONFIRMED =
  "Not reconfirmed after the order was amended: a bid still needing reconfirmation at the bid deadline is not evaluated";

/**
 * Whether an order's bids are due to be opened: its bid deadline has passed, it was published and not cancelled,
 * and no one has opened them yet. A read that finds its order due opens the bids, then reads again.
 */
export const isDue = (
  order: Pick<typeof orders.$inferSelect, "bidsOpenedAt" | "bidDeadline" | "status">,
  now: Date,
) =>
  order.bidsOpenedAt === null &&
  order.bidDeadline <= now &&
  (order.status === "open" || order.status === "evaluation");

const due = (now: Date) =>
  and(
    isNull(orders.bidsOpenedAt),
    lte(orders.bidDeadline, now),
    inArray(orders.status, ["open", "evaluation"]),
  );

/**
 * Opens one order's bids if they are due, in one transaction under the order's row lock, so concurrent openers
 * open it once: the order is stored in `evaluation`, every bid and revision of the order is written in clear
 * (the ciphertext dropped), submitted bids still needing reconfirmation are excluded from the evaluation, and one
 * audit row records the opening with the bid count. Returns whether this call opened it.
 */
export async function openOrderBids(scope: OpeningScope, input: { orderId: string }): Promise<boolean> {
  const { db, now, config } = scope;
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.id, input.orderId), due(now)))
      .for("update");
    if (!order) return false;
    if (order.status === "open") {
      await transition(tx, {
        table: orders,
        entityType: "order",
        id: order.id,
        action: "close_bidding",
        from: ["open"],
        to: "evaluation",
        actor: null,
        now,
        set: { updatedAt: now },
      });
    }
    const rows = await tx.select().from(bids).where(eq(bids.orderId, order.id)).for("update");
    let bidCount = 0;
    let unreconfirmed = 0;
    for (const bid of rows) {
      const opened = { ...openedBidColumns(await bidTerms(config, bid)), openedAt: now, updatedAt: now };
      if (bid.submittedAt !== null && bid.status !== "withdrawn") bidCount++;
      if (bid.status === "submitted" && bid.needsReconfirmation) {
        unreconfirmed++;
        await transition(tx, {
          table: bids,
          entityType: "bid",
          id: bid.id,
          action: "exclude_unreconfirmed",
          from: ["submitted"],
          to: "disqualified",
          actor: null,
          now,
          set: { ...opened, exclusionReason: NOT_RECONFIRMED },
          data: { orderId: order.id, reason: NOT_RECONFIRMED },
        });
      } else {
        await tx
          .update(bids)
          .set({ ...opened, version: sql`${bids.version} + 1` })
          .where(eq(bids.id, bid.id));
      }
    }
    const ids = rows.map((b) => b.id);
    const revisions = ids.length
      ? await tx
          .select()
          .from(bidRevisions)
          .where(and(inArray(bidRevisions.bidId, ids), isNotNull(bidRevisions.sealedTerms)))
      : [];
    for (const revision of revisions) {
      await tx
        .update(bidRevisions)
        .set({ terms: await revisionTerms(config, revision), sealedKeyId: null, sealedTerms: null })
        .where(eq(bidRevisions.id, revision.id));
    }
    await tx.update(orders).set({ bidsOpenedAt: now }).where(eq(orders.id, order.id));
    await writeAudit(tx, null, now, {
      entityType: "order",
      entityId: order.id,
      action: "open_bids",
      data: { bidCount, unreconfirmed },
    });
    return true;
  });
}

/**
 * Opens the bids of every due order, or of the due ones among `orderIds`; returns how many due orders it found,
 * each open when it returns (by this call or a concurrent one). Reads call it with the due orders they show.
 * @example if (isDue(order, scope.now)) await openDueBids(scope, [order.id]);
 */
export async function openDueBids(scope: OpeningScope, orderIds?: string[]): Promise<number> {
  if (orderIds?.length === 0) return 0;
  const pending = await scope.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(due(scope.now), orderIds ? inArray(orders.id, orderIds) : undefined))
    .orderBy(orders.bidDeadline);
  for (const { id } of pending) await openOrderBids(scope, { orderId: id });
  return pending.length;
}
