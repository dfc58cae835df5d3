/** Zod schemas of training programs: input, output and OpenAPI in one place, plus the shared skill-list rules. */
import { z } from "@hono/zod-openapi";
import { CERTIFICATION_TYPES, PROGRAM_MODES, type programs } from "../../db/schema";
import { idOf, looksLikeId, text } from "../../platform/schemas";

export { idOf, looksLikeId, text };

/** A PATCH body must change something; checked only when the fields themselves are valid (no duplicate complaint). */
export const atLeastOneField = {
  message: "send at least one field to change",
  when: (payload: { issues: unknown[] }) => payload.issues.length === 0,
};

export const occupationCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,63}$/, "not an occupation code")
  .openapi({ example: "ai_engineer" });

export const levelSchema = z
  .number()
  .int()
  .min(1)
  .max(5)
  .openapi({ description: "National skill level 1–5", example: 3 });

/** Refuses a skill listed twice, naming the later entry (`skills.N.skillId`). */
export function noDuplicateSkills(list: { skillId: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  list.forEach((s, i) => {
    if (seen.has(s.skillId))
      ctx.addIssue({ code: "custom", path: [i, "skillId"], message: "skill listed twice" });
    seen.add(s.skillId);
  });
}

export const programSkillSchema = z
  .strictObject({ skillId: idOf("skl").openapi({ example: "skl_large_models" }), level: levelSchema })
  .openapi("ProgramSkill", { description: "A skill taught and the level a graduate reaches in it" });

const programSkillsSchema = z.array(programSkillSchema).min(1).max(30).superRefine(noDuplicateSkills);

export const certificationSchema = z
  .strictObject({
    type: z.enum(CERTIFICATION_TYPES).openapi({ example: "vocational_skill_level" }),
    level: levelSchema,
  })
  .openapi("Certification");

const programFields = {
  title: text(200).openapi({ example: "Large-model application engineering bootcamp" }),
  description: text(5000).openapi({
    example:
      "Twelve weeks of prompt engineering, RAG and fine-tuning on domestic open models, ending in a team project.",
  }),
  skills: programSkillsSchema,
  durationWeeks: z.number().int().min(1).max(104).openapi({ example: 12 }),
  mode: z.enum(PROGRAM_MODES).openapi({ example: "hybrid" }),
  city: text(50).openapi({ example: "Beijing" }),
  cohortCapacity: z.number().int().min(1).max(500).openapi({ example: 40 }),
  pricePerTraineeFen: z
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .openapi({ description: "Integer fen (1 CNY = 100 fen)", example: 1_280_000 }),
  certification: certificationSchema,
};

const newProgramShape = z.strictObject({ ...programFields, occupationCode: occupationCodeSchema });

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

export const programPatchSchema = z
  .strictObject({
    ...programFields,
    occupationCode: occupationCodeSchema.openapi({
      description: "Cannot change: only the current value is accepted",
    }),
  })
  .partial()
  .refine((o) => Object.keys(o).length > 0, atLeastOneField)
  .openapi("ProgramPatch", {
    description: "Fields to change; `skills`, when sent, replaces the whole list.",
  });

export const programSchema = z
  .object({
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
    status: z.enum(["active", "archived"]),
    version: z.number().int(),
    createdAt: z.string().openapi({ example: "2026-03-02T01:00:00.000Z" }),
    updatedAt: z.string(),
  })
  .openapi("Program", {
    description: "A provider's reusable training offering. Skills are listed by skill id.",
  });

export const programListQuery = z.object({
  occupationCode: occupationCodeSchema.optional(),
  skillId: idOf("skl")
    .optional()
    .openapi({ description: "Programs that teach this skill", example: "skl_deep_learning" }),
  city: text(50).optional().openapi({ description: "Case-insensitive", example: "Beijing" }),
  mode: z.enum(PROGRAM_MODES).optional(),
  providerOrgId: idOf("org").optional(),
  status: z
    .enum(["active", "archived"])
    .default("active")
    .openapi({ description: "Archived programs are listed only to their provider and the bureau" }),
});

export type NewProgram = z.infer<typeof newProgramSchema>;
export type ProgramPatch = z.infer<typeof programPatchSchema>;
export type Program = z.infer<typeof programSchema>;
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
