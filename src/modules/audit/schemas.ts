/** Zod schemas of the audit trail and the mapper to the API's shape. */
import { z } from "@hono/zod-openapi";
import type { auditLog } from "../../db/schema";
import { instant } from "../../platform/schemas";
import { pageQuery } from "../../platform/pagination";

const name = z.string().regex(/^[a-z_]{1,40}$/, "lowercase letters and _");

export const auditQuery = pageQuery.extend({
  entityType: name.optional().openapi({ example: "contract" }),
  entityId: z
    .string()
    .min(1)
    .max(80)
    .regex(/^[0-9a-z_]+$/, "not an id")
    .optional(),
  action: name.optional(),
  actorOrgId: z
    .string()
    .regex(/^org_[0-9a-z_]{1,60}$/, "not an org_ id")
    .optional(),
  from: instant.optional().openapi({ description: "Events at or after this instant" }),
  until: instant.optional().openapi({ description: "Events before this instant" }),
});
export type AuditQuery = z.infer<typeof auditQuery>;

const eventOutput = z.object({
  id: z.string(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorOrgId: z.string().nullable(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  data: z
    .record(z.string(), z.unknown())
    .nullable()
    .openapi({ description: "What changed: field names, reasons, related ids (never sealed bid terms)" }),
});
export type AuditEvent = z.infer<typeof eventOutput>;

export const auditEventSchema = eventOutput.openapi("AuditEvent", {
  example: {
    id: "aud_1b5m9q3v7x1z4n8p2r6t0w3y7c",
    at: "2031-05-02T03:00:00.000Z",
    actorUserId: "usr_9q3v7x1z4n8p2r6t0w3y7c1b5m",
    actorOrgId: "org_7x1z4n8p2r6t0w3y7c1b5m9q3v",
    entityType: "contract",
    entityId: "ctr_6t0w3y7c1b5m9q3v7x1z4n8p2r",
    action: "approve",
    fromState: "under_review",
    toState: "approved",
    data: { reason: "Within policy", subsidyApprovedFen: 2_400_000 },
  } satisfies AuditEvent,
});

/** One audit row as the API shows it. */
export function toAuditEvent(row: typeof auditLog.$inferSelect): AuditEvent {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorUserId: row.actorUserId,
    actorOrgId: row.actorOrgId,
    entityType: row.entityType,
    entityId: row.entityId,
    action: row.action,
    fromState: row.fromState,
    toState: row.toState,
    data: (row.data as Record<string, unknown> | null) ?? null,
  };
}
