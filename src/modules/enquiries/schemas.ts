/** Zod schemas of enquiries (questions about an open order and the company's answers), and their mapper. */
import { z } from "@hono/zod-openapi";
import type { enquiries } from "../../db/schema";
import type { Actor } from "../../platform/actor";
import { text } from "../../platform/schemas";

export const enquirySchema = z
  .object({
    id: z.string().openapi({ example: "enq_1a2b3c4d5e6f7g8h9j0k1m2n3p" }),
    orderId: z.string(),
    question: z.string(),
    answer: z.string().nullable(),
    answeredAt: z.string().nullable(),
    createdAt: z.string(),
    mine: z
      .boolean()
      .openapi({ description: "Asked by the caller's organisation; the asker is never shown to anyone" }),
  })
  .openapi("Enquiry", {
    example: {
      id: "enq_1a2b3c4d5e6f7g8h9j0k1m2n3p",
      orderId: "ord_5m2k8q0v7x1c3b9n4p6r8t0w2y",
      question: "Is a hybrid delivery mode acceptable?",
      answer: "Yes, as long as practical sessions are on site.",
      answeredAt: "2031-03-05T06:00:00.000Z",
      createdAt: "2031-03-04T01:30:00.000Z",
      mine: false,
    },
  });

export type Enquiry = z.infer<typeof enquirySchema>;

export const questionSchema = z
  .strictObject({ question: text(2000).openapi({ example: "Is a hybrid delivery mode acceptable?" }) })
  .openapi("NewEnquiry");
export const answerSchema = z
  .strictObject({ answer: text(5000).openapi({ example: "Yes, up to 40% online." }) })
  .openapi("EnquiryAnswer");

/** An enquiry as `actor` sees it: never who asked, only whether it was the caller's own organisation. */
export function toEnquiry(row: typeof enquiries.$inferSelect, actor: Actor): Enquiry {
  return {
    id: row.id,
    orderId: row.orderId,
    question: row.question,
    answer: row.answer,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    mine: row.askerOrgId === actor.orgId,
  };
}
