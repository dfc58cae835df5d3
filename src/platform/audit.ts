/** The one audit writer: every state transition appends a row, in the caller's transaction. */
import type { Database } from "../db/client";
import { auditLog } from "../db/schema";
import type { Actor } from "./actor";
import { newId } from "./ids";

export interface AuditEntry {
  entityType: string;
  entityId: string;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Appends one audit row. Pass the transaction that makes the change so both commit or neither does.
 * @example await writeAudit(tx, actor, now, { entityType: "organization", entityId, action: "verify" });
 */
export async function writeAudit(
  db: Database,
  actor: Actor | null,
  at: Date,
  entry: AuditEntry,
): Promise<void> {
  await db.insert(auditLog).values({
    id: newId("aud"),
    at,
    actorUserId: actor?.userId ?? null,
    actorOrgId: actor?.orgId ?? null,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    fromState: entry.fromState ?? null,
    toState: entry.toState ?? null,
    data: entry.data ?? null,
  });
}
