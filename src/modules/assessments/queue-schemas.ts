/** Zod schemas of an assessor's queue: the trainees it may assess, each with what assessing it needs. */
import { z } from "@hono/zod-openapi";
import { ASSESSMENT_RESULTS, CERTIFICATION_TYPES, TRAINEE_STATUSES } from "../../db/schema";
import { pageQuery } from "../../platform/pagination";
import { occupationCode } from "../../platform/schemas";

export const assessmentQueueQuery = pageQuery.extend({
  occupationCode: occupationCode
    .optional()
    .openapi({ description: "Only trainees training for this occupation" }),
  assessed: z.enum(["true", "false"]).optional().openapi({
    description: "`true`: only trainees this assessor has assessed; `false`: only those it has not",
  }),
  status: z.enum(TRAINEE_STATUSES).optional(),
});
export type AssessmentQueueQuery = z.infer<typeof assessmentQueueQuery>;

const lastAssessment = z.object({
  id: z.string(),
  result: z.enum(ASSESSMENT_RESULTS),
  certificationType: z.enum(CERTIFICATION_TYPES),
  level: z.number().int(),
  certificateNo: z.string().nullable(),
  assessedOn: z.string(),
});

/** One trainee of the queue: a minimal record (no contact data, no placement) and its occupation's certification. */
const queueEntry = z.object({
  traineeId: z.string().openapi({ example: "trn_2r6t0w3y7c1b5m9q3v7x1z4n8p" }),
  name: z.string().openapi({ example: "张晓明" }),
  status: z.enum(TRAINEE_STATUSES),
  enrolledOn: z.string(),
  statusDate: z.string().nullable(),
  cohortId: z.string(),
  providerName: z.string().openapi({ description: "The training provider" }),
  occupationCode: z.string().openapi({ example: "ai_engineer" }),
  certificationType: z
    .enum(CERTIFICATION_TYPES)
    .openapi({ description: "The certification the trainee's program offers (the default when recording)" }),
  certificationLevel: z.number().int().openapi({ description: "The level the program aims at" }),
  mayAssess: z.boolean().openapi({
    description:
      "Whether this assessor may record an assessment now: accredited for the occupation, not dropped",
  }),
  lastAssessment: lastAssessment
    .nullable()
    .openapi({ description: "This assessor's latest assessment of the trainee; null if none" }),
});
export type AssessmentQueueEntry = z.infer<typeof queueEntry>;
export const assessmentQueueEntrySchema = queueEntry.openapi("AssessmentQueueEntry");
