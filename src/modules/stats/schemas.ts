/** Zod schemas of the bureau's statistics: the year's overview, by sector, by provider, and the yearly target. */
import { z } from "@hono/zod-openapi";
import { CERTIFICATION_TYPES, CONTRACT_STATUSES, SECTORS } from "../../db/schema";
import { CERTIFICATION_LEVELS } from "../assessments/schemas";

export const DEFAULT_TARGET = 10_000;

export const yearSchema = z.coerce.number().int().min(2000).max(2100);
export const yearQuery = z.object({
  year: yearSchema
    .optional()
    .openapi({ description: "Calendar year; default: the current one", example: 2026 }),
});
export const yearParam = z.object({
  year: yearSchema.openapi({ param: { name: "year", in: "path" }, example: 2026 }),
});

export const targetInputSchema = z
  .strictObject({ target: z.number().int().min(1).max(10_000_000).openapi({ example: 10_000 }) })
  .openapi("StatsTargetInput");
export const targetSchema = z
  .object({
    year: z.number().int(),
    target: z.number().int(),
    updatedAt: z.string().nullable().openapi({ description: "null: never set, the default applies" }),
  })
  .openapi("StatsTarget");
export type StatsTarget = z.infer<typeof targetSchema>;

/** Every certification type and level, in a fixed order (columns of the CSV, rows of the JSON). */
export const CERTIFICATION_GRADES = CERTIFICATION_TYPES.flatMap((type) =>
  Array.from({ length: CERTIFICATION_LEVELS[type] }, (_, i) => ({ certificationType: type, level: i + 1 })),
);

const certificationsSchema = z
  .array(
    z.object({
      certificationType: z.enum(CERTIFICATION_TYPES),
      level: z.number().int(),
      certified: z
        .number()
        .int()
        .openapi({ description: "Trainees who passed at this type and level in the year" }),
    }),
  )
  .openapi({
    description: "Every type and level, zeros included; the two certifications are never added up",
  });

const contractsByStatusSchema = z
  .object(
    Object.fromEntries(CONTRACT_STATUSES.map((s) => [s, z.number().int()])) as Record<
      (typeof CONTRACT_STATUSES)[number],
      z.ZodNumber
    >,
  )
  .openapi({ description: "Contracts whose training starts in the year, by state" });

const figures = {
  enrolled: z.number().int().openapi({ description: "Trainees enrolled in the year" }),
  completed: z.number().int().openapi({ description: "Trainees who completed training in the year" }),
  certified: z.number().int().openapi({ description: "Trainees with at least one pass in the year" }),
  certifications: certificationsSchema,
  placed: z.number().int().openapi({ description: "Trainees hired in the year" }),
  subsidiesApprovedFen: z.number().int().openapi({
    description: "Subsidies the bureau approved for contracts starting in the year",
  }),
  contracts: contractsByStatusSchema,
};

export const overviewSchema = z
  .object({
    year: z.number().int(),
    target: z.number().int().openapi({ description: "Talents to train in the year; 10,000 unless set" }),
    progress: z.number().openapi({ description: "completed / target (1 = reached)" }),
    ...figures,
  })
  .openapi("StatsOverview");

export const sectorStatsSchema = z
  .object({ year: z.number().int(), data: z.array(z.object({ sector: z.enum(SECTORS), ...figures })) })
  .openapi("StatsBySector");

const rate = z
  .number()
  .nullable()
  .openapi({ description: "0–1, four decimals; null when nothing to divide by" });

export const providerStatsSchema = z
  .object({
    year: z.number().int(),
    data: z.array(
      z.object({
        providerOrgId: z.string(),
        name: z.string(),
        contracts: z.number().int().openapi({ description: "Contracts starting in the year" }),
        trainees: z.number().int().openapi({ description: "Trainees enrolled in the year" }),
        completed: z.number().int(),
        dropped: z.number().int(),
        certified: z.number().int().openapi({ description: "Completed trainees with a pass" }),
        placed: z.number().int().openapi({ description: "Completed trainees hired" }),
        completionRate: rate.openapi({ description: "completed / (completed + dropped)" }),
        certificationRate: rate.openapi({ description: "certified / completed" }),
        placementRate: rate.openapi({ description: "placed / completed" }),
      }),
    ),
  })
  .openapi("StatsByProvider", {
    description: "Per provider, over the trainees enrolled in the year, whatever the date of their outcome.",
  });

export type Figures = {
  enrolled: number;
  completed: number;
  certified: number;
  certifications: {
    certificationType: (typeof CERTIFICATION_TYPES)[number];
    level: number;
    certified: number;
  }[];
  placed: number;
  subsidiesApprovedFen: number;
  contracts: Record<(typeof CONTRACT_STATUSES)[number], number>;
};
export type Overview = z.infer<typeof overviewSchema>;
export type SectorStats = z.infer<typeof sectorStatsSchema>;
export type ProviderStats = z.infer<typeof providerStatsSchema>;
