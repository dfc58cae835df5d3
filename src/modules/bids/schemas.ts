/** Zod schemas of sealed bids, their revisions and an order's ranked bid list, and the mappers to the API's shapes. */
import { z } from "@hono/zod-openapi";
import { BID_STATUSES, type BidTerms, type bidRevisions, type bids } from "../../db/schema";
import { pageQuery } from "../../platform/pagination";
import { atLeastOneField, dateString, fen, idOf, text } from "../../platform/schemas";
import { factorSchema, weightsSchema } from "../matching/schemas";

export const bidStatusSchema = z.enum(BID_STATUSES);

const termsFields = {
  cohortSize: z.number().int().min(1).max(10_000).openapi({
    description: "Trainees offered: 1…the order's headcountMax, within the program's capacity",
    example: 18,
  }),
  pricePerTraineeFen: fen().openapi({
    description: "Price per trainee in fen (1 CNY = 100 fen)",
    example: 1_380_000,
  }),
  startDate: dateString.openapi({ example: "2031-05-06" }),
  endDate: dateString.openapi({ description: "On or before the order's deliverBy", example: "2031-08-22" }),
  proposal: text(10_000).openapi({
    example:
      "Twelve weeks on our Yizhuang inspection line: CNN defect detection, then a capstone on your data.",
  }),
  validUntil: dateString.openapi({
    description: "The offer stands through this date (UTC), which must come after the bid deadline's date",
    example: "2031-06-30",
  }),
};

const newBidShape = z.strictObject({
  programId: idOf("prg").openapi({ description: "One of your active programs in the order's occupation" }),
  cohortId: idOf("coh")
    .nullable()
    .optional()
    .openapi({ description: "An open cohort of that program, when the bid offers one" }),
  invitationId: idOf("inv").nullable().optional().openapi({ description: "The invitation this bid answers" }),
  ...termsFields,
});

/** The documented example of a new bid, for the documented example order (its dates fit that order's). */
export const newBidExample: z.input<typeof newBidShape> = {
  programId: "prg_3v9k2m7q1x8c4b6n0p5r2t7w9y",
  cohortSize: 18,
  pricePerTraineeFen: 1_380_000,
  startDate: "2031-05-06",
  endDate: "2031-08-22",
  proposal:
    "Twelve weeks on our Yizhuang inspection line: CNN defect detection, then a capstone on your data.",
  validUntil: "2031-06-30",
};

export const newBidSchema = newBidShape.openapi("NewBid");
export const bidPatchSchema = atLeastOneField(newBidShape.partial()).openapi("BidPatch", {
  description: "The fields to change; `cohortId` or `invitationId` null removes them.",
});

export type NewBid = z.infer<typeof newBidSchema>;
export type BidPatch = z.infer<typeof bidPatchSchema>;

const termsOutput = {
  cohortSize: z.number().int(),
  pricePerTraineeFen: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  proposal: z.string(),
  validUntil: z.string(),
};

const awardNotice = z
  .object({ id: z.string(), reason: z.string(), awardedAt: z.string() })
  .openapi("AwardNotice", { description: "The order's award, shown to every bidder" });

const bidOutput = z.object({
  id: z.string().openapi({ example: "bid_7q1x8c4b6n0p5r2t7w9y3v9k2m" }),
  orderId: z.string(),
  providerOrgId: z.string(),
  programId: z.string(),
  cohortId: z.string().nullable(),
  invitationId: z.string().nullable(),
  ...termsOutput,
  status: bidStatusSchema,
  needsReconfirmation: z
    .boolean()
    .openapi({ description: "The order was amended after submission: reconfirm before the deadline" }),
  exclusion: z
    .object({ kind: z.enum(["unreconfirmed", "disqualified"]), reason: z.string() })
    .nullable()
    .openapi({ description: "Why the bid takes no part in the evaluation" }),
  award: awardNotice.nullable(),
  version: z.number().int(),
  submittedAt: z.string().nullable(),
  openedAt: z
    .string()
    .nullable()
    .openapi({ description: "When the sealed terms were opened, at the deadline" }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type Bid = z.infer<typeof bidOutput>;

const bidExample: Bid = {
  id: "bid_7q1x8c4b6n0p5r2t7w9y3v9k2m",
  orderId: "ord_5m2k8q0v7x1c3b9n4p6r8t0w2y",
  providerOrgId: "org_8c4b6n0p5r2t7w9y3v9k2m7q1x",
  programId: "prg_3v9k2m7q1x8c4b6n0p5r2t7w9y",
  cohortId: null,
  invitationId: null,
  cohortSize: 18,
  pricePerTraineeFen: 1_380_000,
  startDate: "2031-05-06",
  endDate: "2031-08-22",
  proposal:
    "Twelve weeks on our Yizhuang inspection line: CNN defect detection, then a capstone on your data.",
  validUntil: "2031-06-30",
  status: "submitted",
  needsReconfirmation: false,
  exclusion: null,
  award: null,
  version: 2,
  submittedAt: "2031-04-02T03:00:00.000Z",
  openedAt: null,
  createdAt: "2031-04-01T08:30:00.000Z",
  updatedAt: "2031-04-02T03:00:00.000Z",
};

export const bidSchema = bidOutput.openapi("Bid", {
  description:
    "A sealed bid. Before the deadline only its provider sees it; afterwards the ordering company and the bureau see every submitted bid.",
  example: bidExample,
});

export const bidRevisionSchema = z
  .object({
    id: z.string().openapi({ example: "brv_2r6t0w3y7c1b5m9q3v7x1z4n8p" }),
    bidId: z.string(),
    revision: z.number().int().openapi({ description: "1 = as first submitted" }),
    terms: z.object(termsOutput),
    changedFields: z.array(z.string()).openapi({ description: "What changed from the previous revision" }),
    revisedBy: z.string(),
    revisedAt: z.string(),
  })
  .openapi("BidRevision", {
    example: {
      id: "brv_2r6t0w3y7c1b5m9q3v7x1z4n8p",
      bidId: "bid_7q1x8c4b6n0p5r2t7w9y3v9k2m",
      revision: 2,
      terms: {
        cohortSize: 18,
        pricePerTraineeFen: 1_320_000,
        startDate: "2031-05-06",
        endDate: "2031-08-22",
        proposal: bidExample.proposal,
        validUntil: "2031-07-15",
      },
      changedFields: ["pricePerTraineeFen", "validUntil"],
      revisedBy: "usr_1x8c4b6n0p5r2t7w9y3v9k2m7q",
      revisedAt: "2031-04-05T09:00:00.000Z",
    },
  });

export const bidListQuery = pageQuery.extend({
  orderId: idOf("ord").optional(),
  status: bidStatusSchema.optional(),
});
export type BidListQuery = z.infer<typeof bidListQuery>;

export const orderBidsQuery = z.object({
  sort: z
    .enum(["score", "price"])
    .default("score")
    .openapi({ description: "`score`: best first; `price`: cheapest first (ties by score, then id)" }),
});

export const disqualifySchema = z
  .strictObject({ reason: text(2000).openapi({ example: "The proposal names no certified instructors." }) })
  .openapi("DisqualifyRequest");

export const rankedBidSchema = z
  .object({
    rank: z.number().int().nullable().openapi({
      description: "Place by score among the evaluated bids; null for excluded bids and for providers",
    }),
    score: z.number().nullable().openapi({ description: "The matching score, 0–1, once opened" }),
    eligible: z.boolean().nullable(),
    reason: z.string().optional().openapi({ description: "Why an ineligible bid is ineligible" }),
    factors: z.array(factorSchema),
    bid: bidSchema,
  })
  .openapi("RankedBid");

export const orderBidsSchema = z
  .object({
    orderId: z.string(),
    bidDeadline: z.string(),
    sealed: z.boolean().openapi({ description: "True until the bids are opened at the deadline" }),
    openedAt: z.string().nullable(),
    bidCount: z.number().int().openapi({ description: "Submitted bids" }),
    sort: z.enum(["score", "price"]),
    weights: weightsSchema,
    data: z.array(rankedBidSchema),
  })
  .openapi("OrderBids", {
    description:
      "The ordering company and the bureau: nothing but bidCount while sealed, then every submitted bid, evaluated ones ranked first and excluded ones marked. A provider: only its own bids.",
    example: {
      orderId: bidExample.orderId,
      bidDeadline: "2031-04-20T10:00:00.000Z",
      sealed: false,
      openedAt: "2031-04-20T10:00:00.000Z",
      bidCount: 1,
      sort: "score",
      weights: { skills: 0.5, size: 0.1, timing: 0.15, location: 0.1, price: 0.05, trackRecord: 0.1 },
      data: [
        {
          rank: 1,
          score: 0.91,
          eligible: true,
          factors: [
            {
              factor: "skills",
              score: 1,
              weight: 0.5,
              detail: "covers 2 of 2 required skills",
              evidence: {
                code: "skills_coverage",
                params: {
                  required: 2,
                  covered: 2,
                  skills: [
                    {
                      skillId: "skl_deep_learning",
                      minLevel: 3,
                      weight: 5,
                      essential: true,
                      outcome: "met",
                      heldSkillId: "skl_deep_learning",
                      level: 3,
                      share: 1,
                      credit: 1,
                    },
                    {
                      skillId: "skl_computer_vision",
                      minLevel: 3,
                      weight: 4,
                      essential: false,
                      outcome: "met",
                      heldSkillId: "skl_computer_vision",
                      level: 3,
                      share: 1,
                      credit: 1,
                    },
                  ],
                },
              },
            },
            {
              factor: "price",
              score: 1,
              weight: 0.05,
              detail: "¥13800.00 per trainee within the ¥15000.00 budget",
              evidence: {
                code: "price_within_budget",
                params: { priceFen: 1_380_000, budgetFen: 1_500_000, overBudgetRatio: 0 },
              },
            },
          ],
          bid: { ...bidExample, openedAt: "2031-04-20T10:00:00.000Z", version: 3 },
        },
      ],
    },
  });

type BidRow = typeof bids.$inferSelect;

/** The bid as the API shows it, from its row and its (opened or unsealed) terms. */
export function toBid(
  row: BidRow,
  terms: BidTerms,
  award: { id: string; reason: string; awardedAt: Date } | null,
): Bid {
  return {
    id: row.id,
    orderId: row.orderId,
    providerOrgId: row.providerOrgId,
    programId: row.programId,
    cohortId: row.cohortId,
    invitationId: row.invitationId,
    cohortSize: terms.cohortSize,
    pricePerTraineeFen: terms.pricePerTraineeFen,
    startDate: terms.startDate,
    endDate: terms.endDate,
    proposal: terms.proposal,
    validUntil: terms.validUntil,
    status: row.status,
    needsReconfirmation: row.needsReconfirmation,
    exclusion:
      row.status === "disqualified" && row.exclusionReason
        ? { kind: row.needsReconfirmation ? "unreconfirmed" : "disqualified", reason: row.exclusionReason }
        : null,
    award: award ? { id: award.id, reason: award.reason, awardedAt: award.awardedAt.toISOString() } : null,
    version: row.version,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    openedAt: row.openedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A revision as its provider sees it, from its row and its (opened or unsealed) terms. */
export function toRevision(
  row: typeof bidRevisions.$inferSelect,
  terms: BidTerms,
): z.infer<typeof bidRevisionSchema> {
  return {
    id: row.id,
    bidId: row.bidId,
    revision: row.revision,
    terms,
    changedFields: row.changedFields,
    revisedBy: row.revisedBy,
    revisedAt: row.revisedAt.toISOString(),
  };
}
