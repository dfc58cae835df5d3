/** Zod schemas of contracts and the mapper from rows to the API's shape. */
import { z } from "@hono/zod-openapi";
import { CONTRACT_STATUSES, type contractVersions, type contracts } from "../../db/schema";
import type { ContractTerms } from "./terms";
import { pageQuery } from "../../platform/pagination";
import { atLeastOneField, dateString, fen, idOf, text } from "../../platform/schemas";

export const contractStatusSchema = z.enum(CONTRACT_STATUSES);

const termsSchema = z
  .object({
    headcount: z.number().int().openapi({ description: "Trainees: the awarded bid's cohortSize" }),
    pricePerTraineeFen: z.number().int(),
    totalValueFen: z.number().int().openapi({ description: "headcount × pricePerTraineeFen" }),
    startDate: z.string(),
    endDate: z.string(),
    hiringCommitment: z
      .object({
        hires: z.number().int(),
        salaryMinFen: z.number().int(),
        salaryMaxFen: z.number().int(),
        servicePeriodMonths: z.number().int(),
      })
      .openapi({
        description:
          "The order's commitment; its hires are shared among the order's contracts in proportion to headcount",
      }),
    subsidyRequestedFen: z.number().int(),
    specialTerms: z.string().nullable(),
  })
  .openapi("ContractTerms");

const signatureSchema = z
  .object({
    termsVersion: z.number().int(),
    termsSha256: z
      .string()
      .openapi({ description: "SHA-256 (hex) of the canonical terms of that version, as signed" }),
    signedBy: z.string(),
    signedAt: z.string(),
  })
  .openapi("ContractSignature");

const contractOutput = z.object({
  id: z.string().openapi({ example: "ctr_6t0w3y7c1b5m9q3v7x1z4n8p2r" }),
  orderId: z.string(),
  awardId: z.string(),
  bidId: z.string(),
  companyOrgId: z.string(),
  providerOrgId: z.string(),
  cohortId: z.string().nullable(),
  occupationCode: z.string(),
  status: contractStatusSchema,
  version: z.number().int().openapi({ description: "Bumped by every change (the ETag)" }),
  termsVersion: z
    .number()
    .int()
    .openapi({ description: "Bumped by every change of terms; signatures bind to it" }),
  terms: termsSchema,
  signatures: z
    .object({ company: signatureSchema.nullable(), provider: signatureSchema.nullable() })
    .openapi({ description: "Each party's signature of the current terms; a change of terms voids both" }),
  subsidyApprovedFen: z
    .number()
    .int()
    .nullable()
    .openapi({ description: "Set by the bureau's approval; null until then" }),
  reviewReason: z.string().nullable().openapi({ description: "The bureau's reason at its last review" }),
  hiresCommitted: z
    .number()
    .int()
    .openapi({ description: "The hiring commitment: hires the company owes under this contract" }),
  hiresMade: z
    .number()
    .int()
    .openapi({ description: "Trainees whose placement the company recorded as hired" }),
  terminationReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type Contract = z.infer<typeof contractOutput>;

export const contractSchema = contractOutput.openapi("Contract", {
  description:
    "A tripartite contract (company, provider, bureau), drafted by an award with terms from order and bid.",
  example: {
    id: "ctr_6t0w3y7c1b5m9q3v7x1z4n8p2r",
    orderId: "ord_5m2k8q0v7x1c3b9n4p6r8t0w2y",
    awardId: "awd_0w3y7c1b5m9q3v7x1z4n8p2r6t",
    bidId: "bid_7q1x8c4b6n0p5r2t7w9y3v9k2m",
    companyOrgId: "org_3v9k2m7q1x8c4b6n0p5r2t7w9y",
    providerOrgId: "org_8c4b6n0p5r2t7w9y3v9k2m7q1x",
    cohortId: null,
    occupationCode: "ai_engineer",
    status: "draft",
    version: 1,
    termsVersion: 1,
    terms: {
      headcount: 18,
      pricePerTraineeFen: 1_380_000,
      totalValueFen: 24_840_000,
      startDate: "2031-05-06",
      endDate: "2031-08-22",
      hiringCommitment: {
        hires: 15,
        salaryMinFen: 1_800_000,
        salaryMaxFen: 2_600_000,
        servicePeriodMonths: 24,
      },
      subsidyRequestedFen: 0,
      specialTerms: null,
    },
    signatures: { company: null, provider: null },
    subsidyApprovedFen: null,
    reviewReason: null,
    hiresCommitted: 15,
    hiresMade: 0,
    terminationReason: null,
    createdAt: "2031-04-25T06:00:00.000Z",
    updatedAt: "2031-04-25T06:00:00.000Z",
  } satisfies Contract,
});

export const contractListQuery = pageQuery.extend({
  orderId: idOf("ord").optional(),
  status: contractStatusSchema.optional(),
  companyOrgId: idOf("org").optional(),
  providerOrgId: idOf("org").optional(),
});
export type ContractListQuery = z.infer<typeof contractListQuery>;

/** The contract as the API shows it, its terms grouped as `terms`. */
export function toContract(row: typeof contracts.$inferSelect): Contract {
  return {
    id: row.id,
    orderId: row.orderId,
    awardId: row.awardId,
    bidId: row.bidId,
    companyOrgId: row.companyOrgId,
    providerOrgId: row.providerOrgId,
    cohortId: row.cohortId,
    occupationCode: row.occupationCode,
    status: row.status,
    version: row.version,
    termsVersion: row.termsVersion,
    terms: {
      headcount: row.headcount,
      pricePerTraineeFen: row.pricePerTraineeFen,
      totalValueFen: row.totalValueFen,
      startDate: row.startDate,
      endDate: row.endDate,
      hiringCommitment: {
        hires: row.hires,
        salaryMinFen: row.salaryMinFen,
        salaryMaxFen: row.salaryMaxFen,
        servicePeriodMonths: row.servicePeriodMonths,
      },
      subsidyRequestedFen: row.subsidyRequestedFen,
      specialTerms: row.specialTerms,
    },
    signatures: { company: row.companySignature, provider: row.providerSignature },
    subsidyApprovedFen: row.subsidyApprovedFen,
    reviewReason: row.reviewReason,
    hiresCommitted: row.hires,
    hiresMade: row.hiresMade,
    terminationReason: row.terminationReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const contractPatchSchema = atLeastOneField(
  z
    .strictObject({
      startDate: dateString,
      endDate: dateString,
      subsidyRequestedFen: fen(10_000_000_000).openapi({
        description: "At most the subsidy policy in force on startDate × headcount",
      }),
      specialTerms: text(5000).nullable(),
    })
    .partial(),
).openapi("ContractPatch");
export type ContractPatch = z.infer<typeof contractPatchSchema>;

export const REVIEW_DECISIONS = ["approve", "reject", "request_changes"] as const;

export const reviewRequestSchema = z
  .strictObject({
    decision: z.enum(REVIEW_DECISIONS),
    reason: text(2000),
    subsidyApprovedFen: fen(10_000_000_000).optional().openapi({
      description: "With approve: at most the requested subsidy (default: the requested subsidy)",
    }),
  })
  .openapi("ContractReview");
export type ReviewRequest = z.infer<typeof reviewRequestSchema>;

export const startRequestSchema = z
  .strictObject({ cohortId: idOf("coh") })
  .openapi("ContractStart", { description: "The provider's planned cohort that will be trained" });

export const terminateRequestSchema = z.strictObject({ reason: text(2000) }).openapi("ContractTermination");

const contractVersionOutput = z.object({
  termsVersion: z.number().int(),
  terms: termsSchema,
  changedFields: z.array(z.string()).openapi({ description: "Empty for version 1, the terms as drafted" }),
  changedBy: z.string().nullable(),
  changedAt: z.string(),
});
export type ContractVersion = z.infer<typeof contractVersionOutput>;
export const contractVersionSchema = contractVersionOutput.openapi("ContractVersion");

/** The grouped `terms` object of the API from the flat stored terms. */
export function toTerms(t: ContractTerms): Contract["terms"] {
  const { hires, salaryMinFen, salaryMaxFen, servicePeriodMonths, ...rest } = t;
  return { ...rest, hiringCommitment: { hires, salaryMinFen, salaryMaxFen, servicePeriodMonths } };
}

/** One stored terms version as the API shows it. */
export function toContractVersion(row: typeof contractVersions.$inferSelect): ContractVersion {
  return {
    termsVersion: row.termsVersion,
    terms: toTerms(row.terms as unknown as ContractTerms),
    changedFields: row.changedFields,
    changedBy: row.changedBy,
    changedAt: row.changedAt.toISOString(),
  };
}
