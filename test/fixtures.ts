/** Shared test fixtures: valid request bodies relative to the test clock, and the parties of a small marketplace. */
import { expect } from "vitest";
import { DAY } from "../src/platform/clock";
import type { TestContext } from "./helpers";

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
    hiringCommitment: {
      hires: 10,
      salaryMinFen: 1_800_000,
      salaryMaxFen: 2_600_000,
      servicePeriodMonths: 24,
    },
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

/** An organisation registered through `TestContext.org`, with its admin's token. */
export type Org = Awaited<ReturnType<TestContext["org"]>>;

/**
 * The parties program and cohort tests act as: a provider accredited for AI and big-data engineering,
 * a rival AI provider, a company and the bureau.
 */
export async function marketParties(t: TestContext) {
  return {
    provider: await t.org("provider", { accredit: ["ai_engineer", "big_data_engineer"] }),
    rival: await t.org("provider", { accredit: ["ai_engineer"] }),
    company: await t.org("company"),
    bureau: await t.bureau(),
  };
}

async function postCreated(t: TestContext, path: string, token: string, body: unknown) {
  const res = await t.call("POST", path, { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Drafts an `orderBody(overrides)` order as `token`'s company; fails the test unless it is created. */
export function createOrder(t: TestContext, token: string, overrides: Record<string, unknown> = {}) {
  return postCreated(t, "/v1/orders", token, orderBody(t.clock.now(), overrides));
}

/** Drafts and publishes an order as `token`'s (verified) company; fails the test unless both succeed. */
export async function publishedOrder(t: TestContext, token: string, overrides: Record<string, unknown> = {}) {
  const order = await createOrder(t, token, overrides);
  const res = await t.call("POST", `/v1/orders/${order.id}/publish`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Offers a `programBody(overrides)` program as `token`'s provider; fails the test unless it is created. */
export function createProgram(t: TestContext, token: string, overrides: Record<string, unknown> = {}) {
  return postCreated(t, "/v1/programs", token, programBody(overrides));
}

/** Plans a `cohortBody` cohort of `programId` as `token`'s provider; fails the test unless it is created. */
export function createCohort(
  t: TestContext,
  token: string,
  programId: string,
  overrides: Record<string, unknown> = {},
) {
  return postCreated(t, "/v1/cohorts", token, cohortBody(t.clock.now(), programId, overrides));
}

/**
 * A valid bid body for `order` (as the API returned it) and `programId`: 15 trainees at 12,000 CNY, training from a
 * week after the bid deadline until ten days before deliverBy, valid for 60 days after the deadline.
 */
export function bidBody(
  order: { bidDeadline: string; deliverBy: string },
  programId: string,
  overrides: Record<string, unknown> = {},
) {
  const deadline = new Date(order.bidDeadline).getTime();
  const deliverBy = new Date(`${order.deliverBy}T00:00:00Z`).getTime();
  return {
    programId,
    cohortSize: 15,
    pricePerTraineeFen: 1_200_000,
    startDate: date(new Date(deadline + 7 * DAY)),
    endDate: date(new Date(deliverBy - 10 * DAY)),
    proposal: "Twelve weeks of deep learning and computer vision, with a capstone on your inspection data.",
    validUntil: date(new Date(deadline + 60 * DAY)),
    ...overrides,
  };
}

/** A verified provider accredited for AI engineering (or `accredit`), with an active `programBody` program. */
export async function bidder(
  t: TestContext,
  opts: { accredit?: string[]; program?: Record<string, unknown>; city?: string } = {},
) {
  const provider = await t.org("provider", { accredit: opts.accredit ?? ["ai_engineer"], city: opts.city });
  const program = await createProgram(t, provider.token, opts.program);
  return { ...provider, programId: program.id as string };
}

/** Drafts a `bidBody` bid on `order` as `provider`; fails the test unless it is created. */
export function draftBid(
  t: TestContext,
  provider: { token: string; programId: string },
  order: { id: string; bidDeadline: string; deliverBy: string },
  overrides: Record<string, unknown> = {},
) {
  return postCreated(
    t,
    `/v1/orders/${order.id}/bids`,
    provider.token,
    bidBody(order, provider.programId, overrides),
  );
}

/** Drafts and submits a `bidBody` bid on `order` as `provider`; fails the test unless both succeed. */
export async function submittedBid(
  t: TestContext,
  provider: { token: string; programId: string },
  order: { id: string; bidDeadline: string; deliverBy: string },
  overrides: Record<string, unknown> = {},
) {
  const bid = await draftBid(t, provider, order, overrides);
  const res = await t.call("POST", `/v1/bids/${bid.id}/submit`, { token: provider.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The path of organisation `id`, or of `rest` below it (`"/verify"`, `"/accreditations"`). */
export const orgPath = (id: string, rest = "") => `/v1/organizations/${id}${rest}`;
