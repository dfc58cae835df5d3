/** Zod schemas of the matching engine's evidence: each factor's code and parameters, for wording in any language. */
import { z } from "@hono/zod-openapi";

const rates = z
  .object({ completionRate: z.number(), certificationRate: z.number(), placementRate: z.number() })
  .openapi("DeliveryRates", { description: "Rates 0–1" });

const skillEvidence = z
  .object({
    skillId: z.string(),
    minLevel: z.number().int(),
    weight: z.number().int(),
    essential: z.boolean(),
    outcome: z.enum(["met", "shortfall", "related", "missing"]).openapi({
      description:
        "`met` at or above minLevel; `shortfall` one level short (half credit); `related` only through a parent, child or sibling skill (half credit); `missing` no credit",
    }),
    heldSkillId: z
      .string()
      .nullable()
      .openapi({ description: "The skill that earned the credit (the related one for `related`)" }),
    level: z.number().int().nullable(),
    share: z.number().nullable().openapi({ description: "Share of trainees holding heldSkillId, 0–1" }),
    credit: z.number().openapi({ description: "Credit toward this requirement, 0–1" }),
  })
  .openapi("SkillEvidence");

const sizeParams = z.object({
  size: z.number().int(),
  headcountMin: z.number().int(),
  headcountMax: z.number().int(),
});

const locationParams = z.object({
  distanceClass: z.enum(["district", "city", "remote", "elsewhere"]),
  orderCity: z.string(),
  orderDistrict: z.string().nullable().openapi({ description: "null: the order names no district" }),
  city: z.string(),
  district: z.string().nullable(),
  mode: z.enum(["onsite", "online", "hybrid"]),
});

const priceParams = z.object({
  priceFen: z.number().int(),
  budgetFen: z.number().int(),
  overBudgetRatio: z.number().openapi({ description: "(price − budget) / budget when over budget, else 0" }),
});

const variant = <C extends string, P extends z.ZodTypeAny>(codes: [C, ...C[]], params: P) =>
  z.object({ code: z.enum(codes), params });

/** One factor's evidence: `code` says which situation applies, `params` carries its figures. */
export const factorEvidenceSchema = z
  .union([
    variant(["skills_none_required"], z.object({}).strict()),
    variant(
      ["skills_coverage"],
      z.object({ required: z.number().int(), covered: z.number().int(), skills: z.array(skillEvidence) }),
    ),
    variant(["size_within", "size_below", "size_above"], sizeParams),
    variant(
      ["timing_on_time"],
      z.object({ readyDate: z.string(), deliverBy: z.string(), daysEarly: z.number().int() }),
    ),
    variant(
      ["timing_late"],
      z.object({
        readyDate: z.string(),
        deliverBy: z.string(),
        daysLate: z.number().int(),
        decayDays: z.number().int().openapi({ description: "Days late at which the timing score reaches 0" }),
      }),
    ),
    variant(
      ["location_same_district", "location_same_city", "location_remote", "location_elsewhere"],
      locationParams,
    ),
    variant(["price_no_budget", "price_within_budget", "price_over_budget"], priceParams),
    variant(["track_record_city_prior"], z.object({ city: z.string(), prior: rates })),
    variant(
      ["track_record_history"],
      z.object({
        city: z.string(),
        contracts: z.number().int(),
        rates,
        prior: rates,
        priorContracts: z
          .number()
          .int()
          .openapi({ description: "Pseudo-contracts of the city prior in the smoothing" }),
        smoothed: rates.openapi({
          description:
            "The rates the score used: (contracts × rate + priorContracts × prior) / (contracts + priorContracts)",
        }),
      }),
    ),
  ])
  .openapi("FactorEvidence", {
    description:
      "The factor's evidence as a code and its parameters, so that a client can word it in any language; skills are named by id (names from the taxonomy).",
    example: {
      code: "price_over_budget",
      params: { priceFen: 1_800_000, budgetFen: 1_500_000, overBudgetRatio: 0.2 },
    },
  });

/** Why a pair is ineligible, as a code and its parameters. */
export const ineligibilityEvidenceSchema = z
  .union([
    variant(
      ["occupation_mismatch"],
      z.object({ occupationCode: z.string(), orderOccupationCode: z.string() }),
    ),
    variant(["missing_essential_skill"], z.object({ skillId: z.string() })),
  ])
  .openapi("IneligibilityEvidence");
