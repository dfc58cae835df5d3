/** Zod schemas of assessments and of the public certificate check. */
import { z } from "@hono/zod-openapi";
import { ASSESSMENT_RESULTS, type assessments, CERTIFICATION_TYPES } from "../../db/schema";
import { pageQuery } from "../../platform/pagination";
import { dateString, occupationCode } from "../../platform/schemas";

/** The levels of each certification, kept apart everywhere (statistics included). */
export const CERTIFICATION_LEVELS = {
  /** 职业技能等级证书: 1 = 五级/初级工 … 5 = 一级/高级技师. */
  vocational_skill_level: 5,
  /** 专业技术等级证书 (national unified standard): 1 = 初级, 2 = 中级, 3 = 高级. */
  professional_technical_grade: 3,
} as const satisfies Record<(typeof CERTIFICATION_TYPES)[number], number>;

/** A certificate number: letters, digits and dashes, compared without regard to case. */
export const certificateNo = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{3,63}$/, "4–64 letters, digits and dashes")
  .openapi({ example: "S000011010000245001234" });

const newAssessmentShape = z.strictObject({
  occupationCode: occupationCode.openapi({ description: "The occupation of the trainee's cohort" }),
  certificationType: z.enum(CERTIFICATION_TYPES).optional().openapi({
    description: "Default: the certification the trainee's program offers",
  }),
  level: z.number().int().min(1).max(5).openapi({
    description:
      "vocational_skill_level 1–5 (五级/初级工 … 一级/高级技师); professional_technical_grade 1–3 (初级/中级/高级)",
    example: 3,
  }),
  result: z.enum(ASSESSMENT_RESULTS),
  assessedOn: dateString.openapi({ description: "Not in the future", example: "2031-07-20" }),
  certificateNo: certificateNo
    .optional()
    .openapi({ description: "Required with a pass, unique across the system" }),
});

export const newAssessmentExample: z.input<typeof newAssessmentShape> = {
  occupationCode: "ai_engineer",
  certificationType: "vocational_skill_level",
  level: 3,
  result: "pass",
  assessedOn: "2031-07-20",
  certificateNo: "S000011010000245001234",
};

export const newAssessmentSchema = newAssessmentShape
  .superRefine((a, ctx) => {
    if (a.result === "pass" && !a.certificateNo)
      ctx.addIssue({ code: "custom", path: ["certificateNo"], message: "a pass needs a certificate number" });
    if (a.result === "fail" && a.certificateNo)
      ctx.addIssue({ code: "custom", path: ["certificateNo"], message: "a fail issues no certificate" });
  })
  .openapi("NewAssessment", { example: newAssessmentExample });

const assessmentOutput = z.object({
  id: z.string().openapi({ example: "asm_9q3v7x1z4n8p2r6t0w3y7c1b5m" }),
  traineeId: z.string(),
  assessorOrgId: z.string(),
  occupationCode: z.string(),
  certificationType: z.enum(CERTIFICATION_TYPES),
  level: z.number().int(),
  result: z.enum(ASSESSMENT_RESULTS),
  assessedOn: z.string(),
  certificateNo: z.string().nullable(),
  createdAt: z.string(),
});
export type Assessment = z.infer<typeof assessmentOutput>;
export const assessmentSchema = assessmentOutput.openapi("Assessment");

export const assessmentListQuery = pageQuery;

/** What anyone may learn from a certificate number, and nothing else. */
export const certificateCheckSchema = z
  .object({
    certificateNo: z.string(),
    holderName: z
      .string()
      .openapi({ description: "Masked: first and last character only", example: "张*明" }),
    occupation: z.object({ code: z.string(), nameEn: z.string(), nameZh: z.string() }),
    certificationType: z.enum(CERTIFICATION_TYPES),
    level: z.number().int(),
    assessedOn: z.string(),
    assessor: z.object({ name: z.string() }).openapi({ description: "The issuing assessor organisation" }),
  })
  .openapi("CertificateCheck", {
    example: {
      certificateNo: "S000011010000245001234",
      holderName: "张*明",
      occupation: {
        code: "ai_engineer",
        nameEn: "AI engineering technician",
        nameZh: "人工智能工程技术人员",
      },
      certificationType: "vocational_skill_level",
      level: 3,
      assessedOn: "2031-07-20",
      assessor: { name: "北京市职业技能鉴定中心" },
    },
  });
export type CertificateCheck = z.infer<typeof certificateCheckSchema>;

export const certificateParam = z.object({
  certificateNo: certificateNo.openapi({ param: { name: "certificateNo", in: "path" } }),
});

export type NewAssessment = z.infer<typeof newAssessmentSchema>;

export function toAssessment(row: typeof assessments.$inferSelect): Assessment {
  return {
    id: row.id,
    traineeId: row.traineeId,
    assessorOrgId: row.assessorOrgId,
    occupationCode: row.occupationCode,
    certificationType: row.certificationType,
    level: row.level,
    result: row.result,
    assessedOn: row.assessedOn,
    certificateNo: row.certificateNo,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * A name with only its first and last characters shown (张晓明 → 张*明, 李娜 → 李*, Ann Lee → A*****e).
 * @example maskName("欧阳明华") // "欧**华"
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return "*";
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
