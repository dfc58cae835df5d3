/** Enquiries: providers ask during the enquiry period, the company answers, everyone sees both — the asker to no one. */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { enquiries } from "../../db/schema";
import { type Actor, requireKind, requireVerified } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { effectiveStatus, findVisibleOrder, requireOrderOwner } from "./service";

type EnquiryRow = typeof enquiries.$inferSelect;

const toEnquiry = (r: EnquiryRow, actor: Actor) => ({
  id: r.id,
  orderId: r.orderId,
  question: r.question,
  answer: r.answer,
  answeredAt: r.answeredAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  mine: r.askerOrgId === actor.orgId,
});

/** A verified provider asks about an open order before its enquiry deadline. */
export async function askQuestion(db: Database, actor: Actor, orderId: string, question: string, now: Date) {
  const order = await findVisibleOrder(db, actor, orderId);
  requireKind(actor, "provider");
  requireVerified(actor);
  if (effectiveStatus(order, now) !== "open" || order.enquiryDeadline <= now) {
    throw new AppError("invalid_state", `The enquiry period of order ${orderId} is over`);
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(enquiries)
      .values({ id: newId("enq"), orderId, askerOrgId: actor.orgId, askerUserId: actor.userId, question, createdAt: now })
      .returning();
    await writeAudit(tx, actor, now, { entityType: "enquiry", entityId: row.id, action: "ask", data: { orderId } });
    return toEnquiry(row, actor);
  });
}

/** The ordering company answers an enquiry once. */
export async function answerEnquiry(db: Database, actor: Actor, enquiryId: string, answer: string, now: Date) {
  const [enquiry] = await db.select().from(enquiries).where(eq(enquiries.id, enquiryId));
  if (!enquiry) throw new AppError("not_found", `Enquiry ${enquiryId} does not exist`);
  const order = await findVisibleOrder(db, actor, enquiry.orderId).catch(() => {
    throw new AppError("not_found", `Enquiry ${enquiryId} does not exist`);
  });
  requireOrderOwner(actor, order);
  if (order.status === "cancelled") throw new AppError("invalid_state", "The order is cancelled");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(enquiries)
      .set({ answer, answeredBy: actor.userId, answeredAt: now })
      .where(and(eq(enquiries.id, enquiryId), isNull(enquiries.answer)))
      .returning();
    if (!row) throw new AppError("conflict", `Enquiry ${enquiryId} is already answered`);
    await writeAudit(tx, actor, now, { entityType: "enquiry", entityId: enquiryId, action: "answer" });
    return toEnquiry(row, actor);
  });
}

/** Questions and answers of an order, for everyone who can see the order. */
export async function listEnquiries(db: Database, actor: Actor, orderId: string) {
  await findVisibleOrder(db, actor, orderId);
  const rows = await db.select().from(enquiries).where(eq(enquiries.orderId, orderId)).orderBy(asc(enquiries.createdAt), asc(enquiries.id));
  return rows.map((r) => toEnquiry(r, actor));
}
