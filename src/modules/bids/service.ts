/** Bid use cases: a provider drafts, reads, lists and changes its sealed bids (transitions are in lifecycle.ts). */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { awards, bids, orders } from "../../db/schema";
import { requireKind, requireVerified } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { isUniqueViolation } from "../../platform/db-errors";
import { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { keyset, toPage } from "../../platform/pagination";
import { prepared, textArray } from "../../platform/prepared";
import { checkQuota } from "../../platform/quotas";
import type { Scope } from "../../platform/scope";
import { updateVersioned } from "../../platform/transition";
import { findVisibleOrder } from "../orders/access";
import { type BidRow, findOwnBid, findVisibleBid, wasTendered } from "./access";
import { isDue, openDueBids } from "./opening";
import { recordRevision } from "./revisions";
import { type BidContent, checkBid, lockBiddingOrder, requireBiddingOpen } from "./rules";
import { type Bid, type BidListQuery, type BidPatch, type NewBid, toBid } from "./schemas";
import { bidTerms, changedTerms, pickTerms, sealedBidColumns } from "./terms";

const REFERENCES = ["programId", "cohortId", "invitationId"] as const;

/**
 * Bids as the API shows them, with the order's standing award for bids that were tendered. Only for rows the
 * actor may see: sealed terms are unsealed here for their provider.
 */
/** The standing (not annulled) awards of a set of orders. */
const prepareStanding = (db: Database) =>
  db
    .select()
    .from(awards)
    .where(and(sql`${awards.orderId} = any(${sql.placeholder("ids")}::text[])`, isNull(awards.annulledAt)))
    .prepare("standing_awards");

export async function viewBids(scope: Pick<Scope, "db" | "config">, rows: BidRow[]): Promise<Bid[]> {
  const orderIds = [...new Set(rows.map((r) => r.orderId))];
  const standing = orderIds.length
    ? await prepared(scope.db, "standing_awards", prepareStanding).execute({ ids: textArray(orderIds) })
    : [];
  const awardOf = new Map(standing.map((a) => [a.orderId, a]));
  return Promise.all(
    rows.map(async (r) =>
      toBid(r, await bidTerms(scope.config, r), wasTendered(r) ? (awardOf.get(r.orderId) ?? null) : null),
    ),
  );
}

/** What a stored bid says: its references and its terms. */
export async function contentOf(scope: Pick<Scope, "config">, row: BidRow): Promise<BidContent> {
  const { programId, cohortId, invitationId } = row;
  return { programId, cohortId, invitationId, ...(await bidTerms(scope.config, row)) };
}

/**
 * A verified, accredited provider drafts a bid on an open order; its terms are sealed before they are stored.
 * One live (draft or submitted) bid per provider and order: a second is a 409.
 * @example await createBid(scope, { orderId: "ord_…", programId: "prg_…", cohortSize: 18, … });
 */
export async function createBid(scope: Scope, input: { orderId: string } & NewBid): Promise<Bid> {
  const { db, actor, now, config } = scope;
  const order = await findVisibleOrder(scope, input.orderId);
  requireKind(actor, "provider");
  requireVerified(actor);
  requireBiddingOpen(order, now);
  const { orderId, cohortId, invitationId, ...rest } = input;
  const content: BidContent = { ...rest, cohortId: cohortId ?? null, invitationId: invitationId ?? null };
  await checkBid(scope, order, content);
  const id = newId("bid");
  const sealed = await sealedBidColumns(config, id, content);
  try {
    return await db.transaction(async (tx) => {
      await lockBiddingOrder(tx, orderId, now);
      await checkQuota({ ...scope, db: tx }, "liveBids", {
        table: bids,
        where: and(eq(bids.providerOrgId, actor.orgId), inArray(bids.status, ["draft", "submitted"])),
      });
      const [row] = await tx
        .insert(bids)
        .values({
          id,
          orderId,
          providerOrgId: actor.orgId,
          programId: content.programId,
          cohortId: content.cohortId,
          invitationId: content.invitationId,
          ...sealed,
          status: "draft",
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await writeAudit(tx, actor, now, {
        entityType: "bid",
        entityId: id,
        action: "create",
        toState: "draft",
        data: { orderId },
      });
      return toBid(row, pickTerms(content), null);
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw new AppError(
      "conflict",
      `Your organisation already has a live (draft or submitted) bid on order ${orderId}; change or withdraw that one`,
    );
  }
}

/** One bid, if the actor may see it (its provider; the company and the bureau once opened). */
export async function getBid(scope: Scope, input: { id: string }): Promise<Bid> {
  const { bid } = await findVisibleBid(scope, input.id);
  return (await viewBids(scope, [bid]))[0];
}

/** A provider's own bids, newest first, filtered by order and status. Other kinds read an order's bids instead. */
export async function listBids(scope: Scope, q: BidListQuery) {
  const { db, actor } = scope;
  if (actor.orgKind !== "provider") {
    throw new AppError(
      "forbidden",
      "This lists a provider's own bids; the ordering company and the bureau read GET /v1/orders/{id}/bids",
    );
  }
  const { after, orderBy } = keyset({ sortBy: bids.createdAt, id: bids.id, direction: "desc" }, q.cursor);
  const query = () =>
    db
      .select({
        bid: bids,
        order: { bidsOpenedAt: orders.bidsOpenedAt, bidDeadline: orders.bidDeadline, status: orders.status },
      })
      .from(bids)
      .innerJoin(orders, eq(orders.id, bids.orderId))
      .where(
        and(
          eq(bids.providerOrgId, actor.orgId),
          q.orderId ? eq(bids.orderId, q.orderId) : undefined,
          q.status ? eq(bids.status, q.status) : undefined,
          after,
        ),
      )
      .orderBy(...orderBy)
      .limit(q.limit + 1);
  let rows = await query();
  // A read after a deadline opens that order's bids first, so the page shows them as opened.
  const due = rows.filter((r) => isDue(r.order, scope.now)).map((r) => r.bid.orderId);
  if (due.length > 0) {
    await openDueBids(scope, [...new Set(due)]);
    rows = await query();
  }
  const page = toPage(
    rows,
    q.limit,
    (r) => [r.bid.createdAt.toISOString(), r.bid.id],
    (r) => r.bid,
  );
  return { data: await viewBids(scope, page.data), nextCursor: page.nextCursor };
}

/**
 * Changes a draft, or a submitted bid before the deadline, under If-Match. A submitted bid stays submitted and
 * gets a new revision. The audit row names the changed fields, never their values.
 * @example await updateBid(scope, { id: "bid_…", expectedVersion: 2, patch: { pricePerTraineeFen: 1_250_000 } });
 */
export async function updateBid(
  scope: Scope,
  input: { id: string; expectedVersion: number; patch: BidPatch },
): Promise<Bid> {
  const { db, actor, now, config } = scope;
  const { bid, order } = await findOwnBid(scope, input.id, "change");
  if (bid.status !== "draft" && bid.status !== "submitted") {
    throw new AppError(
      "invalid_state",
      `Bid ${bid.id} is ${bid.status}; only draft and submitted bids can change`,
    );
  }
  requireBiddingOpen(order, now);
  if (bid.version !== input.expectedVersion) {
    throw new AppError("precondition_failed", `Bid ${bid.id} is at version ${bid.version}`);
  }
  const before = await contentOf(scope, bid);
  const after: BidContent = { ...before, ...input.patch };
  await checkBid(scope, order, after);
  const changed = [...REFERENCES.filter((f) => before[f] !== after[f]), ...changedTerms(before, after)];
  if (changed.length === 0) return (await viewBids(scope, [bid]))[0];
  const sealed = await sealedBidColumns(config, bid.id, after);
  const row = await db.transaction(async (tx) => {
    await lockBiddingOrder(tx, order.id, now);
    const updated = await updateVersioned(tx, {
      table: bids,
      entityType: "bid",
      id: bid.id,
      action: bid.status === "submitted" ? "revise" : "edit",
      expectedVersion: input.expectedVersion,
      set: {
        programId: after.programId,
        cohortId: after.cohortId,
        invitationId: after.invitationId,
        ...sealed,
        updatedAt: now,
      },
      actor,
      now,
      data: { orderId: order.id, fields: changed },
    });
    if (bid.status === "submitted") {
      await recordRevision(
        { db: tx, actor, now, config },
        { bidId: bid.id, changedFields: changed, terms: after },
      );
    }
    return updated;
  });
  return (await viewBids(scope, [row]))[0];
}
