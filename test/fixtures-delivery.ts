/** Delivery fixtures: an active contract with its cohort bound, trainees enrolled and completed, an assessor. */
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { cohorts, contracts } from "../src/db/schema";
import { bidder, createCohort, type Org, publishedOrder, submittedBid } from "./fixtures";
import type { TestContext } from "./helpers";

export interface ActiveContractOptions {
  company?: Org;
  /** A provider from `bidder` (accredited, with a program); a new one when absent. */
  provider?: Awaited<ReturnType<typeof bidder>>;
  /** The cohort's size and the bid's cohortSize (the contract's headcount); 15 by default. */
  headcount?: number;
  /** Order overrides (occupation, hires, skills…). */
  order?: Record<string, unknown>;
  /** Program overrides when a new provider is made (occupation, certification…). */
  program?: Record<string, unknown>;
  accredit?: string[];
  /** Leave the contract as the award drafted it (and the cohort unbound). */
  draft?: boolean;
}

/**
 * A contract in `active` with its cohort bound to it: an order awarded through the API to one bid that cites a
 * cohort. The clock is left just past the order's bid deadline (`at`; the shared setup resets it before each test).
 */
export async function activeContract(t: TestContext, opts: ActiveContractOptions = {}) {
  const headcount = opts.headcount ?? 15;
  const company = opts.company ?? (await t.org("company"));
  const provider = opts.provider ?? (await bidder(t, { accredit: opts.accredit, program: opts.program }));
  const order = await publishedOrder(t, company.token, {
    headcountMin: 1,
    headcountMax: Math.max(headcount, 20),
    ...opts.order,
  });
  const cohort = await createCohort(t, provider.token, provider.programId, { size: headcount });
  const bid = await submittedBid(t, provider, order, { cohortSize: headcount, cohortId: cohort.id });
  t.clock.set(new Date(new Date(order.bidDeadline).getTime() + 1));
  const award = await t.call("POST", `/v1/orders/${order.id}/award`, {
    token: company.token,
    body: { bidIds: [bid.id], reason: "The only bid, and a good one" },
  });
  expect(award.status, JSON.stringify(award.body)).toBe(201);
  const contractId: string = award.body.contracts[0].id;
  if (opts.draft) return { company, provider, order, cohort, bid, contractId, headcount, at: t.clock.now() };
  // Until the contracts lifecycle (sign → submit → review → start) is merged, the contract is moved to `active`
  // and its cohort bound directly in the database; only this fixture does so.
  await t.db.update(contracts).set({ status: "active" }).where(eq(contracts.id, contractId));
  await t.db.update(cohorts).set({ contractId }).where(eq(cohorts.id, cohort.id));
  return { company, provider, order, cohort, bid, contractId, headcount, at: t.clock.now() };
}

export type ActiveContract = Awaited<ReturnType<typeof activeContract>>;

/** Enrols `names` in the contract's cohort as its provider; fails the test unless they are enrolled. */
export async function enrol(t: TestContext, ac: ActiveContract, names: string[]) {
  const res = await t.call("POST", `/v1/cohorts/${ac.cohort.id}/trainees`, {
    token: ac.provider.token,
    body: { trainees: names.map((name) => ({ name })) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as { id: string; name: string; version: number }[];
}

/** Moves a trainee to `completed` or `dropped` as of today, as its provider. */
export async function settle(
  t: TestContext,
  ac: ActiveContract,
  trainee: { id: string },
  status: "completed" | "dropped" = "completed",
) {
  const current = await t.call("GET", `/v1/trainees/${trainee.id}`, { token: ac.provider.token });
  const res = await t.call("PATCH", `/v1/trainees/${trainee.id}`, {
    token: ac.provider.token,
    headers: { "If-Match": `"${current.body.version}"` },
    body: { status, statusDate: t.clock.now().toISOString().slice(0, 10) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
