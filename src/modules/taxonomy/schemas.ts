/** Zod schemas of occupations and skills. */
import { z } from "@hono/zod-openapi";
import { type occupations, SECTORS, type skills } from "../../db/schema";
import { pageQuery } from "../../platform/pagination";
import { atLeastOneField, idOf, occupationCode, text } from "../../platform/schemas";

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
  .openapi("Occupation", {
    example: {
      code: "ai_engineer",
      nameEn: "AI engineering technician",
      nameZh: "人工智能工程技术人员",
      nationalCode: "2-02-10-09",
      sector: "ai",
      version: 1,
    },
  });

export const skillSchema = z
  .object({
    id: z.string().openapi({ example: "skl_deep_learning" }),
    nameEn: z.string().openapi({ example: "Deep learning" }),
    nameZh: z.string().openapi({ example: "深度学习" }),
    parentId: z.string().nullable().openapi({ example: "skl_machine_learning" }),
    sector: sectorSchema,
    version: z.number().int(),
  })
  .openapi("Skill", {
    example: {
      id: "skl_deep_learning",
      nameEn: "Deep learning",
      nameZh: "深度学习",
      parentId: "skl_machine_learning",
      sector: "ai",
      version: 1,
    },
  });

export const newOccupationSchema = z
  .strictObject({
    code: occupationCode.openapi({ example: "quantum_engineer" }),
    nameEn: name,
    nameZh: name,
    nationalCode: z.string().trim().max(20).nullable().optional(),
    sector: sectorSchema,
  })
  .openapi("NewOccupation");

export const occupationPatchSchema = atLeastOneField(
  newOccupationSchema.omit({ code: true }).partial(),
).openapi("OccupationPatch");

export const newSkillSchema = z
  .strictObject({
    nameEn: name,
    nameZh: name,
    parentId: idOf("skl").nullable().optional(),
    sector: sectorSchema,
  })
  .openapi("NewSkill");

export const skillPatchSchema = atLeastOneField(newSkillSchema.partial()).openapi("SkillPatch");

export const occupationListQuery = pageQuery.extend({ sector: sectorSchema.optional() });

export const skillListQuery = pageQuery.extend({
  parentId: idOf("skl").optional().openapi({ description: "Children of this skill" }),
  sector: sectorSchema.optional(),
  occupationCode: occupationCode.optional().openapi({ description: "Skills of the occupation's sector" }),
});

export type NewOccupation = z.infer<typeof newOccupationSchema>;
export type OccupationPatch = z.infer<typeof occupationPatchSchema>;
export type NewSkill = z.infer<typeof newSkillSchema>;
export type SkillPatch = z.infer<typeof skillPatchSchema>;
export type OccupationListQuery = z.infer<typeof occupationListQuery>;
export type SkillListQuery = z.infer<typeof skillListQuery>;

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
