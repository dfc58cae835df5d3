/** Zod schemas of trainees and placements: the provider's and bureau's full view, and the company's record view. */
import { z } from "@hono/zod-openapi";
import { CERTIFICATION_TYPES, TRAINEE_STATUSES, type placements, type trainees } from "../../db/schema";
import { pageQuery } from "../../platform/pagination";
import { dateString, fen, text } from "../../platform/schemas";

/**
 * Whether a string carries something that looks like a full national ID number: 18 characters (17 digits and a
 * digit or X) or the old 15 digits, however it is spaced. Such numbers are never stored.
 */
export function looksLikeNationalId(value: string): boolean {
  return /\d{15,}|\d{17}[xX]/.test(value.replace(/[\s-]/g, ""));
}

const noNationalId = <T extends z.ZodType<string>>(schema: T) =>
  schema.refine((s) => !looksLikeNationalId(s), "looks like a national ID number, which is never stored");

const newTraineeSchema = z
  .strictObject({
    name: noNationalId(text(100)).openapi({ example: "张晓明" }),
    email: noNationalId(z.email().max(254)).optional().openapi({ example: "xiaoming.zhang@example.cn" }),
    phone: noNationalId(z.string().regex(/^\+?[0-9 ()-]{5,20}$/, "not a phone number"))
      .optional()
      .openapi({ example: "13800138000" }),
    idLast4: z
      .string()
      .regex(/^[0-9]{3}[0-9Xx]$/, "the last four characters of the ID number (digits, or X last)")
      .optional()
      .openapi({
        description: "Only the last four characters; a full ID number is refused",
        example: "123X",
      }),
  })
  .openapi("NewTrainee");

export const enrolmentExample = {
  trainees: [
    { name: "张晓明", email: "xiaoming.zhang@example.cn", phone: "13800138000", idLast4: "123X" },
    { name: "李娜", phone: "13900139000" },
  ],
};

export const enrolmentSchema = z
  .strictObject({ trainees: z.array(newTraineeSchema).min(1).max(500) })
  .openapi("Enrolment", { description: "1–500 trainees enrolled together", example: enrolmentExample });

export const traineePatchSchema = z
  .strictObject({
    status: z.enum(["completed", "dropped"]),
    statusDate: dateString.openapi({
      description: "The day the trainee completed or dropped out: not before enrolment, not in the future",
      example: "2031-07-15",
    }),
  })
  .openapi("TraineeStatusChange");

export const certificateSummarySchema = z
  .object({
    certificateNo: z.string(),
    occupationCode: z.string(),
    certificationType: z.enum(CERTIFICATION_TYPES),
    level: z.number().int(),
    assessedOn: z.string(),
  })
  .openapi("TraineeCertificate");

const placementOutput = z.object({
  traineeId: z.string(),
  contractId: z.string(),
  hired: z.boolean(),
  hiredOn: z.string().nullable(),
  salaryFen: z.number().int().nullable().openapi({ description: "Monthly salary, integer fen" }),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Placement = z.infer<typeof placementOutput>;
export const placementSchema = placementOutput.openapi("Placement");

const recordFields = {
  id: z.string().openapi({ example: "trn_2r6t0w3y7c1b5m9q3v7x1z4n8p" }),
  cohortId: z.string(),
  contractId: z.string(),
  name: z.string().openapi({ example: "张晓明" }),
  status: z.enum(TRAINEE_STATUSES),
  enrolledOn: z.string(),
  statusDate: z
    .string()
    .nullable()
    .openapi({ description: "When completed or dropped; null while enrolled" }),
  certificates: z.array(certificateSummarySchema).openapi({ description: "Passed assessments" }),
  placement: placementSchema.nullable().optional().openapi({
    description: "Recorded by the company; null until then. Not shown to assessors.",
  }),
  version: z.number().int(),
};

/** What the contracted company and the assessors see: names, status, certificates (and placement). */
export const traineeRecordSchema = z.object(recordFields).strict().openapi("TraineeRecord", {
  description: "A trainee as the contracted company (and an assessor) sees it: no contact data.",
});

/** The provider's and the bureau's view, with contact data. */
export const traineeSchema = z
  .object({
    ...recordFields,
    providerOrgId: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    idLast4: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Trainee", { description: "A trainee as its provider and the bureau see it." });

export const traineeViewSchema = z.union([traineeSchema, traineeRecordSchema]).openapi("TraineeView", {
  description: "`Trainee` for the provider and the bureau; `TraineeRecord` for the company and assessors.",
});

export const traineeListQuery = pageQuery.extend({ status: z.enum(TRAINEE_STATUSES).optional() });

export const placementInputSchema = z
  .strictObject({
    hired: z.boolean(),
    hiredOn: dateString
      .optional()
      .openapi({ description: "Default: today; only with hired", example: "2031-08-01" }),
    salaryFen: fen(100_000_000).optional().openapi({ description: "Monthly salary; only with hired" }),
  })
  .superRefine((p, ctx) => {
    if (p.hired) return;
    for (const key of ["hiredOn", "salaryFen"] as const)
      if (p[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "only when hired" });
  })
  .openapi("PlacementInput");

export type Enrolment = z.infer<typeof enrolmentSchema>;
export type TraineePatch = z.infer<typeof traineePatchSchema>;
export type Trainee = z.infer<typeof traineeSchema>;
export type TraineeRecord = z.infer<typeof traineeRecordSchema>;
export type TraineeListQuery = z.infer<typeof traineeListQuery>;
export type PlacementInput = z.infer<typeof placementInputSchema>;
export type TraineeRow = typeof trainees.$inferSelect;
export type PlacementRow = typeof placements.$inferSelect;
export type CertificateSummary = z.infer<typeof certificateSummarySchema>;

/** Which view of a trainee the caller gets. */
export type TraineeView = "full" | "company" | "assessor";

export function toPlacement(row: PlacementRow): Placement {
  return {
    traineeId: row.traineeId,
    contractId: row.contractId,
    hired: row.hired,
    hiredOn: row.hiredOn,
    salaryFen: row.salaryFen,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The trainee in the caller's view, built field by field so contact data reaches only the full view. */
export function toTraineeView(
  view: TraineeView,
  row: TraineeRow,
  certificates: CertificateSummary[],
  placement: PlacementRow | null,
): Trainee | TraineeRecord {
  const record: TraineeRecord = {
    id: row.id,
    cohortId: row.cohortId,
    contractId: row.contractId,
    name: row.name,
    status: row.status,
    enrolledOn: row.enrolledOn,
    statusDate: row.statusDate,
    certificates,
    ...(view === "assessor" ? {} : { placement: placement ? toPlacement(placement) : null }),
    version: row.version,
  };
  if (view !== "full") return record;
  return {
    ...record,
    providerOrgId: row.providerOrgId,
    email: row.email,
    phone: row.phone,
    idLast4: row.idLast4,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const contractDeliverySchema = z
  .object({
    contractId: z.string(),
    headcount: z.number().int().openapi({ description: "Trainees contracted; enrolment stops here" }),
    enrolled: z.number().int(),
    completed: z.number().int(),
    dropped: z.number().int(),
    certified: z.number().int().openapi({ description: "Trainees with at least one passed assessment" }),
    hiresCommitted: z.number().int().openapi({ description: "The contract's share of the order's hires" }),
    hiresMade: z.number().int().openapi({ description: "Placements recorded as hired" }),
  })
  .openapi("ContractDelivery");
