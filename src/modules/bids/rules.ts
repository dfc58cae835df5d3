/** The bid rules zod cannot express: the bidding period, and a bid's fit with its order, program, cohort and invitation. */
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { type BidTerms, cohorts, invitations, orders, programs } from "../../db/schema";
import { AppError, type FieldError, invalidFields } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import type { OrderRow } from "../orders/access";
import { effectiveStatus } from "../orders/rules";
import { isAccredited } from "../organizations/service";

/** What a bid says: its references and its (sealed) terms. */
export interface BidContent extends BidTerms {
  programId: string;
  cohortId: string | null;
  invitationId: string | null;
}

/** The UTC calendar date of an instant. */
export const dateOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * 409 unless the order takes bids now: open, and the clock strictly before its bid deadline. From the deadline
 * on nothing can be created, submitted, changed or withdrawn.
 */
export function requireBiddingOpen(order: OrderRow, now: Date): void {
  const status = effectiveStatus(order, now);
  if (status !== "open") {
    const why =
      status === "evaluation"
        ? `its bid deadline ${order.bidDeadline.toISOString()} has passed`
        : `it is ${status}`;
    throw new AppError("invalid_state", `Order ${order.id} takes no bids: ${why}`);
  }
}

/**
 * Inside a bid's transaction: locks the order's row against the opening (FOR SHARE; the opening takes it FOR UPDATE)
 * and checks again that it takes bids. A change that began before the deadline therefore either lands before the
 * opening, and is opened with the rest, or finds the bids opened and gets 409; no bid stays sealed in an opened order.
 */
export async function lockBiddingOrder(tx: Database, orderId: string, now: Date): Promise<void> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("share");
  requireBiddingOpen(order, now);
}

/**
 * Checks a whole bid (new, merged with a patch, or about to be submitted or reconfirmed) against the order it is
 * for: 403 without a current accreditation for the order's occupation, else one 400 naming every offending field.
 * @example await checkBid(scope, order, { programId, cohortId: null, invitationId: null, ...terms });
 */
export async function checkBid(
  { db, actor, now }: Pick<Scope, "db" | "actor" | "now">,
  order: OrderRow,
  bid: BidContent,
): Promise<void> {
  if (!(await isAccredited(db, { orgId: actor.orgId, occupationCode: order.occupationCode, now }))) {
    throw new AppError(
      "forbidden",
      `Your organisation holds no current accreditation for ${order.occupationCode}, the order's occupation`,
      { errors: [{ path: "occupationCode", message: "not accredited for the order's occupation" }] },
    );
  }
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });
  const [[program], [cohort], [invitation]] = await Promise.all([
    db.select().from(programs).where(eq(programs.id, bid.programId)),
    bid.cohortId ? db.select().from(cohorts).where(eq(cohorts.id, bid.cohortId)) : [],
    bid.invitationId ? db.select().from(invitations).where(eq(invitations.id, bid.invitationId)) : [],
  ]);

  if (!program || program.providerOrgId !== actor.orgId) {
    fail("programId", "not one of your programs");
  } else {
    if (program.status !== "active") fail("programId", `program ${program.id} is ${program.status}`);
    if (program.occupationCode !== order.occupationCode) {
      fail("programId", `trains ${program.occupationCode}, not the order's ${order.occupationCode}`);
    }
    if (bid.cohortSize > program.cohortCapacity) {
      fail("cohortSize", `exceeds the program's cohortCapacity of ${program.cohortCapacity}`);
    }
  }
  if (bid.cohortId) {
    if (!cohort || cohort.providerOrgId !== actor.orgId) {
      fail("cohortId", "not one of your cohorts");
    } else {
      if (cohort.programId !== bid.programId) fail("cohortId", `runs under program ${cohort.programId}`);
      if (cohort.status !== "planned" || cohort.contractId !== null) {
        fail(
          "cohortId",
          `cohort ${cohort.id} is not open (${cohort.contractId ? "under contract" : cohort.status})`,
        );
      }
      if (bid.cohortSize > cohort.size) fail("cohortSize", `exceeds the cohort's size of ${cohort.size}`);
    }
  }
  if (bid.cohortSize > order.headcountMax) {
    fail("cohortSize", `must be at most the order's headcountMax of ${order.headcountMax}`);
  }
  if (bid.startDate >= bid.endDate) fail("startDate", "must be before endDate");
  if (bid.endDate > order.deliverBy)
    fail("endDate", `must be on or before the order's deliverBy ${order.deliverBy}`);
  if (bid.validUntil <= dateOf(order.bidDeadline)) {
    fail("validUntil", `must be after the bid deadline's date ${dateOf(order.bidDeadline)}`);
  }
  if (bid.invitationId && (invitation?.orderId !== order.id || invitation.providerOrgId !== actor.orgId)) {
    fail("invitationId", "not an invitation to your organisation for this order");
  }
  if (errors.length > 0) throw invalidFields(errors);
}
