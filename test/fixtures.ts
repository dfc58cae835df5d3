/** Request bodies for marketplace resources, valid by default, relative to the test clock. */
import { DAY } from "../src/platform/clock";

const iso = (d: Date) => d.toISOString();
const date = (d: Date) => d.toISOString().slice(0, 10);

/** A valid order body: enquiries close in 10 days, bids in 14, talent due in 120. */
export function orderBody(now: Date, overrides: Record<string, unknown> = {}) {
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  return {
    title: "Computer-vision engineers for smart-factory inspection",
    description: "Defect detection on production lines in Yizhuang.",
    occupationCode: "ai_engineer",
    requiredSkills: [
      { skillId: "skl_deep_learning", minLevel: 3, weight: 5, essential: true },
      { skillId: "skl_computer_vision", minLevel: 3, weight: 4, essential: false },
    ],
    headcountMin: 10,
    headcountMax: 20,
    location: { city: "Beijing", district: "Daxing", remoteAllowed: false },
    deliverBy: date(at(120)),
    budgetPerTraineeFen: 1_500_000,
    hiringCommitment: { hires: 10, salaryMinFen: 1_800_000, salaryMaxFen: 2_600_000, servicePeriodMonths: 24 },
    enquiryDeadline: iso(at(10)),
    bidDeadline: iso(at(14)),
    ...overrides,
  };
}

/** A valid program body for an AI-engineering program. */
export function programBody(overrides: Record<string, unknown> = {}) {
  return {
    title: "Computer-vision engineering bootcamp",
    description: "Deep learning and computer vision for industrial inspection.",
    occupationCode: "ai_engineer",
    skills: [
      { skillId: "skl_deep_learning", level: 3 },
      { skillId: "skl_computer_vision", level: 3 },
    ],
    durationWeeks: 12,
    mode: "onsite",
    city: "Beijing",
    cohortCapacity: 40,
    pricePerTraineeFen: 1_200_000,
    certification: { type: "vocational_skill_level", level: 3 },
    ...overrides,
  };
}

/** A valid cohort body for `programId`, ready 90 days from `now`. */
export function cohortBody(now: Date, programId: string, overrides: Record<string, unknown> = {}) {
  return {
    programId,
    name: "Spring cohort",
    size: 15,
    readyDate: new Date(now.getTime() + 90 * DAY).toISOString().slice(0, 10),
    city: "Beijing",
    district: "Daxing",
    skills: [
      { skillId: "skl_deep_learning", level: 3, share: 1 },
      { skillId: "skl_computer_vision", level: 3, share: 0.9 },
    ],
    ...overrides,
  };
}
