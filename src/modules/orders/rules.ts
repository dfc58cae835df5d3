/** Order rules zod cannot express: the effective state, cross-field checks and references, the amendment notice. */
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { occupations, type orders } from "../../db/schema";
import { HOUR } from "../../platform/clock";
import { type FieldError, invalidFields } from "../../platform/errors";
import { unknownSkillErrors } from "../taxonomy/service";
import type { OrderInput } from "./schemas";

/** An open order can be amended only while its bid deadline is at least this far away. */
export const AMENDMENT_NOTICE_MS = 72 * HOUR;

/** Start of a calendar date (UTC), the moment by which an order's talent must be ready. */
export const startOfDate = (date: string) => new Date(`${date}T00:00:00Z`);

type OrderState = Pick<typeof orders.$inferSelect, "status" | "bidDeadline">;

/** An open order whose bid deadline has passed is in evaluation, whether or not the sweep has run. */
export function effectiveStatus(row: OrderState, now: Date): OrderState["status"] {
  return row.status === "open" && row.bidDeadline <= now ? "evaluation" : row.status;
}

/**
 * Checks the whole (created or merged) order; throws one 400 naming every offending field.
 * @example await checkOrder(db, input);
 */
export async function checkOrder(db: Database, o: OrderInput): Promise<void> {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });
  if (o.headcountMin > o.headcountMax) fail("headcountMin", "must not exceed headcountMax");
  if (o.hiringCommitment.hires > o.headcountMax)
    fail("hiringCommitment.hires", "must not exceed headcountMax");
  if (o.hiringCommitment.salaryMinFen > o.hiringCommitment.salaryMaxFen) {
    fail("hiringCommitment.salaryMinFen", "must not exceed salaryMaxFen");
  }
  const bidDeadline = new Date(o.bidDeadline);
  if (new Date(o.enquiryDeadline) > bidDeadline) fail("enquiryDeadline", "must not be after bidDeadline");
  if (bidDeadline >= startOfDate(o.deliverBy)) fail("bidDeadline", "must be before deliverBy");
  const weights = Object.values(o.matchWeights ?? {});
  if (weights.length > 0 && weights.every((w) => w === 0))
    fail("matchWeights", "at least one weight must be positive");
  const [unknown, occupation] = await Promise.all([
    unknownSkillErrors(db, o.requiredSkills, "requiredSkills"),
    db.select({ code: occupations.code }).from(occupations).where(eq(occupations.code, o.occupationCode)),
  ]);
  errors.push(...unknown);
  if (occupation.length === 0) fail("occupationCode", "no such occupation");
  if (errors.length > 0) throw invalidFields(errors);
}
