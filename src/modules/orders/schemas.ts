/** Zod schemas of talent orders, amendments and enquiries. */
import { z } from "@hono/zod-openapi";
import { ORDER_STATUSES } from "../../db/schema";
import { dateString, text } from "../../platform/schemas";

const fen = (max = 100_000_000) => z.number().int().min(0).max(max);
const instant = z.iso.datetime({ offset: true }).openapi({ example: "2026-04-15T10:00:00Z" });

export const orderStatusSchema = z.enum(ORDER_STATUSES);

export const requiredSkillSchema = z
  .strictObject({
    skillId: z.string().min(1).max(64).openapi({ example: "skl_deep_learning" }),
    minLevel: z.number().int().min(1).max(5).openapi({ example: 3 }),
    weight: z.number().int().min(1).max(5).openapi({ example: 4 }),
    essential: z.boolean().default(false),
  })
  .openapi("RequiredSkill");

export const matchWeightsSchema = z
  .strictObject({
    skills: z.number().min(0).max(100).optional(),
    size: z.number().min(0).max(100).optional(),
    timing: z.number().min(0).max(100).optional(),
    location: z.number().min(0).max(100).optional(),
    price: z.number().min(0).max(100).optional(),
    trackRecord: z.number().min(0).max(100).optional(),
  })
  .openapi("MatchWeights", { description: "Relative factor weights for matching; omitted factors keep their defaults" });

const locationSchema = z.strictObject({
  city: text(50).openapi({ example: "Beijing" }),
  district: text(50).nullable().optional().openapi({ example: "Haidian" }),
  remoteAllowed: z.boolean().default(false),
});

const hiringCommitmentSchema = z.strictObject({
  hires: z.number().int().min(0).max(10_000).openapi({ example: 15 }),
  salaryMinFen: fen(10_000_000).openapi({ example: 1_800_000 }),
  salaryMaxFen: fen(10_000_000).openapi({ example: 2_600_000 }),
  servicePeriodMonths: z.number().int().min(0).max(120).openapi({ example: 24 }),
});

const orderFields = {
  title: text(200).openapi({ example: "20 computer-vision engineers for smart-factory inspection" }),
  description: text(5000).openapi({ example: "Trainees will build defect-detection models for our Yizhuang production lines." }),
  occupationCode: text(64).openapi({ example: "ai_engineer" }),
  requiredSkills: z.array(requiredSkillSchema).min(1).max(30),
  headcountMin: z.number().int().min(1).max(10_000).openapi({ example: 15 }),
  headcountMax: z.number().int().min(1).max(10_000).openapi({ example: 20 }),
  location: locationSchema,
  deliverBy: dateString.openapi({ example: "2026-09-01" }),
  budgetPerTraineeFen: fen().openapi({ example: 1_500_000, description: "Budget per trainee in fen (1 CNY = 100 fen)" }),
  hiringCommitment: hiringCommitmentSchema,
  enquiryDeadline: instant,
  bidDeadline: instant,
  matchWeights: matchWeightsSchema.nullable().optional(),
};

export const createOrderSchema = z.strictObject(orderFields).openapi("NewOrder");
export const patchOrderSchema = z
  .strictObject(orderFields)
  .partial()
  .openapi("OrderPatch", { description: "While draft: any field. While open: an amendment (bidDeadline stays ≥ 72 h ahead)." });

export type OrderInput = z.infer<typeof createOrderSchema>;
export type OrderPatch = z.infer<typeof patchOrderSchema>;

export const orderSchema = z
  .object({
    id: z.string().openapi({ example: "ord_5m2k8q0v7x1c3b9n4p6r8t0w2y" }),
    companyOrgId: z.string(),
    title: z.string(),
    description: z.string(),
    occupationCode: z.string(),
    requiredSkills: z.array(z.object({ skillId: z.string(), minLevel: z.number().int(), weight: z.number().int(), essential: z.boolean() })),
    headcountMin: z.number().int(),
    headcountMax: z.number().int(),
    location: z.object({ city: z.string(), district: z.string().nullable(), remoteAllowed: z.boolean() }),
    deliverBy: z.string(),
    budgetPerTraineeFen: z.number().int(),
    hiringCommitment: z.object({
      hires: z.number().int(),
      salaryMinFen: z.number().int(),
      salaryMaxFen: z.number().int(),
      servicePeriodMonths: z.number().int(),
    }),
    enquiryDeadline: z.string(),
    bidDeadline: z.string(),
    matchWeights: matchWeightsSchema.nullable(),
    status: orderStatusSchema.openapi({ description: "An open order past its bidDeadline reads as evaluation" }),
    version: z.number().int(),
    publishedAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    bidCount: z.number().int().openapi({ description: "Submitted bids: the only bid information others see before the deadline" }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Order");

export type OrderView = z.infer<typeof orderSchema>;

export const orderListQuery = z.object({
  status: orderStatusSchema.optional(),
  occupationCode: z.string().max(64).optional(),
  skillId: z.string().max(64).optional(),
  city: z.string().max(50).optional(),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: "Text in the title or description" }),
  mine: z.enum(["true", "false"]).optional().openapi({ description: "Only my organisation's orders" }),
});

export const cancelSchema = z.strictObject({ reason: text(500).openapi({ example: "Project postponed" }) }).openapi("CancelRequest");

export const amendmentSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    version: z.number().int().openapi({ description: "The order's version after the amendment" }),
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    amendedBy: z.string().openapi({ description: "User id" }),
    amendedAt: z.string(),
  })
  .openapi("OrderAmendment");

export const enquirySchema = z
  .object({
    id: z.string().openapi({ example: "enq_1a2b3c4d5e6f7g8h9j0k1m2n3p" }),
    orderId: z.string(),
    question: z.string(),
    answer: z.string().nullable(),
    answeredAt: z.string().nullable(),
    createdAt: z.string(),
    mine: z.boolean().openapi({ description: "Asked by the caller's organisation; the asker is never shown to anyone" }),
  })
  .openapi("Enquiry");

export const questionSchema = z.strictObject({ question: text(2000).openapi({ example: "Is a hybrid delivery mode acceptable?" }) }).openapi("NewEnquiry");
export const answerSchema = z.strictObject({ answer: text(5000).openapi({ example: "Yes, up to 40% online." }) }).openapi("EnquiryAnswer");
