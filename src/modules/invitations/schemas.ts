/** Zod schemas of invitations to bid, and their mapper. */
import { z } from "@hono/zod-openapi";
import type { invitations } from "../../db/schema";
import { pageQuery } from "../../platform/pagination";
import { idOf, text } from "../../platform/schemas";

export const newInvitationSchema = z
  .strictObject({
    providerOrgId: idOf("org").openapi({
      description: "A verified provider, e.g. one found through the order's matches",
    }),
    cohortId: idOf("coh").nullable().optional().openapi({ description: "An open cohort of that provider" }),
    message: text(2000).openapi({
      example: "Your spring CV cohort fits our inspection project; we would welcome a bid.",
    }),
  })
  .openapi("NewInvitation");

export type NewInvitation = z.infer<typeof newInvitationSchema>;

export const invitationSchema = z
  .object({
    id: z.string().openapi({ example: "inv_9q3v7x1z4n8p2r6t0w3y7c1b5m" }),
    orderId: z.string(),
    companyOrgId: z.string(),
    providerOrgId: z.string(),
    cohortId: z.string().nullable(),
    message: z.string(),
    createdAt: z.string(),
  })
  .openapi("Invitation", {
    description: "An invitation to bid. It says nothing about any bid, the invited provider's included.",
    example: {
      id: "inv_9q3v7x1z4n8p2r6t0w3y7c1b5m",
      orderId: "ord_5m2k8q0v7x1c3b9n4p6r8t0w2y",
      companyOrgId: "org_3v9k2m7q1x8c4b6n0p5r2t7w9y",
      providerOrgId: "org_8c4b6n0p5r2t7w9y3v9k2m7q1x",
      cohortId: "coh_1b5m9q3v7x1z4n8p2r6t0w3y7c",
      message: "Your spring CV cohort fits our inspection project; we would welcome a bid.",
      createdAt: "2031-03-05T02:00:00.000Z",
    },
  });

export type Invitation = z.infer<typeof invitationSchema>;

export const invitationListQuery = pageQuery.extend({ orderId: idOf("ord").optional() });
export type InvitationListQuery = z.infer<typeof invitationListQuery>;

/** The invitation as the API shows it. */
export function toInvitation(row: typeof invitations.$inferSelect): Invitation {
  return {
    id: row.id,
    orderId: row.orderId,
    companyOrgId: row.companyOrgId,
    providerOrgId: row.providerOrgId,
    cohortId: row.cohortId,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
  };
}
