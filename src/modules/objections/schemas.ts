/** Zod schemas of objections to an award and the mapper to the API's shape. */
import { z } from "@hono/zod-openapi";
import { OBJECTION_STATUSES, type objections } from "../../db/schema";
import { text } from "../../platform/schemas";

export const objectionRequestSchema = z
  .strictObject({
    reason: text(5000).openapi({ example: "Our bid met every essential skill at a lower price." }),
  })
  .openapi("NewObjection");

export const objectionAnswerSchema = z.strictObject({ answer: text(5000) }).openapi("ObjectionAnswer");

export const objectionDecisionSchema = z
  .strictObject({ decision: z.enum(["upheld", "dismissed"]), reason: text(2000) })
  .openapi("ObjectionDecision", {
    description:
      "`upheld` annuls the award: the order returns to evaluation, its draft contracts are cancelled",
  });

const objectionOutput = z.object({
  id: z.string().openapi({ example: "obj_2r6t0w3y7c1b5m9q3v7x1z4n8p" }),
  orderId: z.string(),
  awardId: z.string(),
  objector: z.object({ orgId: z.string(), name: z.string() }).nullable().openapi({
    description: "Shown to the ordering company, the bureau and the objector itself; null to others",
  }),
  reason: z.string(),
  status: z.enum(OBJECTION_STATUSES).openapi({ description: "`open` and `answered` are undecided" }),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  decision: z.enum(["upheld", "dismissed"]).nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});

export type Objection = z.infer<typeof objectionOutput>;

export const objectionSchema = objectionOutput.openapi("Objection", {
  description: "A losing bidder's objection to an award during its publicity period.",
  example: {
    id: "obj_2r6t0w3y7c1b5m9q3v7x1z4n8p",
    orderId: "ord_5m2k8q0v7x1c3b9n4p6r8t0w2y",
    awardId: "awd_0w3y7c1b5m9q3v7x1z4n8p2r6t",
    objector: null,
    reason: "Our bid met every essential skill at a lower price.",
    status: "answered",
    answer: "The winning cohort is ready a month earlier.",
    answeredAt: "2031-04-26T02:00:00.000Z",
    decision: null,
    decisionReason: null,
    decidedAt: null,
    version: 2,
    createdAt: "2031-04-25T09:00:00.000Z",
  } satisfies Objection,
});

/** The objection as one actor sees it: the objector's identity only when `objector` is given. */
export function toObjection(
  row: typeof objections.$inferSelect,
  objector: { orgId: string; name: string } | null,
): Objection {
  const at = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: row.id,
    orderId: row.orderId,
    awardId: row.awardId,
    objector,
    reason: row.reason,
    status: row.status,
    answer: row.answer,
    answeredAt: at(row.answeredAt),
    decision: row.decision,
    decisionReason: row.decisionReason,
    decidedAt: at(row.decidedAt),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}
