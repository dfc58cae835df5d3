/** Order rules zod cannot express: cross-field checks and references, reported together as one 400. */
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { occupations } from "../../db/schema";
import { AppError, type FieldError } from "../../platform/errors";
import { unknownSkillErrors } from "../taxonomy/service";
import type { OrderInput } from "./schemas";

/** Start of a calendar date (UTC), the moment by which an order's talent must be ready. */
export const startOfDate = (date: string) => new Date(`${date}T00:00:00Z`);

/**
 * Checks the whole (created or merged) order; throws one 400 naming every offending field.
 * @example await checkOrder(db, input);
 */
export async function checkOrder(db: Database, o: OrderInput): Promise<void> {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });
  if (o.headcountMin > o.headcountMax) fail("headcountMin", "must not exceed headcountMax");
  if (o.hiringCommitment.hires > o.headcountMax) fail("hiringCommitment.hires", "must not exceed headcountMax");
  if (o.hiringCommitment.salaryMinFen > o.hiringCommitment.salaryMaxFen) {
    fail("hiringCommitment.salaryMinFen", "must not exceed salaryMaxFen");
  }
  const enquiryDeadline = new Date(o.enquiryDeadline);
  const bidDeadline = new Date(o.bidDeadline);
  if (enquiryDeadline > bidDeadline) fail("enquiryDeadline", "must not be after bidDeadline");
  if (bidDeadline >= startOfDate(o.deliverBy)) fail("bidDeadline", "must be before deliverBy");

  const seen = new Set<string>();
  o.requiredSkills.forEach((s, i) => {
    if (seen.has(s.skillId)) fail(`requiredSkills.${i}.skillId`, "duplicate skill");
    seen.add(s.skillId);
  });
  const [unknown, occupation] = await Promise.all([
    unknownSkillErrors(db, o.requiredSkills, "requiredSkills"),
    db.select({ code: occupations.code }).from(occupations).where(eq(occupations.code, o.occupationCode)),
  ]);
  errors.push(...unknown);
  if (occupation.length === 0) fail("occupationCode", "no such occupation");
  if (o.matchWeights && Object.values(o.matchWeights).length > 0 && Object.values(o.matchWeights).every((w) => w === 0)) {
    fail("matchWeights", "at least one weight must be positive");
  }
  if (errors.length > 0) {
    throw new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
  }
}
