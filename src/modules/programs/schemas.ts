/** Zod schemas of training programs and the mapper from rows to the API's shape. */
import { z } from "@hono/zod-openapi";
import { CERTIFICATION_TYPES, PROGRAM_MODES, PROGRAM_STATUSES, type programs } from "../../db/schema";
import { pageQuery } from "../../platform/pagination";
import { atLeastOneField, fen, idOf, level, occupationCode, skillList, text } from "../../platform/schemas";

export const programSkillSchema = z
  .strictObject({ skillId: idOf("skl").openapi({ example: "skl_large_models" }), level })
  .openapi("ProgramSkill", { description: "A skill taught and the level a graduate reaches in it" });

export const certificationSchema = z
  .strictObject({
    type: z.enum(CERTIFICATION_TYPES).openapi({ example: "vocational_skill_level" }),
    level,
  })
  .openapi("Certification");

const programFields = {
  title: text(200).openapi({ example: "Large-model application engineering bootcamp" }),
  description: text(5000).openapi({
    example:
      "Twelve weeks of prompt engineering, RAG and fine-tuning on domestic open models, ending in a team project.",
  }),
  skills: skillList(programSkillSchema),
  durationWeeks: z.number().int().min(1).max(104).openapi({ example: 12 }),
  mode: z.enum(PROGRAM_MODES).openapi({ example: "hybrid" }),
  city: text(50).openapi({ example: "Beijing" }),
  cohortCapacity: z.number().int().min(1).max(500).openapi({ example: 40 }),
  pricePerTraineeFen: fen(10_000_000).openapi({ example: 1_280_000 }),
  certification: certificationSchema,
};

const newProgramShape = z.strictObject({ ...programFields, occupationCode });

/** The documented example of a new program (also the request-body example of `POST /v1/programs`). */
export const newProgramExample: z.input<typeof newProgramShape> = {
  title: "Large-model application engineering bootcamp",
  description: "Prompt engineering, RAG and fine-tuning on domestic open models, ending in a team project.",
  occupationCode: "ai_engineer",
  skills: [
    { skillId: "skl_prompt_engineering", level: 3 },
    { skillId: "skl_retrieval_augmented_generation", level: 3 },
  ],
  durationWeeks: 12,
  mode: "hybrid",
  city: "Beijing",
  cohortCapacity: 40,
  pricePerTraineeFen: 1_280_000,
  certification: { type: "vocational_skill_level", level: 3 },
};

export const newProgramSchema = newProgramShape.openapi("NewProgram", { example: newProgramExample });

export const programPatchSchema = atLeastOneField(
  z
    .strictObject({
      ...programFields,
      occupationCode: occupationCode.openapi({
        description: "Cannot change: only the current value is accepted",
      }),
    })
    .partial(),
).openapi("ProgramPatch", { description: "Fields to change; `skills`, when sent, replaces the whole list." });

const programOutput = z.object({
  id: z.string().openapi({ example: "prg_3v9k2m7q1x8c4b6n0p5r2t7w9y" }),
  providerOrgId: z.string().openapi({ example: "org_8c4b6n0p5r2t7w9y3v9k2m7q1x" }),
  title: z.string(),
  description: z.string(),
  occupationCode: z.string().openapi({ example: "ai_engineer" }),
  skills: z.array(z.object({ skillId: z.string(), level: z.number().int() })),
  durationWeeks: z.number().int(),
  mode: z.enum(PROGRAM_MODES),
  city: z.string(),
  cohortCapacity: z.number().int(),
  pricePerTraineeFen: z.number().int(),
  certification: z.object({ type: z.enum(CERTIFICATION_TYPES), level: z.number().int() }),
  status: z.enum(PROGRAM_STATUSES),
  version: z.number().int(),
  createdAt: z.string().openapi({ example: "2026-03-02T01:00:00.000Z" }),
  updatedAt: z.string(),
});

export type Program = z.infer<typeof programOutput>;

export const programSchema = programOutput.openapi("Program", {
  description: "A provider's reusable training offering. Skills are listed by skill id.",
  example: {
    id: "prg_3v9k2m7q1x8c4b6n0p5r2t7w9y",
    providerOrgId: "org_8c4b6n0p5r2t7w9y3v9k2m7q1x",
    ...newProgramExample,
    status: "active",
    version: 1,
    createdAt: "2031-02-10T02:00:00.000Z",
    updatedAt: "2031-02-10T02:00:00.000Z",
  } satisfies Program,
});

export const programListQuery = pageQuery.extend({
  occupationCode: occupationCode.optional(),
  skillId: idOf("skl")
    .optional()
    .openapi({ description: "Programs that teach this skill", example: "skl_deep_learning" }),
  city: text(50).optional().openapi({ description: "Case-insensitive", example: "Beijing" }),
  mode: z.enum(PROGRAM_MODES).optional(),
  providerOrgId: idOf("org").optional(),
  status: z
    .enum(PROGRAM_STATUSES)
    .default("active")
    .openapi({ description: "Archived programs are listed only to their provider and the bureau" }),
});

export type NewProgram = z.infer<typeof newProgramSchema>;
export type ProgramPatch = z.infer<typeof programPatchSchema>;
export type ProgramListQuery = z.infer<typeof programListQuery>;
type ProgramRow = typeof programs.$inferSelect;

export function toProgram(row: ProgramRow, skills: { skillId: string; level: number }[]): Program {
  return {
    id: row.id,
    providerOrgId: row.providerOrgId,
    title: row.title,
    description: row.description,
    occupationCode: row.occupationCode,
    skills: skills.map((s) => ({ skillId: s.skillId, level: s.level })),
    durationWeeks: row.durationWeeks,
    mode: row.mode,
    city: row.city,
    cohortCapacity: row.cohortCapacity,
    pricePerTraineeFen: row.pricePerTraineeFen,
    certification: { type: row.certificationType, level: row.certificationLevel },
    status: row.status,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
