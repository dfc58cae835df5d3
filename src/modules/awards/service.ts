/** The award: the ordering company awards evaluated bids, which drafts their contracts, all in one transaction. */
import { and, eq, isNull } from "drizzle-orm";
import { awards, bids, contracts, orders } from "../../db/schema";
import { writeAudit } from "../../platform/audit";
import { AppError, type FieldError, invalidFields } from "../../platform/errors";
import { MINUTE } from "../../platform/clock";
import { newId } from "../../platform/ids";
import type { Scope } from "../../platform/scope";
import { transition } from "../../platform/transition";
import { type BidRow, evaluatesOrder, wasTendered } from "../bids/access";
import { openDueBids } from "../bids/opening";
import { dateOf } from "../bids/rules";
import { bidTerms } from "../bids/terms";
import { draftContracts } from "../contracts/service";
import { toContract } from "../contracts/schemas";
import { findOwnOrder, findVisibleOrder, type OrderRow } from "../orders/access";
import { type Award, type AwardRequest, toAward } from "./schemas";

/**
 * The award rules, on the order's locked bids: each chosen bid was evaluated (submitted, not disqualified, not left
 * unreconfirmed) and is still valid today; their cohortSize sum lies in headcountMin…headcountMax. One 400 naming
 * every offending entry.
 */
function chosenBids(order: OrderRow, rows: BidRow[], bidIds: string[], now: Date): BidRow[] {
  const errors: FieldError[] = [];
  const byId = new Map(rows.map((b) => [b.id, b]));
  const today = dateOf(now);
  const chosen = bidIds.flatMap((id, i) => {
    const bid = byId.get(id);
    const path = `bidIds.${i}`;
    if (!bid || !wasTendered(bid)) {
      errors.push({ path, message: "not a bid submitted on this order" });
      return [];
    }
    if (bid.status !== "submitted") {
      const why = bid.exclusionReason ? `${bid.status}: ${bid.exclusionReason}` : bid.status;
      errors.push({ path, message: `bid ${id} was not evaluated (${why})` });
      return [];
    }
    if (bid.validUntil! < today)
      errors.push({ path, message: `bid ${id} expired on its validUntil ${bid.validUntil}` });
    return [bid];
  });
  const headcount = chosen.reduce((n, b) => n + b.cohortSize!, 0);
  if (errors.length === 0 && (headcount < order.headcountMin || headcount > order.headcountMax)) {
    errors.push({
      path: "bidIds",
      message: `the awarded bids' cohortSize total ${headcount} lies outside the order's headcount range ${order.headcountMin}…${order.headcountMax}`,
    });
  }
  if (errors.length > 0) throw invalidFields(errors);
  return chosen;
}

/**
 * The ordering company awards bids during evaluation. In one transaction: the order becomes `awarded`, the chosen
 * bids `awarded` and every other evaluated bid `not_awarded`, and one draft contract per awarded bid is created.
 * Concurrent awards serialise on the order's row: exactly one succeeds, the others get 409.
 * @example await awardOrder(scope, { orderId: "ord_…", bidIds: ["bid_…"], reason: "Best fit within budget" });
 */
export async function awardOrder(
  scope: Scope,
  input: { orderId: string; expectedVersion?: number } & AwardRequest,
): Promise<Award> {
  const { db, actor, now, config } = scope;
  const visible = await findOwnOrder(scope, input.orderId);
  await openDueBids(scope, [visible.id]);
  return db.transaction(async (tx) => {
    const order = await transition(tx, {
      table: orders,
      entityType: "order",
      id: visible.id,
      action: "award",
      from: ["evaluation"],
      to: "awarded",
      actor,
      now,
      expectedVersion: input.expectedVersion,
      set: { updatedAt: now },
      data: { bidIds: input.bidIds, reason: input.reason },
    });
    const rows = await tx.select().from(bids).where(eq(bids.orderId, order.id)).for("update");
    const chosen = chosenBids(order, rows, input.bidIds, now);
    const [award] = await tx
      .insert(awards)
      .values({
        id: newId("awd"),
        orderId: order.id,
        bidIds: input.bidIds,
        reason: input.reason,
        awardedBy: actor.userId,
        awardedAt: now,
        publicityEndsAt: new Date(now.getTime() + config.AWARD_PUBLICITY_MINUTES * MINUTE),
      })
      .returning();
    await writeAudit(tx, actor, now, {
      entityType: "award",
      entityId: award.id,
      action: "award",
      data: { orderId: order.id, bidIds: input.bidIds, reason: input.reason },
    });
    for (const bid of rows.filter((b) => b.status === "submitted")) {
      const won = input.bidIds.includes(bid.id);
      await transition(tx, {
        table: bids,
        entityType: "bid",
        id: bid.id,
        action: won ? "award" : "not_award",
        from: ["submitted"],
        to: won ? "awarded" : "not_awarded",
        actor,
        now,
        set: { updatedAt: now },
        data: { orderId: order.id, awardId: award.id },
      });
    }
    const awarded = await Promise.all(
      chosen.map(async (b) => ({
        id: b.id,
        providerOrgId: b.providerOrgId,
        cohortId: b.cohortId,
        ...(await bidTerms(config, b)),
      })),
    );
    const drafted = await draftContracts({ db: tx, actor, now }, { order, awardId: award.id, awarded });
    return toAward(award, { bidIds: input.bidIds, contracts: drafted });
  });
}

/**
 * The order's standing award: its decision and reason for every bidder, with its bids and contracts for the
 * ordering company and the bureau. 403 for anyone else who can see the order; 404 before an award.
 */
export async function getAward(scope: Scope, input: { orderId: string }): Promise<Award> {
  const { db, actor } = scope;
  const order = await findVisibleOrder(scope, input.orderId);
  const evaluator = evaluatesOrder(actor, order);
  if (!evaluator) {
    const own = await db
      .select()
      .from(bids)
      .where(and(eq(bids.orderId, order.id), eq(bids.providerOrgId, actor.orgId)));
    if (!own.some(wasTendered)) {
      throw new AppError(
        "forbidden",
        "An award is shown to the ordering company, the bureau and the order's bidders",
      );
    }
  }
  const [award] = await db
    .select()
    .from(awards)
    .where(and(eq(awards.orderId, order.id), isNull(awards.annulledAt)));
  if (!award) throw new AppError("not_found", `Order ${order.id} has not been awarded`);
  if (!evaluator) return toAward(award, null);
  const drafted = await db.select().from(contracts).where(eq(contracts.awardId, award.id));
  return toAward(award, { bidIds: award.bidIds, contracts: drafted.map(toContract) });
}
