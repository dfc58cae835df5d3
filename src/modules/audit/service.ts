/** Reading the audit trail: the bureau reads every event; a party reads the events of an entity of its own. */
import { and, eq, gte, lt, or } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  auditLog,
  awards,
  bids,
  cohorts,
  contracts,
  invitations,
  objections,
  orders,
  programs,
} from "../../db/schema";
import { type Actor, isBureau } from "../../platform/actor";
import { AppError, invalidFields } from "../../platform/errors";
import { keyset, toPage } from "../../platform/pagination";
import type { Scope } from "../../platform/scope";
import { type AuditQuery, toAuditEvent } from "./schemas";

/** Whether the actor's organisation owns (or is a party to) the entity, per type; unknown types are nobody's. */
const OWNERS: Record<string, (db: Database, actor: Actor, id: string) => Promise<boolean>> = {
  organization: async (_db, actor, id) => actor.orgId === id,
  order: async (db, actor, id) =>
    (
      await db
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.id, id), eq(orders.companyOrgId, actor.orgId)))
    ).length > 0,
  award: async (db, actor, id) =>
    (
      await db
        .select({ id: awards.id })
        .from(awards)
        .innerJoin(orders, eq(orders.id, awards.orderId))
        .where(and(eq(awards.id, id), eq(orders.companyOrgId, actor.orgId)))
    ).length > 0,
  bid: async (db, actor, id) =>
    (
      await db
        .select({ id: bids.id })
        .from(bids)
        .where(and(eq(bids.id, id), eq(bids.providerOrgId, actor.orgId)))
    ).length > 0,
  program: async (db, actor, id) =>
    (
      await db
        .select({ id: programs.id })
        .from(programs)
        .where(and(eq(programs.id, id), eq(programs.providerOrgId, actor.orgId)))
    ).length > 0,
  cohort: async (db, actor, id) =>
    (
      await db
        .select({ id: cohorts.id })
        .from(cohorts)
        .where(and(eq(cohorts.id, id), eq(cohorts.providerOrgId, actor.orgId)))
    ).length > 0,
  invitation: async (db, actor, id) =>
    (
      await db
        .select({ id: invitations.id })
        .from(invitations)
        .where(
          and(
            eq(invitations.id, id),
            or(eq(invitations.companyOrgId, actor.orgId), eq(invitations.providerOrgId, actor.orgId)),
          ),
        )
    ).length > 0,
  contract: async (db, actor, id) =>
    (
      await db
        .select({ id: contracts.id })
        .from(contracts)
        .where(
          and(
            eq(contracts.id, id),
            or(eq(contracts.companyOrgId, actor.orgId), eq(contracts.providerOrgId, actor.orgId)),
          ),
        )
    ).length > 0,
  objection: async (db, actor, id) =>
    (
      await db
        .select({ id: objections.id })
        .from(objections)
        .innerJoin(orders, eq(orders.id, objections.orderId))
        .where(
          and(
            eq(objections.id, id),
            or(eq(objections.providerOrgId, actor.orgId), eq(orders.companyOrgId, actor.orgId)),
          ),
        )
    ).length > 0,
};

/**
 * Audit events in the order they were written, filtered. The bureau may filter freely; anyone else names one entity
 * (`entityType` and `entityId`) that its organisation owns or is a party to (404 otherwise).
 * @example await listAuditEvents(scope, { entityType: "contract", entityId: "ctr_…", limit: 50 });
 */
export async function listAuditEvents(scope: Scope, q: AuditQuery) {
  const { db, actor } = scope;
  if (!isBureau(actor)) {
    if (!q.entityType || !q.entityId) {
      throw invalidFields([
        { path: "entityId", message: "name the entity (entityType and entityId) whose events you want" },
      ]);
    }
    const owns = OWNERS[q.entityType];
    if (!owns || !(await owns(db, actor, q.entityId))) {
      throw new AppError("not_found", `No ${q.entityType} ${q.entityId} of yours has events`);
    }
  }
  const { after, orderBy } = keyset({ sortBy: auditLog.seq, id: auditLog.id, direction: "asc" }, q.cursor);
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
        q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
        q.action ? eq(auditLog.action, q.action) : undefined,
        q.actorOrgId ? eq(auditLog.actorOrgId, q.actorOrgId) : undefined,
        q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
        q.until ? lt(auditLog.at, new Date(q.until)) : undefined,
        after,
      ),
    )
    .orderBy(...orderBy)
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => [r.seq, r.id], toAuditEvent);
}
