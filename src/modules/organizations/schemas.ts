/** Zod schemas of organisations, users and accreditations: input, output and OpenAPI in one place. */
import { z } from "@hono/zod-openapi";
import {
  type accreditations,
  ORG_KINDS,
  ORG_STATUSES,
  type organizations,
  USER_ROLES,
  type users,
} from "../../db/schema";
import { pageQuery } from "../../platform/pagination";
import { dateString, occupationCode, text } from "../../platform/schemas";
import { isValidUscc } from "./uscc";

export const orgKindSchema = z.enum(ORG_KINDS);
export const orgStatusSchema = z.enum(ORG_STATUSES);

const organizationOutput = z.object({
  id: z.string(),
  kind: orgKindSchema,
  name: z.string(),
  city: z.string(),
  district: z.string().nullable(),
  status: orgStatusSchema,
  version: z.number().int(),
  uscc: z
    .string()
    .nullable()
    .optional()
    .openapi({ description: "Bureau and the organisation's own users only" }),
  suspendedReason: z.string().nullable().optional(),
  createdAt: z.string().optional(),
  verifiedAt: z.string().nullable().optional(),
});

export const organizationSchema = organizationOutput.openapi("Organization", {
  description:
    "Everyone sees the public summary of verified organisations; the rest is for the bureau and members.",
  example: {
    id: "org_3v9k2m7q1x8c4b6n0p5r2t7w9y",
    kind: "company",
    name: "Beijing Zhiyuan Data Technology Co., Ltd.",
    city: "Beijing",
    district: "Haidian",
    status: "verified",
    version: 2,
    uscc: "91110108551385082Q",
    suspendedReason: null,
    createdAt: "2031-01-05T02:00:00.000Z",
    verifiedAt: "2031-01-06T03:00:00.000Z",
  } satisfies z.infer<typeof organizationOutput>,
});

export const userSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(USER_ROLES),
    createdAt: z.string(),
  })
  .openapi("User", {
    example: {
      id: "usr_9y3v9k2m7q1x8c4b6n0p5r2t7w",
      orgId: "org_3v9k2m7q1x8c4b6n0p5r2t7w9y",
      email: "li.wei@zhiyuan.example.cn",
      displayName: "Li Wei",
      role: "admin",
      createdAt: "2031-01-05T02:00:00.000Z",
    },
  });

export const accreditationSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    occupationCode: z.string(),
    validUntil: z.string().openapi({ example: "2032-12-31" }),
    active: z.boolean().openapi({ description: "validUntil is today or later" }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Accreditation");

export const passwordSchema = z.string().min(10, "at least 10 characters").max(128, "at most 128 characters");
export const emailSchema = z.string().trim().toLowerCase().email().max(254);

export const newUserSchema = z.strictObject({
  email: emailSchema.openapi({ example: "li.wei@example.cn" }),
  password: passwordSchema.openapi({ example: "correct-horse-battery" }),
  displayName: text(100).openapi({ example: "Li Wei" }),
});

export const registerBodySchema = z
  .strictObject({
    organization: z.strictObject({
      kind: orgKindSchema.exclude(["bureau"], { message: "kind must be company, provider or assessor" }),
      name: text(200).openapi({ example: "Beijing Zhiyuan Data Technology Co., Ltd." }),
      uscc: z
        .string()
        .trim()
        .toUpperCase()
        .refine(isValidUscc, "not a valid Unified Social Credit Code (GB 32100-2015)")
        .openapi({ example: "91110108551385082Q" }),
      city: text(50).openapi({ example: "Beijing" }),
      district: text(50).optional().openapi({ example: "Haidian" }),
    }),
    user: newUserSchema,
  })
  .openapi("RegisterRequest");

export const memberBodySchema = newUserSchema
  .extend({ role: z.enum(USER_ROLES).default("member") })
  .openapi("NewMember");

/** A bureau user, created by the operator (CLI or bootstrap), never over the API. */
export const bureauUserSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  displayName: text(100).optional(),
});

export const suspendBodySchema = z.strictObject({ reason: text(500) }).openapi("SuspendRequest");

export const accreditBodySchema = z
  .strictObject({ occupationCode, validUntil: dateString.openapi({ example: "2032-12-31" }) })
  .openapi("AccreditRequest");

export const orgListQuery = pageQuery.extend({
  kind: orgKindSchema.optional(),
  status: orgStatusSchema.optional(),
});

export type Registration = z.infer<typeof registerBodySchema>;
export type NewMember = z.infer<typeof memberBodySchema>;
export type BureauUser = z.input<typeof bureauUserSchema>;
export type OrgListQuery = z.infer<typeof orgListQuery>;
type OrgRow = typeof organizations.$inferSelect;

/** The full view (bureau, own members) or the public summary (everyone else). */
export function toOrganization(row: OrgRow, full: boolean): z.infer<typeof organizationSchema> {
  const summary = {
    id: row.id,
    kind: row.kind,
    name: row.name,
    city: row.city,
    district: row.district,
    status: row.status,
    version: row.version,
  };
  if (!full) return summary;
  return {
    ...summary,
    uscc: row.uscc,
    suspendedReason: row.suspendedReason,
    createdAt: row.createdAt.toISOString(),
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
  };
}

export function toUser(row: typeof users.$inferSelect): z.infer<typeof userSchema> {
  return {
    id: row.id,
    orgId: row.orgId,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toAccreditation(
  row: typeof accreditations.$inferSelect,
  today: string,
): z.infer<typeof accreditationSchema> {
  return {
    id: row.id,
    orgId: row.orgId,
    occupationCode: row.occupationCode,
    validUntil: row.validUntil,
    active: row.validUntil >= today,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
