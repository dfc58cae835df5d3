/** Zod schemas of the bureau's subsidy policies and the mapper to the API's shape. */
import { z } from "@hono/zod-openapi";
import type { subsidyPolicies } from "../../db/schema";
import { dateString, fen, occupationCode } from "../../platform/schemas";

export const subsidyPolicyRequestSchema = z
  .strictObject({
    perTraineeFen: fen(100_000_000),
    validFrom: dateString,
    validUntil: dateString
      .nullable()
      .optional()
      .openapi({ description: "Inclusive; absent or null: open-ended" }),
  })
  .refine((p) => !p.validUntil || p.validUntil >= p.validFrom, {
    path: ["validUntil"],
    message: "must not be before validFrom",
  })
  .openapi("SubsidyPolicyRequest");
export type SubsidyPolicyRequest = z.infer<typeof subsidyPolicyRequestSchema>;

const policyOutput = z.object({
  occupationCode: z.string(),
  perTraineeFen: z.number().int(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type SubsidyPolicy = z.infer<typeof policyOutput>;

export const subsidyPolicySchema = policyOutput.openapi("SubsidyPolicy", {
  description:
    "The subsidy per trainee for contracts in an occupation whose start date lies in validFrom…validUntil; a contract's requested subsidy is capped at it × headcount (0 with no policy in force).",
  example: {
    occupationCode: "ai_engineer",
    perTraineeFen: 300_000,
    validFrom: "2031-01-01",
    validUntil: "2031-12-31",
    version: 1,
    updatedAt: "2030-12-20T02:00:00.000Z",
  } satisfies SubsidyPolicy,
});

export const occupationParam = z.object({
  occupationCode: occupationCode.openapi({ param: { name: "occupationCode", in: "path" } }),
});

/** The policy as the API shows it. */
export function toSubsidyPolicy(row: typeof subsidyPolicies.$inferSelect): SubsidyPolicy {
  return {
    occupationCode: row.occupationCode,
    perTraineeFen: row.perTraineeFen,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}
