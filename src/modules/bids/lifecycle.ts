/** Bid transitions: the provider submits, withdraws and reconfirms before the deadline; the company disqualifies after. */
import { bids } from "../../db/schema";
import { AppError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import { transition } from "../../platform/transition";
import { requireOrderOwner } from "../orders/access";
import { effectiveStatus } from "../orders/rules";
import { type BidRow, findOwnBid, findVisibleBid } from "./access";
import { recordRevision } from "./revisions";
import { checkBid, lockBiddingOrder, requireBiddingOpen } from "./rules";
import type { Bid } from "./schemas";
import { contentOf, viewBids } from "./service";

type TransitionInput = { id: string; expectedVersion?: number };

/** Refuses a transition if the bid changed after it was checked (a concurrent PATCH): check and act on one version. */
const unchangedSince = (checked: BidRow) => (row: BidRow) => {
  if (row.version !== checked.version) {
    throw new AppError("conflict", `Bid ${checked.id} changed while this request ran; read it and try again`);
  }
};

/**
 * draft → submitted, before the deadline: the whole bid is checked again (the order, program or accreditation may
 * have changed since the draft), and its terms become revision 1.
 */
export async function submitBid(scope: Scope, input: TransitionInput): Promise<Bid> {
  const { db, actor, now } = scope;
  const { bid, order } = await findOwnBid(scope, input.id, "submit");
  requireBiddingOpen(order, now);
  const content = await contentOf(scope, bid);
  if (bid.status === "draft") await checkBid(scope, order, content);
  const row = await db.transaction(async (tx) => {
    await lockBiddingOrder(tx, order.id, now);
    const submitted = await transition(tx, {
      table: bids,
      entityType: "bid",
      id: bid.id,
      action: "submit",
      from: ["draft"],
      to: "submitted",
      actor,
      now,
      expectedVersion: input.expectedVersion,
      guard: unchangedSince(bid),
      set: { submittedAt: now, needsReconfirmation: false, updatedAt: now },
      data: { orderId: order.id },
    });
    await recordRevision({ ...scope, db: tx }, { bidId: bid.id, changedFields: [], terms: content });
    return submitted;
  });
  return (await viewBids(scope, [row]))[0];
}

/** draft or submitted → withdrawn, before the deadline. A new bid may then be placed. */
export async function withdrawBid(scope: Scope, input: TransitionInput): Promise<Bid> {
  const { db, actor, now } = scope;
  const { bid, order } = await findOwnBid(scope, input.id, "withdraw");
  requireBiddingOpen(order, now);
  const row = await db.transaction(async (tx) => {
    await lockBiddingOrder(tx, order.id, now);
    return transition(tx, {
      table: bids,
      entityType: "bid",
      id: bid.id,
      action: "withdraw",
      from: ["draft", "submitted"],
      to: "withdrawn",
      actor,
      now,
      expectedVersion: input.expectedVersion,
      set: { updatedAt: now },
      data: { orderId: order.id },
    });
  });
  return (await viewBids(scope, [row]))[0];
}

/**
 * Clears `needsReconfirmation` after an order amendment, before the deadline. The bid must still fit the amended
 * order (400 naming the field otherwise: change it first). Unreconfirmed bids are not evaluated.
 */
export async function reconfirmBid(scope: Scope, input: TransitionInput): Promise<Bid> {
  const { db, actor, now } = scope;
  const { bid, order } = await findOwnBid(scope, input.id, "reconfirm");
  requireBiddingOpen(order, now);
  if (bid.status === "submitted" && bid.needsReconfirmation) {
    await checkBid(scope, order, await contentOf(scope, bid));
  }
  const row = await db.transaction(async (tx) => {
    await lockBiddingOrder(tx, order.id, now);
    return transition(tx, {
      table: bids,
      entityType: "bid",
      id: bid.id,
      action: "reconfirm",
      from: ["submitted"],
      to: "submitted",
      actor,
      now,
      expectedVersion: input.expectedVersion,
      guard: (current) => {
        if (!current.needsReconfirmation) {
          throw new AppError("invalid_state", `Bid ${bid.id} needs no reconfirmation`);
        }
        unchangedSince(bid)(current);
      },
      set: { needsReconfirmation: false, updatedAt: now },
      data: { orderId: order.id },
    });
  });
  return (await viewBids(scope, [row]))[0];
}

/** submitted → disqualified by the ordering company during evaluation, with the reason its provider sees. */
export async function disqualifyBid(scope: Scope, input: TransitionInput & { reason: string }): Promise<Bid> {
  const { db, actor, now } = scope;
  const { bid, order } = await findVisibleBid(scope, input.id);
  requireOrderOwner(actor, order);
  const status = effectiveStatus(order, now);
  if (status !== "evaluation") {
    throw new AppError(
      "invalid_state",
      `Bids are disqualified while their order is in evaluation; order ${order.id} is ${status}`,
    );
  }
  const row = await transition(db, {
    table: bids,
    entityType: "bid",
    id: bid.id,
    action: "disqualify",
    from: ["submitted"],
    to: "disqualified",
    actor,
    now,
    expectedVersion: input.expectedVersion,
    set: { exclusionReason: input.reason, updatedAt: now },
    data: { orderId: order.id, reason: input.reason },
  });
  return (await viewBids(scope, [row]))[0];
}
