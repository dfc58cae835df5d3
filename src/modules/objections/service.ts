/**
 * Objections to an award (DESIGN §6.5): a losing bidder objects during the publicity period, the company answers,
 * the bureau decides. An upheld objection annuls the award in one transaction.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { awards, bids, contracts, objections, orders, organizations } from "../../db/schema";
import { type Actor, isBureau, requireKind } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { isUniqueViolation } from "../../platform/db-errors";
import { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import type { Scope } from "../../platform/scope";
import { transition } from "../../platform/transition";
import { evaluatesOrder, wasTendered } from "../bids/access";
import { findVisibleOrder, type OrderRow } from "../orders/access";
import { type Objection, toObjection } from "./schemas";

type ObjectionRow = typeof objections.$inferSelect;

/** The objector's identity is for the ordering company, the bureau and the objector itself. */
const seesObjector = (actor: Actor, order: OrderRow, row: ObjectionRow) =>
  evaluatesOrder(actor, order) || row.providerOrgId === actor.orgId;

/** Shapes objections for the actor, naming the objector only to those who may know it. */
async function shape(
  db: Database,
  actor: Actor,
  order: OrderRow,
  rows: ObjectionRow[],
): Promise<Objection[]> {
  const ids = [...new Set(rows.filter((r) => seesObjector(actor, order, r)).map((r) => r.providerOrgId))];
  const names = new Map(
    ids.length
      ? (
          await db
            .select({ id: organizations.id, name: organizations.name })
            .from(organizations)
            .where(inArray(organizations.id, ids))
        ).map((o) => [o.id, o.name])
      : [],
  );
  return rows.map((r) =>
    toObjection(
      r,
      names.has(r.providerOrgId) ? { orgId: r.providerOrgId, name: names.get(r.providerOrgId)! } : null,
    ),
  );
}

/** The order, if the actor sees its objections: its company, the bureau, its bidders (403 for anyone else). */
async function orderForObjections(scope: Pick<Scope, "db" | "actor">, orderId: string): Promise<OrderRow> {
  const order = await findVisibleOrder(scope, orderId);
  if (evaluatesOrder(scope.actor, order)) return order;
  const own = await scope.db
    .select()
    .from(bids)
    .where(and(eq(bids.orderId, order.id), eq(bids.providerOrgId, scope.actor.orgId)));
  if (!own.some(wasTendered)) {
    throw new AppError(
      "forbidden",
      "Objections are shown to the ordering company, the bureau and the order's bidders",
    );
  }
  return order;
}

/** The objection and its order, if the actor may see it (404 otherwise). */
async function findVisibleObjection(scope: Scope, id: string) {
  const [row] = await scope.db.select().from(objections).where(eq(objections.id, id));
  if (!row) throw new AppError("not_found", `Objection ${id} does not exist`);
  try {
    return { row, order: await orderForObjections(scope, row.orderId) };
  } catch (err) {
    if (err instanceof AppError) throw new AppError("not_found", `Objection ${id} does not exist`);
    throw err;
  }
}

/**
 * A provider whose bid was not awarded objects to the order's standing award during its publicity period, once.
 * @example await fileObjection(scope, { orderId: "ord_…", reason: "Our bid was cheaper and as good" });
 */
export async function fileObjection(
  scope: Scope,
  input: { orderId: string; reason: string },
): Promise<Objection> {
  const { db, actor, now } = scope;
  requireKind(actor, "provider");
  const order = await findVisibleOrder(scope, input.orderId);
  const [award] = await db
    .select()
    .from(awards)
    .where(and(eq(awards.orderId, order.id), isNull(awards.annulledAt)));
  if (!award) throw new AppError("invalid_state", `Order ${order.id} has no standing award to object to`);
  const lost = await db
    .select({ id: bids.id })
    .from(bids)
    .where(
      and(eq(bids.orderId, order.id), eq(bids.providerOrgId, actor.orgId), eq(bids.status, "not_awarded")),
    );
  if (lost.length === 0)
    throw new AppError("forbidden", "Only a bidder whose bid was not awarded may object");
  if (now >= award.publicityEndsAt) {
    throw new AppError(
      "invalid_state",
      `The publicity period ended at ${award.publicityEndsAt.toISOString()}`,
    );
  }
  try {
    const row = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(objections)
        .values({
          id: newId("obj"),
          orderId: order.id,
          awardId: award.id,
          providerOrgId: actor.orgId,
          reason: input.reason,
          status: "open",
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await writeAudit(tx, actor, now, {
        entityType: "objection",
        entityId: created.id,
        action: "file",
        toState: "open",
        data: { orderId: order.id, awardId: award.id },
      });
      return created;
    });
    return (await shape(db, actor, order, [row]))[0];
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", "You have already objected to this award");
    throw err;
  }
}

/** The order's objections, oldest first: for its company, the bureau and its bidders. */
export async function listObjections(scope: Scope, input: { orderId: string }): Promise<Objection[]> {
  const order = await orderForObjections(scope, input.orderId);
  const rows = await scope.db
    .select()
    .from(objections)
    .where(eq(objections.orderId, order.id))
    .orderBy(asc(objections.createdAt), asc(objections.id));
  return shape(scope.db, scope.actor, order, rows);
}

/** One objection, for those who see the order's objections. */
export async function getObjection(scope: Scope, input: { id: string }): Promise<Objection> {
  const { row, order } = await findVisibleObjection(scope, input.id);
  return (await shape(scope.db, scope.actor, order, [row]))[0];
}

/** The ordering company answers an open objection (`open → answered`); the bureau then decides. */
export async function answerObjection(
  scope: Scope,
  input: { id: string; answer: string; expectedVersion?: number },
): Promise<Objection> {
  const { db, actor, now } = scope;
  const { order } = await findVisibleObjection(scope, input.id);
  if (actor.orgId !== order.companyOrgId)
    throw new AppError("forbidden", "Only the ordering company answers");
  const row = await transition(db, {
    table: objections,
    entityType: "objection",
    id: input.id,
    action: "answer",
    from: ["open"],
    to: "answered",
    actor,
    now,
    expectedVersion: input.expectedVersion,
    set: { answer: input.answer, answeredAt: now, updatedAt: now },
  });
  return (await shape(db, actor, order, [row]))[0];
}

/**
 * The bureau decides an undecided objection. `upheld` annuls the award in the same transaction: the order returns
 * to `evaluation`, the award's draft contracts are cancelled, and the order's awarded and not-awarded bids return
 * to evaluated (`submitted`), so the company may award again.
 */
export async function decideObjection(
  scope: Scope,
  input: { id: string; decision: "upheld" | "dismissed"; reason: string; expectedVersion?: number },
): Promise<Objection> {
  const { db, actor, now } = scope;
  const { order } = await findVisibleObjection(scope, input.id);
  if (!isBureau(actor)) throw new AppError("forbidden", "Only the bureau decides objections");
  const row = await db.transaction(async (tx) => {
    const decided = await transition(tx, {
      table: objections,
      entityType: "objection",
      id: input.id,
      action: input.decision === "upheld" ? "uphold" : "dismiss",
      from: ["open", "answered"],
      to: input.decision,
      actor,
      now,
      expectedVersion: input.expectedVersion,
      set: { decision: input.decision, decisionReason: input.reason, decidedAt: now, updatedAt: now },
      data: { reason: input.reason },
    });
    if (input.decision === "upheld") await annulAward(tx, actor, now, decided);
    return decided;
  });
  return (await shape(db, actor, order, [row]))[0];
}

/** Annuls the objection's award; 409 if it no longer stands or a contract has moved past `draft`. */
async function annulAward(tx: Database, actor: Actor, now: Date, objection: ObjectionRow) {
  const [award] = await tx
    .update(awards)
    .set({ annulledAt: now })
    .where(and(eq(awards.id, objection.awardId), isNull(awards.annulledAt)))
    .returning();
  if (!award) throw new AppError("invalid_state", `Award ${objection.awardId} no longer stands`);
  await writeAudit(tx, actor, now, {
    entityType: "award",
    entityId: award.id,
    action: "annul",
    data: { orderId: award.orderId, objectionId: objection.id },
  });
  const data = { awardId: award.id, objectionId: objection.id };
  const common = { actor, now, data, set: { updatedAt: now } };
  await transition(tx, {
    ...common,
    table: orders,
    entityType: "order",
    id: award.orderId,
    action: "annul_award",
    from: ["awarded"],
    to: "evaluation",
  });
  for (const c of await tx.select().from(contracts).where(eq(contracts.awardId, award.id))) {
    if (c.status === "cancelled") continue;
    await transition(tx, {
      ...common,
      table: contracts,
      entityType: "contract",
      id: c.id,
      action: "cancel",
      from: ["draft"],
      to: "cancelled",
    });
  }
  const decidedBids = await tx
    .select({ id: bids.id, status: bids.status })
    .from(bids)
    .where(and(eq(bids.orderId, award.orderId), inArray(bids.status, ["awarded", "not_awarded"])));
  for (const b of decidedBids) {
    await transition(tx, {
      ...common,
      table: bids,
      entityType: "bid",
      id: b.id,
      action: "reopen",
      from: ["awarded", "not_awarded"],
      to: "submitted",
    });
  }
}
