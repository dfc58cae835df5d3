/** Editing orders: any field while draft; while open, a recorded amendment that needs 72 h before the bid deadline. */
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { bids, orderAmendments, orderSkills, orders } from "../../db/schema";
import type { Actor } from "../../platform/actor";
import { HOUR } from "../../platform/clock";
import { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { updateVersioned } from "../../platform/transition";
import { checkOrder } from "./rules";
import type { OrderInput, OrderPatch, OrderView } from "./schemas";
import { effectiveStatus, findVisibleOrder, orderColumns, orderInput, requireOrderOwner, skillRows, viewOrders } from "./service";

export const AMENDMENT_NOTICE_MS = 72 * HOUR;

/** Instants in one canonical form, so "+08:00" and "Z" spellings of one moment compare equal. */
function normalise(patch: OrderPatch): OrderPatch {
  const out = { ...patch };
  if (out.enquiryDeadline) out.enquiryDeadline = new Date(out.enquiryDeadline).toISOString();
  if (out.bidDeadline) out.bidDeadline = new Date(out.bidDeadline).toISOString();
  if (out.location) out.location = { ...out.location, district: out.location.district ?? null };
  return out;
}

function changesOf(before: OrderInput, after: OrderInput, fields: (keyof OrderInput)[]) {
  return fields
    .filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    .map((field) => ({ field, from: before[field] ?? null, to: after[field] ?? null }));
}

/**
 * Applies a PATCH under If-Match. While open it is an amendment: recorded with what changed, and every
 * submitted bid is flagged `needsReconfirmation`.
 * @example await updateOrder(db, actor, "ord_…", 3, { headcountMax: 25 }, now);
 */
export async function updateOrder(db: Database, actor: Actor, id: string, expectedVersion: number, patch: OrderPatch, now: Date): Promise<OrderView> {
  const row = await findVisibleOrder(db, actor, id);
  requireOrderOwner(actor, row);
  const status = effectiveStatus(row, now);
  if (status !== "draft" && status !== "open") {
    throw new AppError("invalid_state", `Order ${id} is ${status}; only draft and open orders can be changed`);
  }
  if (row.version !== expectedVersion) throw new AppError("precondition_failed", `Order ${id} is at version ${row.version}`);
  const skillList = await db.select().from(orderSkills).where(eq(orderSkills.orderId, id));
  const before = orderInput(row, skillList);
  const after: OrderInput = { ...before, ...normalise(patch) };
  await checkOrder(db, after);
  if (status === "open" && new Date(after.bidDeadline).getTime() - now.getTime() < AMENDMENT_NOTICE_MS) {
    throw new AppError("invalid_state", "An open order can be amended only while bidDeadline is at least 72 h away; extend bidDeadline in the same amendment", {
      errors: [{ path: "bidDeadline", message: "must be at least 72 h after now for an amendment" }],
    });
  }
  const changes = changesOf(before, after, Object.keys(patch) as (keyof OrderInput)[]);
  if (changes.length === 0) return (await viewOrders(db, [row], now))[0];

  const updated = await db.transaction(async (tx) => {
    const next = await updateVersioned(tx, {
      table: orders,
      entityType: "order",
      id,
      action: status === "open" ? "amend" : "edit",
      expectedVersion,
      set: { ...orderColumns(after), updatedAt: now },
      actor,
      now,
      data: { fields: changes.map((c) => c.field) },
    });
    if (patch.requiredSkills) {
      await tx.delete(orderSkills).where(eq(orderSkills.orderId, id));
      await tx.insert(orderSkills).values(skillRows(id, after));
    }
    if (status === "open") {
      await tx.insert(orderAmendments).values({ id: newId("amd"), orderId: id, version: next.version, changes, amendedBy: actor.userId, amendedAt: now });
      await tx.update(bids).set({ needsReconfirmation: true, updatedAt: now }).where(and(eq(bids.orderId, id), eq(bids.status, "submitted")));
    }
    return next;
  });
  return (await viewOrders(db, [updated], now))[0];
}

/** The amendment history of an order, oldest first, for everyone who can see the order. */
export async function listAmendments(db: Database, actor: Actor, id: string) {
  await findVisibleOrder(db, actor, id);
  const rows = await db.select().from(orderAmendments).where(eq(orderAmendments.orderId, id)).orderBy(asc(orderAmendments.version));
  return rows.map((r) => ({ id: r.id, orderId: r.orderId, version: r.version, changes: r.changes, amendedBy: r.amendedBy, amendedAt: r.amendedAt.toISOString() }));
}
