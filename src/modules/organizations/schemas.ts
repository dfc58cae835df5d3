/** Zod schemas of organisations, users and accreditations: input, output and OpenAPI in one place. */
import { z } from "@hono/zod-openapi";
import type { accreditations, organizations, users } from "../../db/schema";
import { dateString, text } from "../../platform/schemas";
import { isValidUscc } from "./uscc";

export const orgKindSchema = z.enum(["company", "provider", "assessor", "bureau"]);
export const orgStatusSchema = z.enum(["pending", "verified", "suspended"]);

export const organizationSchema = z
  .object({
    id: z.string().openapi({ example: "org_3v9k2m7q1x8c4b6n0p5r2t7w9y" }),
    kind: orgKindSchema,
    name: z.string(),
    city: z.string(),
    district: z.string().nullable(),
    status: orgStatusSchema,
    uscc: z.string().nullable().optional().openapi({ description: "Bureau and the organisation's own users only" }),
    suspendedReason: z.string().nullable().optional(),
    version: z.number().int().optional(),
    createdAt: z.string().optional(),
    verifiedAt: z.string().nullable().optional(),
  })
  .openapi("Organization", {
    description: "Everyone sees the public summary of verified organisations; the rest is for the bureau and members.",
  });

export const userSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(["admin", "member"]),
    createdAt: z.string(),
  })
  .openapi("User");

export const accreditationSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    occupationCode: z.string(),
    validUntil: z.string().openapi({ example: "2027-12-31" }),
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
      kind: z.enum(["company", "provider", "assessor"], { message: "kind must be company, provider or assessor" }),
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

export const memberBodySchema = newUserSchema.extend({ role: z.enum(["admin", "member"]).default("member") }).openapi("NewMember");

export const suspendBodySchema = z.strictObject({ reason: text(500) }).openapi("SuspendRequest");

export const accreditBodySchema = z
  .strictObject({ occupationCode: text(64).openapi({ example: "ai_engineer" }), validUntil: dateString })
  .openapi("AccreditRequest");

export const orgListQuery = z.object({
  kind: orgKindSchema.optional(),
  status: orgStatusSchema.optional(),
});

type OrgRow = typeof organizations.$inferSelect;

/** The full view (bureau, own members) or the public summary (everyone else). */
export function toOrganization(row: OrgRow, full: boolean): z.infer<typeof organizationSchema> {
  const summary = { id: row.id, kind: row.kind, name: row.name, city: row.city, district: row.district, status: row.status };
  if (!full) return summary;
  return {
    ...summary,
    uscc: row.uscc,
    suspendedReason: row.suspendedReason,
    version: row.version,
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

export function toAccreditation(row: typeof accreditations.$inferSelect, today: string): z.infer<typeof accreditationSchema> {
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
