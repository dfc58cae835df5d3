/** Zod schemas of occupations and skills. */
import { z } from "@hono/zod-openapi";
import type { occupations, skills } from "../../db/schema";
import { SECTORS } from "../../db/schema";
import { text } from "../../platform/schemas";

export const sectorSchema = z.enum(SECTORS);
const name = text(200);

export const occupationSchema = z
  .object({
    code: z.string().openapi({ example: "ai_engineer" }),
    nameEn: z.string().openapi({ example: "AI engineering technician" }),
    nameZh: z.string().openapi({ example: "人工智能工程技术人员" }),
    nationalCode: z.string().nullable().openapi({ example: "2-02-10-09" }),
    sector: sectorSchema,
    version: z.number().int(),
  })
  .openapi("Occupation");

export const skillSchema = z
  .object({
    id: z.string().openapi({ example: "skl_deep_learning" }),
    nameEn: z.string().openapi({ example: "Deep learning" }),
    nameZh: z.string().openapi({ example: "深度学习" }),
    parentId: z.string().nullable().openapi({ example: "skl_machine_learning" }),
    sector: sectorSchema,
    version: z.number().int(),
  })
  .openapi("Skill");

export const newOccupationSchema = z
  .strictObject({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, "lowercase letters, digits and _").openapi({ example: "quantum_engineer" }),
    nameEn: name,
    nameZh: name,
    nationalCode: z.string().trim().max(20).nullable().optional(),
    sector: sectorSchema,
  })
  .openapi("NewOccupation");

const nonEmpty = (patch: object) => Object.keys(patch).length > 0;

export const occupationPatchSchema = newOccupationSchema
  .omit({ code: true })
  .partial()
  .strict()
  .refine(nonEmpty, "send at least one field to change")
  .openapi("OccupationPatch");

export const newSkillSchema = z
  .strictObject({
    nameEn: name,
    nameZh: name,
    parentId: z.string().min(1).max(64).nullable().optional(),
    sector: sectorSchema,
  })
  .openapi("NewSkill");

export const skillPatchSchema = newSkillSchema.partial().strict().refine(nonEmpty, "send at least one field to change").openapi("SkillPatch");

export const skillListQuery = z.object({
  parentId: z.string().max(64).optional().openapi({ description: "Children of this skill" }),
  sector: sectorSchema.optional(),
  occupationCode: z.string().max(64).optional().openapi({ description: "Skills of the occupation's sector" }),
});

export const toOccupation = (r: typeof occupations.$inferSelect): z.infer<typeof occupationSchema> => ({
  code: r.code,
  nameEn: r.nameEn,
  nameZh: r.nameZh,
  nationalCode: r.nationalCode,
  sector: r.sector,
  version: r.version,
});

export const toSkill = (r: typeof skills.$inferSelect): z.infer<typeof skillSchema> => ({
  id: r.id,
  nameEn: r.nameEn,
  nameZh: r.nameZh,
  parentId: r.parentId,
  sector: r.sector,
  version: r.version,
});
