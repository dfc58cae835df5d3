/** Delivery fixtures: an active contract with its cohort bound, trainees enrolled and completed, an assessor. */
import { expect } from "vitest";
import { bidder, createCohort, type Org, publishedOrder, submittedBid } from "./fixtures";
import { contractStep, endPublicity, submittedContract } from "./fixtures-contracts";
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
 * A contract in `active` with its cohort bound to it, all through the API: an order awarded to one bid that cites a
 * cohort, signed, approved and started. The clock goes back to where it began (`at`).
 */
export async function activeContract(t: TestContext, opts: ActiveContractOptions = {}) {
  const headcount = opts.headcount ?? 15;
  const began = t.clock.now();
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
  // The contract's lifecycle through the API: after the award's publicity, both sign, the bureau approves, and the
  // provider starts training with the cohort it bid.
  endPublicity(t, award.body);
  await submittedContract(t, contractId, company, provider);
  await contractStep(t, contractId, "review", await t.bureau(), { decision: "approve", reason: "In order" });
  await contractStep(t, contractId, "start", provider.token, { cohortId: cohort.id });
  // Back to where it began, so that tokens made before (they last 30 days) outlive any number of these.
  t.clock.set(began);
  return { company, provider, order, cohort, bid, contractId, headcount, at: began };
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
