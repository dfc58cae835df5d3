/** Zod schemas of cohorts: the owner's full view and the trainee-free summary shown to buyers and the bureau. */
import { z } from "@hono/zod-openapi";
import { COHORT_STATUSES, type cohortSkills, type cohorts } from "../../db/schema";
import { pageQuery } from "../../platform/pagination";
import {
  atLeastOneField,
  dateString,
  idOf,
  level,
  occupationCode,
  skillList,
  text,
} from "../../platform/schemas";

export const cohortStatusSchema = z.enum(COHORT_STATUSES);

export const cohortSkillSchema = z
  .strictObject({
    skillId: idOf("skl").openapi({ example: "skl_retrieval_augmented_generation" }),
    level,
    share: z
      .number()
      .min(0)
      .max(1)
      .openapi({ description: "Share of trainees who reach the level (0–1)", example: 0.8 }),
  })
  .openapi("CohortSkill");

const cohortFields = {
  name: text(200).openapi({ example: "2026 spring large-model class 1" }),
  size: z
    .number()
    .int()
    .min(1)
    .max(500)
    .openapi({ description: "At most the program's cohortCapacity", example: 36 }),
  readyDate: dateString.openapi({
    description: "When the trainees are ready to work (today or later)",
    example: "2031-07-15",
  }),
  city: text(50).openapi({ example: "Beijing" }),
  district: text(50).optional().openapi({ example: "Haidian" }),
  skills: skillList(cohortSkillSchema),
};

const newCohortShape = z.strictObject({
  programId: idOf("prg").openapi({ example: "prg_3v9k2m7q1x8c4b6n0p5r2t7w9y" }),
  ...cohortFields,
});

/** The documented example of a new cohort (also the request-body example of `POST /v1/cohorts`). */
export const newCohortExample: z.input<typeof newCohortShape> = {
  programId: "prg_3v9k2m7q1x8c4b6n0p5r2t7w9y",
  name: "2026 spring large-model class 1",
  size: 36,
  readyDate: "2031-07-15",
  city: "Beijing",
  district: "Haidian",
  skills: [
    { skillId: "skl_prompt_engineering", level: 3, share: 0.9 },
    { skillId: "skl_retrieval_augmented_generation", level: 3, share: 0.75 },
  ],
};

export const newCohortSchema = newCohortShape.openapi("NewCohort", { example: newCohortExample });

export const cohortPatchSchema = atLeastOneField(
  z
    .strictObject({
      ...cohortFields,
      district: text(50).nullable().optional().openapi({ description: "null clears it" }),
    })
    .partial(),
).openapi("CohortPatch", {
  description: "Only while the cohort is planned; `skills`, when sent, replaces the profile.",
});

const summaryFields = {
  id: z.string().openapi({ example: "coh_7q1x8c4b6n0p5r2t7w9y3v9k2m" }),
  programId: z.string(),
  providerOrgId: z.string(),
  occupationCode: z.string().openapi({ example: "ai_engineer" }),
  name: z.string(),
  size: z.number().int(),
  readyDate: z.string().openapi({ example: "2031-07-15" }),
  city: z.string(),
  district: z.string().nullable(),
  skills: z.array(z.object({ skillId: z.string(), level: z.number().int(), share: z.number() })),
  status: cohortStatusSchema,
  version: z.number().int(),
};

const summaryExample = {
  id: "coh_7q1x8c4b6n0p5r2t7w9y3v9k2m",
  providerOrgId: "org_8c4b6n0p5r2t7w9y3v9k2m7q1x",
  occupationCode: "ai_engineer",
  ...newCohortExample,
  district: "Haidian",
  status: "planned" as const,
  version: 1,
};

/** What a company or the bureau sees of an open cohort: its aggregate profile, never anything about trainees. */
export const cohortSummarySchema = z.object(summaryFields).strict().openapi("CohortSummary", {
  description: "An open cohort as offered for matching; no trainee data.",
  example: summaryExample,
});

/** The owning provider's view. */
export const cohortSchema = z
  .object({
    ...summaryFields,
    contractId: z
      .string()
      .nullable()
      .openapi({ description: "The contract that took the cohort; null while open" }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Cohort", {
    description: "The owning provider's view of its cohort.",
    example: {
      ...summaryExample,
      contractId: null,
      createdAt: "2031-02-12T02:00:00.000Z",
      updatedAt: "2031-02-12T02:00:00.000Z",
    },
  });

export const cohortViewSchema = z.union([cohortSchema, cohortSummarySchema]).openapi("CohortView", {
  description: "`Cohort` for the owning provider, `CohortSummary` for companies and the bureau.",
});

export const cohortListQuery = pageQuery.extend({
  programId: idOf("prg").optional(),
  occupationCode: occupationCode.optional(),
  city: text(50).optional().openapi({ description: "Case-insensitive", example: "Beijing" }),
  status: cohortStatusSchema.optional(),
  skillId: idOf("skl").optional().openapi({ description: "Cohorts whose profile includes this skill" }),
});

export type NewCohort = z.infer<typeof newCohortSchema>;
export type CohortPatch = z.infer<typeof cohortPatchSchema>;
export type Cohort = z.infer<typeof cohortSchema>;
export type CohortSummary = z.infer<typeof cohortSummarySchema>;
export type CohortListQuery = z.infer<typeof cohortListQuery>;
type CohortRow = typeof cohorts.$inferSelect;
type CohortSkillRow = Pick<typeof cohortSkills.$inferSelect, "skillId" | "level" | "share">;

/** The summary: built field by field so nothing beyond the aggregate profile can slip out. */
export function toCohortSummary(row: CohortRow, skills: CohortSkillRow[]): CohortSummary {
  return {
    id: row.id,
    programId: row.programId,
    providerOrgId: row.providerOrgId,
    occupationCode: row.occupationCode,
    name: row.name,
    size: row.size,
    readyDate: row.readyDate,
    city: row.city,
    district: row.district,
    skills: skills.map((s) => ({ skillId: s.skillId, level: s.level, share: s.share })),
    status: row.status,
    version: row.version,
  };
}

export function toCohort(row: CohortRow, skills: CohortSkillRow[]): Cohort {
  return {
    ...toCohortSummary(row, skills),
    contractId: row.contractId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
