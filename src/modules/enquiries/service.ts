/** Enquiry use cases: providers ask during the enquiry period, the company answers, everyone sees both. */
import { and, count, eq, inArray, isNull } from "drizzle-orm";
import { enquiries, orders } from "../../db/schema";
import { requireKind, requireVerified } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { keyset, type PageQuery, toPage } from "../../platform/pagination";
import type { Scope } from "../../platform/scope";
import { findVisibleOrder, requireOrderOwner } from "../orders/access";
import { effectiveStatus } from "../orders/rules";
import { type Enquiry, toEnquiry } from "./schemas";

/** A verified provider asks about an open order before its enquiry deadline. */
export async function askQuestion(
  scope: Scope,
  input: { orderId: string; question: string },
): Promise<Enquiry> {
  const { db, actor, now } = scope;
  const order = await findVisibleOrder(scope, input.orderId);
  requireKind(actor, "provider");
  requireVerified(actor);
  if (effectiveStatus(order, now) !== "open" || order.enquiryDeadline <= now) {
    throw new AppError("invalid_state", `The enquiry period of order ${order.id} is over`);
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(enquiries)
      .values({
        id: newId("enq"),
        orderId: order.id,
        askerOrgId: actor.orgId,
        askerUserId: actor.userId,
        question: input.question,
        createdAt: now,
      })
      .returning();
    await writeAudit(tx, actor, now, {
      entityType: "enquiry",
      entityId: row.id,
      action: "ask",
      data: { orderId: order.id },
    });
    return toEnquiry(row, actor);
  });
}

/** The ordering company answers an enquiry once. */
export async function answerEnquiry(scope: Scope, input: { id: string; answer: string }): Promise<Enquiry> {
  const { db, actor, now } = scope;
  const notFound = () => new AppError("not_found", `Enquiry ${input.id} does not exist`);
  const [enquiry] = await db.select().from(enquiries).where(eq(enquiries.id, input.id));
  if (!enquiry) throw notFound();
  const order = await findVisibleOrder(scope, enquiry.orderId).catch(() => {
    throw notFound();
  });
  requireOrderOwner(actor, order);
  if (order.status === "cancelled") throw new AppError("invalid_state", "The order is cancelled");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(enquiries)
      .set({ answer: input.answer, answeredBy: actor.userId, answeredAt: now })
      .where(and(eq(enquiries.id, input.id), isNull(enquiries.answer)))
      .returning();
    if (!row) throw new AppError("conflict", `Enquiry ${input.id} is already answered`);
    await writeAudit(tx, actor, now, { entityType: "enquiry", entityId: input.id, action: "answer" });
    return toEnquiry(row, actor);
  });
}

/** Questions and answers of an order, oldest first, for everyone who can see the order. */
export async function listEnquiries(scope: Scope, input: { orderId: string } & PageQuery) {
  await findVisibleOrder(scope, input.orderId);
  const { after, orderBy } = keyset(
    { sortBy: enquiries.createdAt, id: enquiries.id, direction: "asc" },
    input.cursor,
  );
  const rows = await scope.db
    .select()
    .from(enquiries)
    .where(and(eq(enquiries.orderId, input.orderId), after))
    .orderBy(...orderBy)
    .limit(input.limit + 1);
  return toPage(
    rows,
    input.limit,
    (r) => [r.createdAt.toISOString(), r.id],
    (r) => toEnquiry(r, scope.actor),
  );
}

/**
 * How many questions wait for an answer on each of the actor's company's orders among `orderIds` (others' orders
 * count nothing): one grouped count for a page of orders.
 * @example const waiting = await unansweredCounts(scope, ["ord_…"]); // Map { "ord_…" => 2 }
 */
export async function unansweredCounts(scope: Scope, orderIds: string[]): Promise<Map<string, number>> {
  if (!orderIds.length) return new Map();
  const rows = await scope.db
    .select({ orderId: enquiries.orderId, n: count() })
    .from(enquiries)
    .innerJoin(orders, eq(orders.id, enquiries.orderId))
    .where(
      and(
        inArray(enquiries.orderId, orderIds),
        eq(orders.companyOrgId, scope.actor.orgId),
        isNull(enquiries.answer),
      ),
    )
    .groupBy(enquiries.orderId);
  return new Map(rows.map((r) => [r.orderId, r.n]));
}
