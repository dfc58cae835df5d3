/** Zod schemas of match results and allocations. */
import { z } from "@hono/zod-openapi";
import { ALLOCATION_MODES, ALLOCATION_PHASES, ALLOCATION_STATUSES, PROPOSING_SIDES } from "../../db/schema";
import { pageQuery } from "../../platform/pagination";
import { occupationCode, text } from "../../platform/schemas";
import { cohortSummarySchema } from "../cohorts/schemas";
import { factorEvidenceSchema, ineligibilityEvidenceSchema } from "./evidence";

const FACTOR_NAMES = ["skills", "size", "timing", "location", "price", "trackRecord"] as const;

export const weightsSchema = z
  .object(
    Object.fromEntries(FACTOR_NAMES.map((f) => [f, z.number()])) as Record<
      (typeof FACTOR_NAMES)[number],
      z.ZodNumber
    >,
  )
  .openapi("FactorWeights", { description: "The weights used, normalised to sum 1" });

export const factorSchema = z
  .object({
    factor: z.enum(FACTOR_NAMES),
    score: z.number().openapi({ description: "0–1" }),
    weight: z.number(),
    detail: z
      .string()
      .openapi({ example: "covers 7 of 8 required skills; Solidity at level 3 of 4 required" }),
    evidence: factorEvidenceSchema,
  })
  .openapi("MatchFactor", {
    description: "One factor: its score, its weight, an English `detail` and the machine-readable `evidence`",
  });

const explained = {
  score: z.number().openapi({ description: "Weighted sum of the factor scores, 0–1", example: 0.82 }),
  eligible: z.boolean(),
  reason: z.string().optional().openapi({ description: "Why an ineligible pair is ineligible" }),
  reasonEvidence: ineligibilityEvidenceSchema.optional(),
  factors: z.array(factorSchema),
};

export const cohortMatchSchema = z
  .object({ cohort: cohortSummarySchema, ...explained })
  .openapi("CohortMatch");

export const orderSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    companyOrgId: z.string(),
    occupationCode: z.string(),
    headcountMin: z.number().int(),
    headcountMax: z.number().int(),
    city: z.string(),
    district: z.string().nullable(),
    deliverBy: z.string(),
    bidDeadline: z.string(),
    budgetPerTraineeFen: z.number().int(),
  })
  .openapi("OrderSummary");

export const orderMatchSchema = z.object({ order: orderSummarySchema, ...explained }).openapi("OrderMatch");

export const orderMatchesSchema = z
  .object({ orderId: z.string(), weights: weightsSchema, data: z.array(cohortMatchSchema) })
  .openapi("OrderMatches", { description: "Open cohorts ranked for the order, best first (ties by id)" });

export const cohortMatchesSchema = z
  .object({ cohortId: z.string(), data: z.array(orderMatchSchema.extend({ weights: weightsSchema })) })
  .openapi("CohortMatches", {
    description: "Open orders ranked for the cohort, best first (ties by id); each order has its own weights",
  });

export const matchesQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const allocationRequestSchema = z
  .strictObject({
    mode: z.enum(ALLOCATION_MODES),
    proposing: z
      .enum(PROPOSING_SIDES)
      .optional()
      .openapi({ description: "Stable mode: the side that proposes (default orders)" }),
    allowSplit: z.boolean().default(false).openapi({ description: "A cohort may serve several orders" }),
    filter: z
      .strictObject({
        occupationCodes: z.array(occupationCode).min(1).max(20).optional(),
        city: text(50).optional(),
      })
      .optional(),
  })
  .openapi("AllocationRequest");

const assignmentSchema = z.object({
  orderId: z.string(),
  cohortId: z.string(),
  headcount: z.number().int(),
  score: z.number(),
});
const underfilledSchema = z.object({
  orderId: z.string(),
  headcount: z.number().int(),
  headcountMin: z.number().int(),
});
const allocationStatsSchema = z.object({
  orders: z.number().int(),
  cohorts: z.number().int(),
  candidatePairs: z.number().int(),
  solveMs: z.number(),
});

/** What a finished allocation found: the fields a synchronous allocation returned before jobs. */
export const allocationResultSchema = z.object({
  assignments: z.array(assignmentSchema),
  objective: z.number().openapi({ description: "Σ score × headcount" }),
  underfilledOrders: z.array(underfilledSchema),
  blockingPairs: z
    .number()
    .int()
    .nullable()
    .openapi({ description: "Stable mode: pairs that would both rather be together (0 = stable)" }),
  stats: allocationStatsSchema,
});

export const allocationProgressSchema = z
  .object({
    phase: z.enum(ALLOCATION_PHASES).openapi({
      description:
        "`loading` counts open orders and cohorts read, `retrieval` orders whose top-k cohorts are found, `solve` candidate pairs of the parts solved so far",
    }),
    done: z.number().int(),
    total: z.number().int(),
  })
  .openapi("AllocationProgress");

export const allocationFailureSchema = z
  .object({
    type: z.string(),
    code: z.string().openapi({ example: "too_large_for_runtime" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
  })
  .openapi("AllocationFailure", { description: "Why the job failed, as a problem (RFC 9457 fields)" });

export const allocationSchema = z
  .object({
    id: z.string().openapi({ example: "alc_4n8p2r6t0w3y7c1b5m9q3v7x1z" }),
    status: z.enum(ALLOCATION_STATUSES),
    mode: z.enum(ALLOCATION_MODES),
    proposing: z.enum(PROPOSING_SIDES).nullable(),
    allowSplit: z.boolean(),
    filter: z
      .object({ occupationCodes: z.array(z.string()).optional(), city: z.string().optional() })
      .nullable(),
    progress: allocationProgressSchema.optional().openapi({ description: "While running" }),
    ...allocationResultSchema.partial().shape,
    problem: allocationFailureSchema.optional().openapi({ description: "When failed" }),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi("Allocation", {
    description:
      "An allocation job. When `succeeded` it carries the result (assignments, objective, underfilledOrders, blockingPairs, stats); a recommendation only, changing no order or cohort",
  });

export const allocationListQuery = pageQuery.extend({ status: z.enum(ALLOCATION_STATUSES).optional() });

export type AllocationRequest = z.infer<typeof allocationRequestSchema>;
export type AllocationResult = z.infer<typeof allocationResultSchema>;
export type AllocationView = z.infer<typeof allocationSchema>;
