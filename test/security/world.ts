/**
 * A small marketplace for the security suites, built once per test file through the API: every actor of the
 * authorization matrix, and one resource of every kind, owned by company A and provider P.
 *
 * The clock starts ten days before the context's start so that three orders can close in the past: at the start
 * `evalOrder` is in evaluation with P's bid; `awardedOrder` is awarded to P with a draft contract whose publicity
 * period is over (it can be signed); `objectedOrder` is awarded to P over the other provider's bid a day before the
 * start, still in its publicity period, with the other provider's open objection. The bureau has set an
 * `ai_engineer` subsidy policy, and P has a planned cohort kept for starting the contract.
 */
import { DAY } from "../../src/platform/clock";
import {
  cohortBody,
  createCohort,
  createProgram,
  orderBody,
  publishedOrder,
  submittedBid,
} from "../fixtures";
import { freshEmail, PASSWORD, type TestContext } from "../helpers";

/** The actors of the matrix; the owners of the fixtures are `companyAdmin`'s company and `provider`'s. */
export const ACTORS = [
  "anonymous",
  "companyAdmin",
  "companyMember",
  "otherCompany",
  "provider",
  "otherProvider",
  "assessor",
  "bureau",
  "suspended",
] as const;
export type ActorName = (typeof ACTORS)[number];

const at = (base: Date, days: number) => new Date(base.getTime() + days * DAY);

/** A closed order: published ten days before the start, bids close six days before it. */
function pastOrderBody(start: Date) {
  return {
    enquiryDeadline: at(start, -7).toISOString(),
    bidDeadline: at(start, -6).toISOString(),
  };
}

export async function buildWorld(t: TestContext) {
  const start = t.clock.now();
  t.clock.set(at(start, -10));

  const company = await t.org("company");
  const provider = await t.org("provider", { accredit: ["ai_engineer"] });
  const otherCompany = await t.org("company");
  const otherProvider = await t.org("provider", { accredit: ["ai_engineer"] });
  const assessor = await t.org("assessor", { accredit: ["ai_engineer"] });
  const bureau = await t.bureau();
  const suspendedOrg = await t.org("company");
  const pendingOrg = await t.org("provider", { verified: false });
  const spareOrg = await t.org("company");
  const policy = await t.call("PUT", "/v1/subsidy-policies/ai_engineer", {
    token: bureau,
    body: { perTraineeFen: 300_000, validFrom: "2020-01-01" },
  });
  if (policy.status !== 201)
    throw new Error(`subsidy policy: ${policy.status} ${JSON.stringify(policy.body)}`);

  const memberEmail = freshEmail("member");
  const added = await t.call("POST", `/v1/organizations/${company.orgId}/members`, {
    token: company.token,
    body: { email: memberEmail, password: PASSWORD, displayName: "A member" },
  });
  if (added.status !== 201) throw new Error(`addMember: ${added.status} ${JSON.stringify(added.body)}`);
  const memberToken = await t.login(memberEmail);

  const program = await createProgram(t, provider.token);
  const otherProgram = await createProgram(t, otherProvider.token);
  const p = { token: provider.token, programId: program.id as string };

  const evalOrder = await publishedOrder(t, company.token, pastOrderBody(start));
  const evalBid = await submittedBid(t, p, evalOrder);
  const awardedOrder = await publishedOrder(t, company.token, pastOrderBody(start));
  const awardedBid = await submittedBid(t, p, awardedOrder, { cohortSize: 15 });
  const deliveryOrder = await publishedOrder(t, company.token, pastOrderBody(start));
  const deliveryBid = await submittedBid(t, p, deliveryOrder, { cohortSize: 15 });
  const objectedOrder = await publishedOrder(t, company.token, pastOrderBody(start));
  const winningBid = await submittedBid(t, p, objectedOrder, { cohortSize: 15 });
  const losingBid = await submittedBid(
    t,
    { token: otherProvider.token, programId: otherProgram.id as string },
    objectedOrder,
    { cohortSize: 15, pricePerTraineeFen: 1_300_000 },
  );

  t.clock.set(at(start, -5));
  const award = await t.call("POST", `/v1/orders/${awardedOrder.id}/award`, {
    token: company.token,
    body: { bidIds: [awardedBid.id], reason: "The only bid, within budget" },
  });
  if (award.status !== 201) throw new Error(`award: ${award.status} ${JSON.stringify(award.body)}`);
  const contractId: string = award.body.contracts[0].id;
  const deliveryAward = await t.call("POST", `/v1/orders/${deliveryOrder.id}/award`, {
    token: company.token,
    body: { bidIds: [deliveryBid.id], reason: "The only bid, within budget" },
  });
  if (deliveryAward.status !== 201) throw new Error(`award: ${deliveryAward.status}`);
  const deliveryContractId: string = deliveryAward.body.contracts[0].id;

  t.clock.set(at(start, -1));
  const objectedAward = await t.call("POST", `/v1/orders/${objectedOrder.id}/award`, {
    token: company.token,
    body: { bidIds: [winningBid.id], reason: "The cheaper of two good bids" },
  });
  if (objectedAward.status !== 201 || !losingBid.id)
    throw new Error(`award: ${objectedAward.status} ${JSON.stringify(objectedAward.body)}`);
  const objection = await t.call("POST", `/v1/orders/${objectedOrder.id}/objections`, {
    token: otherProvider.token,
    body: { reason: "Our bid met every essential skill with a local training site." },
  });
  if (objection.status !== 201)
    throw new Error(`objection: ${objection.status} ${JSON.stringify(objection.body)}`);

  t.clock.set(start);
  const draft = async () =>
    (await t.call("POST", "/v1/orders", { token: company.token, body: orderBody(start) })).body as {
      id: string;
    };
  const draftOrder = await draft();
  const publishTarget = await draft();
  const cancelTarget = await draft();
  const spareProgram = await createProgram(t, provider.token);
  const openOrder = await publishedOrder(t, company.token);
  const openBid = (
    await t.call("POST", `/v1/orders/${openOrder.id}/bids`, {
      token: provider.token,
      body: {
        programId: program.id,
        cohortSize: 15,
        pricePerTraineeFen: 1_200_000,
        startDate: at(new Date(openOrder.bidDeadline), 7).toISOString().slice(0, 10),
        endDate: at(new Date(`${openOrder.deliverBy}T00:00:00Z`), -10)
          .toISOString()
          .slice(0, 10),
        proposal: "A draft proposal",
        validUntil: at(new Date(openOrder.bidDeadline), 60).toISOString().slice(0, 10),
      },
    })
  ).body;
  const cohort = await createCohort(t, provider.token, program.id);
  const contractCohort = await createCohort(t, provider.token, program.id);
  const enquiry = (
    await t.call("POST", `/v1/orders/${openOrder.id}/enquiries`, {
      token: provider.token,
      body: { question: "Is remote delivery acceptable for part of the program?" },
    })
  ).body;
  const invitation = await t.call("POST", `/v1/orders/${openOrder.id}/invitations`, {
    token: company.token,
    body: { providerOrgId: provider.orgId, message: "We would welcome your bid" },
  });
  if (invitation.status !== 201) throw new Error(`invite: ${invitation.status}`);
  const allocation = await t.call("POST", "/v1/matching/allocations", {
    token: bureau,
    body: { mode: "optimal" },
  });
  // Queued as a job (202); its id is what the matrix reads.
  if (allocation.status !== 202) throw new Error(`allocation: ${allocation.status}`);

  // The delivery contract, past its publicity period: signed, approved and started with a cohort of two trainees,
  // one enrolled, one completed and certified by the assessor.
  const deliveryCohort = await createCohort(t, provider.token, program.id);
  const steps: [string, string, unknown?][] = [
    ["sign", company.token],
    ["sign", provider.token],
    ["submit", provider.token],
    ["review", bureau, { decision: "approve", reason: "Within policy", subsidyApprovedFen: 0 }],
    ["start", provider.token, { cohortId: deliveryCohort.id }],
  ];
  for (const [action, token, body] of steps) {
    const res = await t.call("POST", `/v1/contracts/${deliveryContractId}/${action}`, { token, body });
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const enrolled = await t.call("POST", `/v1/cohorts/${deliveryCohort.id}/trainees`, {
    token: provider.token,
    body: { trainees: [{ name: "张晓明" }, { name: "李娜" }] },
  });
  if (enrolled.status !== 201) throw new Error(`enrol: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
  const [trainee, certified] = enrolled.body.data as { id: string; version: number }[];
  const todayDate = start.toISOString().slice(0, 10);
  const settled = await t.call("PATCH", `/v1/trainees/${certified.id}`, {
    token: provider.token,
    body: { status: "completed", statusDate: todayDate },
    headers: { "If-Match": `"${certified.version}"` },
  });
  if (settled.status !== 200) throw new Error(`settle: ${settled.status} ${JSON.stringify(settled.body)}`);
  const certificateNo = "VSL-MATRIX-0001";
  const assessed = await t.call("POST", `/v1/trainees/${certified.id}/assessments`, {
    token: assessor.token,
    body: { occupationCode: "ai_engineer", level: 3, result: "pass", assessedOn: todayDate, certificateNo },
  });
  if (assessed.status !== 201) throw new Error(`assess: ${assessed.status} ${JSON.stringify(assessed.body)}`);

  const suspendedUser = await t.login(suspendedOrg.email);
  const suspend = await t.call("POST", `/v1/organizations/${suspendedOrg.orgId}/suspend`, {
    token: bureau,
    body: { reason: "Fixture: a suspended organisation" },
  });
  if (suspend.status !== 200) throw new Error(`suspend: ${suspend.status}`);

  for (const [name, id] of Object.entries({
    draftOrder,
    publishTarget,
    cancelTarget,
    openOrder,
    openBid,
    enquiry,
    cohort,
    contractCohort,
  })) {
    if (!(id as { id?: string }).id) throw new Error(`fixture ${name} was not created`);
  }

  const tokens: Record<ActorName, string | undefined> = {
    anonymous: undefined,
    companyAdmin: company.token,
    companyMember: memberToken,
    otherCompany: otherCompany.token,
    provider: provider.token,
    otherProvider: otherProvider.token,
    assessor: assessor.token,
    bureau,
    suspended: suspendedUser,
  };

  return {
    start,
    tokens,
    orgs: { company, provider, otherCompany, otherProvider, assessor, pendingOrg, spareOrg, suspendedOrg },
    program: program as { id: string },
    otherProgram: otherProgram as { id: string },
    spareProgram: spareProgram as { id: string },
    publishTarget,
    cancelTarget,
    cohort: cohort as { id: string },
    draftOrder,
    openOrder: openOrder as { id: string; bidDeadline: string; deliverBy: string },
    evalOrder: evalOrder as { id: string; bidDeadline: string; deliverBy: string },
    awardedOrder: awardedOrder as { id: string },
    openBid: openBid as { id: string },
    evalBid: evalBid as { id: string },
    enquiry: enquiry as { id: string },
    allocationId: allocation.body.id as string,
    contractId,
    contractCohort: contractCohort as { id: string },
    deliveryCohort: deliveryCohort as { id: string },
    /** Enrolled, never assessed. */
    traineeId: trainee.id,
    /** Completed, with a pass and `certificateNo` by the assessor, which therefore sees it. */
    certifiedTraineeId: certified.id,
    certificateNo,
    objectedOrder: objectedOrder as { id: string },
    objectionId: objection.body.id as string,
    cohortBody: (overrides: Record<string, unknown> = {}) => cohortBody(start, program.id, overrides),
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
