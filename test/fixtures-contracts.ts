/** Contract fixtures: an order awarded through the API, its draft contracts, and the steps that move them. */
import { expect } from "vitest";
import { DAY } from "../src/platform/clock";
import { type bidder, type Org, publishedOrder, submittedBid } from "./fixtures";
import type { TestContext } from "./helpers";

export type Bidder = Awaited<ReturnType<typeof bidder>>;

/**
 * An order (headcount 10–20) awarded to A (8 trainees) and B (7), with C (15) not awarded; the clock is left just
 * after the award, inside the publicity period. Returns the order, the bids and the two draft contracts.
 */
export async function awardedOrder(
  t: TestContext,
  company: Org,
  bidders: { a: Bidder; b: Bidder; c: Bidder },
) {
  const order = await publishedOrder(t, company.token);
  const bids = {
    a: await submittedBid(t, bidders.a, order, { cohortSize: 8, pricePerTraineeFen: 1_000_000 }),
    b: await submittedBid(t, bidders.b, order, { cohortSize: 7, pricePerTraineeFen: 1_100_000 }),
    c: await submittedBid(t, bidders.c, order, { cohortSize: 15, pricePerTraineeFen: 1_400_000 }),
  };
  t.clock.set(new Date(new Date(order.bidDeadline).getTime() + 1));
  const award = await t.call("POST", `/v1/orders/${order.id}/award`, {
    token: company.token,
    body: { bidIds: [bids.a.id, bids.b.id], reason: "Two local cohorts within budget" },
  });
  expect(award.status, JSON.stringify(award.body)).toBe(201);
  const contractOf = (bidId: string) =>
    award.body.contracts.find((x: { bidId: string }) => x.bidId === bidId);
  return {
    order,
    bids,
    award: award.body,
    contracts: { a: contractOf(bids.a.id), b: contractOf(bids.b.id) },
  };
}

/** Moves the clock past the award's publicity period. */
export function endPublicity(t: TestContext, award: { publicityEndsAt: string }) {
  t.clock.set(new Date(new Date(award.publicityEndsAt).getTime() + 1));
}

/** POSTs `body` to `/v1/contracts/{id}/{step}` and expects 200; returns the contract. */
export async function contractStep(t: TestContext, id: string, step: string, token: string, body?: unknown) {
  const res = await t.call("POST", `/v1/contracts/${id}/${step}`, { token, body });
  expect(res.status, `${step}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

/** Both parties sign and one submits: the contract is under review. */
export async function submittedContract(
  t: TestContext,
  id: string,
  company: Org,
  provider: { token: string },
) {
  await contractStep(t, id, "sign", company.token);
  await contractStep(t, id, "sign", provider.token);
  return contractStep(t, id, "submit", provider.token);
}

export { DAY };
