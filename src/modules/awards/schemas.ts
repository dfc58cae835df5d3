/** Zod schemas of awards and the mapper to the API's shape. */
import { z } from "@hono/zod-openapi";
import type { awards } from "../../db/schema";
import { idOf, text } from "../../platform/schemas";
import { type Contract, contractSchema } from "../contracts/schemas";

export const awardRequestSchema = z
  .strictObject({
    bidIds: z
      .array(idOf("bid"))
      .min(1)
      .max(100)
      .superRefine((ids, ctx) => {
        ids.forEach((id, i) => {
          if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: [i], message: "bid listed twice" });
        });
      }),
    reason: text(2000).openapi({
      example: "Best skills coverage and the only cohort ready a month before deliverBy, within budget.",
    }),
  })
  .openapi("AwardRequest");

export type AwardRequest = z.infer<typeof awardRequestSchema>;

const awardOutput = z.object({
  id: z.string().openapi({ example: "awd_0w3y7c1b5m9q3v7x1z4n8p2r6t" }),
  orderId: z.string(),
  reason: z.string().openapi({ description: "Shown to every bidder of the order" }),
  awardedAt: z.string(),
  publicityEndsAt: z.string().openapi({
    description:
      "The award is public and open to objection by losing bidders until then (AWARD_PUBLICITY_MINUTES); no contract is signed before",
  }),
  bidIds: z
    .array(z.string())
    .nullable()
    .openapi({ description: "The awarded bids: for the ordering company and the bureau; null for bidders" }),
  contracts: z.array(contractSchema).nullable().openapi({
    description: "The draft contracts: for the ordering company and the bureau; null for bidders",
  }),
});

export type Award = z.infer<typeof awardOutput>;

export const awardSchema = awardOutput.openapi("Award", {
  description: "An order's award. Each bidder also sees its own bid's final status on the bid.",
  example: {
    id: "awd_0w3y7c1b5m9q3v7x1z4n8p2r6t",
    orderId: "ord_5m2k8q0v7x1c3b9n4p6r8t0w2y",
    reason: "Best skills coverage and the only cohort ready a month before deliverBy, within budget.",
    awardedAt: "2031-04-25T06:00:00.000Z",
    publicityEndsAt: "2031-04-28T06:00:00.000Z",
    bidIds: ["bid_7q1x8c4b6n0p5r2t7w9y3v9k2m"],
    contracts: null,
  } satisfies Award,
});

/** The award as the actor sees it: the decision for everyone, its bids and contracts for the evaluators. */
export function toAward(
  row: typeof awards.$inferSelect,
  detail: { bidIds: string[]; contracts: Contract[] } | null,
): Award {
  return {
    id: row.id,
    orderId: row.orderId,
    reason: row.reason,
    awardedAt: row.awardedAt.toISOString(),
    publicityEndsAt: row.publicityEndsAt.toISOString(),
    bidIds: detail?.bidIds ?? null,
    contracts: detail?.contracts ?? null,
  };
}
