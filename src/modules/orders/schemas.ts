/** Zod schemas of talent orders and their amendments, and the mappers from rows to the API's shapes. */
import { z } from "@hono/zod-openapi";
import { ORDER_STATUSES, type orderAmendments, type orderSkills, type orders } from "../../db/schema";
import { pageQuery } from "../../platform/pagination";
import {
  atLeastOneField,
  dateString,
  fen,
  idOf,
  instant,
  level,
  occupationCode,
  skillList,
  text,
} from "../../platform/schemas";

export const orderStatusSchema = z.enum(ORDER_STATUSES);

export const requiredSkillSchema = z
  .strictObject({
    skillId: idOf("skl").openapi({ example: "skl_deep_learning" }),
    minLevel: level,
    weight: z.number().int().min(1).max(5).openapi({ description: "Importance 1–5", example: 4 }),
    essential: z.boolean().default(false).openapi({ description: "Without it a candidate is ineligible" }),
  })
  .openapi("RequiredSkill");

const weight = z.number().min(0).max(100).optional();
export const matchWeightsSchema = z
  .strictObject({
    skills: weight,
    size: weight,
    timing: weight,
    location: weight,
    price: weight,
    trackRecord: weight,
  })
  .openapi("MatchWeights", {
    description: "Relative factor weights for matching; omitted factors keep their defaults",
  });

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
  description: text(5000).openapi({
    example: "Trainees build defect-detection models for our production lines.",
  }),
  occupationCode,
  requiredSkills: skillList(requiredSkillSchema),
  headcountMin: z.number().int().min(1).max(10_000).openapi({ example: 15 }),
  headcountMax: z.number().int().min(1).max(10_000).openapi({ example: 20 }),
  location: locationSchema,
  deliverBy: dateString.openapi({ example: "2031-09-01" }),
  budgetPerTraineeFen: fen().openapi({
    example: 1_500_000,
    description: "Budget per trainee in fen (1 CNY = 100 fen)",
  }),
  hiringCommitment: hiringCommitmentSchema,
  enquiryDeadline: instant,
  bidDeadline: instant,
  matchWeights: matchWeightsSchema.nullable().optional(),
};

const newOrderShape = z.strictObject(orderFields);

/** The documented example of a new order; its dates lie after 2030 so that it stays publishable. */
export const newOrderExample: z.input<typeof newOrderShape> = {
  title: "20 computer-vision engineers for smart-factory inspection",
  description:
    "Trainees build defect-detection models for our Yizhuang production lines and join the vision team.",
  occupationCode: "ai_engineer",
  requiredSkills: [
    { skillId: "skl_deep_learning", minLevel: 3, weight: 5, essential: true },
    { skillId: "skl_computer_vision", minLevel: 3, weight: 4 },
  ],
  headcountMin: 15,
  headcountMax: 20,
  location: { city: "Beijing", district: "Daxing" },
  deliverBy: "2031-09-01",
  budgetPerTraineeFen: 1_500_000,
  hiringCommitment: { hires: 15, salaryMinFen: 1_800_000, salaryMaxFen: 2_600_000, servicePeriodMonths: 24 },
  enquiryDeadline: "2031-04-10T10:00:00+08:00",
  bidDeadline: "2031-04-20T18:00:00+08:00",
  matchWeights: { skills: 0.5, price: 0.1 },
};

export const newOrderSchema = newOrderShape.openapi("NewOrder");
export const orderPatchSchema = atLeastOneField(newOrderShape.partial()).openapi("OrderPatch", {
  description: "While draft: any field. While open: an amendment (bidDeadline stays ≥ 72 h ahead).",
});

export type OrderInput = z.infer<typeof newOrderSchema>;
export type OrderPatch = z.infer<typeof orderPatchSchema>;

const orderOutput = z.object({
  id: z.string(),
  companyOrgId: z.string(),
  title: z.string(),
  description: z.string(),
  occupationCode: z.string(),
  requiredSkills: z.array(
    z.object({
      skillId: z.string(),
      minLevel: z.number().int(),
      weight: z.number().int(),
      essential: z.boolean(),
    }),
  ),
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
  status: orderStatusSchema.openapi({
    description: "An open order past its bidDeadline reads as evaluation",
  }),
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  bidCount: z
    .number()
    .int()
    .openapi({ description: "Submitted bids: the only bid information others see before the deadline" }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type Order = z.infer<typeof orderOutput>;

export const orderSchema = orderOutput.openapi("Order", {
  example: {
    id: "ord_5m2k8q0v7x1c3b9n4p6r8t0w2y",
    companyOrgId: "org_3v9k2m7q1x8c4b6n0p5r2t7w9y",
    ...newOrderExample,
    requiredSkills: [
      { skillId: "skl_deep_learning", minLevel: 3, weight: 5, essential: true },
      { skillId: "skl_computer_vision", minLevel: 3, weight: 4, essential: false },
    ],
    location: { city: "Beijing", district: "Daxing", remoteAllowed: false },
    matchWeights: { skills: 0.5, price: 0.1 },
    enquiryDeadline: "2031-04-10T02:00:00.000Z",
    bidDeadline: "2031-04-20T10:00:00.000Z",
    status: "open",
    version: 2,
    publishedAt: "2031-03-01T02:00:00.000Z",
    cancelReason: null,
    bidCount: 3,
    createdAt: "2031-02-27T08:30:00.000Z",
    updatedAt: "2031-03-01T02:00:00.000Z",
  } satisfies Order,
});

export const orderListQuery = pageQuery.extend({
  status: orderStatusSchema.optional(),
  occupationCode: occupationCode.optional(),
  skillId: idOf("skl").optional().openapi({ description: "Orders that require this skill" }),
  city: text(50).optional(),
  q: text(100).optional().openapi({ description: "Text in the title or description" }),
  mine: z.enum(["true", "false"]).optional().openapi({ description: "Only my organisation's orders" }),
});

export type OrderListQuery = z.infer<typeof orderListQuery>;

export const cancelSchema = z
  .strictObject({ reason: text(500).openapi({ example: "Project postponed" }) })
  .openapi("CancelRequest");

export const amendmentSchema = z
  .object({
    id: z.string().openapi({ example: "amd_2b7c9d1e3f5g7h9j1k3m5n7p9q" }),
    orderId: z.string(),
    version: z.number().int().openapi({ description: "The order's version after the amendment" }),
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    amendedByOrgId: z.string().openapi({ description: "The ordering company" }),
    amendedBy: z.string().nullable().openapi({
      description: "The editing user: shown to the ordering company and the bureau, null to others",
    }),
    amendedAt: z.string(),
  })
  .openapi("OrderAmendment");

type OrderRow = typeof orders.$inferSelect;
/** A required skill as stored, without its order's id (the order reads select it as JSON). */
export type OrderSkillRow = Omit<typeof orderSkills.$inferSelect, "orderId">;

/** The API's input shape of a stored order (the base a PATCH merges into), skills in their listed order. */
export function toOrderInput(row: OrderRow, skills: OrderSkillRow[]): OrderInput {
  return {
    title: row.title,
    description: row.description,
    occupationCode: row.occupationCode,
    requiredSkills: [...skills]
      .sort((a, b) => a.position - b.position)
      .map(({ skillId, minLevel, weight, essential }) => ({ skillId, minLevel, weight, essential })),
    headcountMin: row.headcountMin,
    headcountMax: row.headcountMax,
    location: { city: row.city, district: row.district, remoteAllowed: row.remoteAllowed },
    deliverBy: row.deliverBy,
    budgetPerTraineeFen: row.budgetPerTraineeFen,
    hiringCommitment: {
      hires: row.hires,
      salaryMinFen: row.salaryMinFen,
      salaryMaxFen: row.salaryMaxFen,
      servicePeriodMonths: row.servicePeriodMonths,
    },
    enquiryDeadline: row.enquiryDeadline.toISOString(),
    bidDeadline: row.bidDeadline.toISOString(),
    matchWeights: row.matchWeights ?? null,
  };
}

/** The order as the API shows it; `status` is the effective one (see `effectiveStatus`). */
export function toOrder(
  row: OrderRow,
  skills: OrderSkillRow[],
  extra: { status: Order["status"]; bidCount: number },
): Order {
  const input = toOrderInput(row, skills);
  return {
    id: row.id,
    companyOrgId: row.companyOrgId,
    ...input,
    location: { ...input.location, district: input.location.district ?? null },
    matchWeights: input.matchWeights ?? null,
    status: extra.status,
    version: row.version,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    cancelReason: row.cancelReason,
    bidCount: extra.bidCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** An amendment; `showEditor` reveals which user made it (the company itself and the bureau). */
export function toAmendment(
  row: typeof orderAmendments.$inferSelect,
  companyOrgId: string,
  showEditor: boolean,
): z.infer<typeof amendmentSchema> {
  return {
    id: row.id,
    orderId: row.orderId,
    version: row.version,
    changes: row.changes,
    amendedByOrgId: companyOrgId,
    amendedBy: showEditor ? row.amendedBy : null,
    amendedAt: row.amendedAt.toISOString(),
  };
}
