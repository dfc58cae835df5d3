/** The contract lifecycle: terms versions, signatures, submission, review with subsidy caps, delivery, the order following. */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema";
import { bidder, createCohort, type Org } from "../fixtures";
import {
  awardedOrder,
  type Bidder,
  contractStep,
  endPublicity,
  submittedContract,
} from "../fixtures-contracts";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let company: Org;
let bureau: string;
let bidders: { a: Bidder; b: Bidder; c: Bidder };

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  bureau = await t.bureau();
  bidders = { a: await bidder(t), b: await bidder(t), c: await bidder(t) };
  const policy = await t.call("PUT", "/v1/subsidy-policies/ai_engineer", {
    token: bureau,
    body: { perTraineeFen: 300_000, validFrom: "2026-01-01" },
  });
  expect(policy.status, JSON.stringify(policy.body)).toBe(201);
});
afterAll(() => t.close());

const post = (path: string, token: string, body?: unknown, headers?: Record<string, string>) =>
  t.call("POST", path, { token, body, headers });
const get = (path: string, token: string) => t.call("GET", path, { token });
const patch = (id: string, token: string, body: unknown, version: number) =>
  t.call("PATCH", `/v1/contracts/${id}`, { token, body, headers: { "If-Match": `"${version}"` } });

/** An awarded order past its publicity period. */
async function signable() {
  const awarded = await awardedOrder(t, company, bidders);
  endPublicity(t, awarded.award);
  return awarded;
}

describe("changing terms", () => {
  it("bumps the terms version, keeps every version, and voids both signatures", async () => {
    const { contracts } = await signable();
    const id = contracts.a.id;
    const signed = await contractStep(t, id, "sign", company.token);
    expect(signed.signatures.company).toMatchObject({ termsVersion: 1 });
    expect(signed.signatures.company.termsSha256).toMatch(/^[0-9a-f]{64}$/);
    const changed = await patch(
      id,
      bidders.a.token,
      { specialTerms: "Weekly progress reports", subsidyRequestedFen: 1_000_000 },
      signed.version,
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      status: "draft",
      termsVersion: 2,
      version: signed.version + 1,
      signatures: { company: null, provider: null },
      terms: { specialTerms: "Weekly progress reports", subsidyRequestedFen: 1_000_000 },
    });
    const versions = await get(`/v1/contracts/${id}/versions`, bureau);
    expect(versions.status).toBe(200);
    expect(versions.body.data.map((v: { termsVersion: number }) => v.termsVersion)).toEqual([1, 2]);
    expect(versions.body.data[0]).toMatchObject({ changedFields: [], terms: { specialTerms: null } });
    expect(versions.body.data[1]).toMatchObject({
      changedFields: ["subsidyRequestedFen", "specialTerms"],
      changedBy: bidders.a.userId,
      terms: { specialTerms: "Weekly progress reports", subsidyRequestedFen: 1_000_000 },
    });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.find((r) => r.action === "update_terms")?.data).toMatchObject({
      fields: ["subsidyRequestedFen", "specialTerms"],
      signaturesVoided: true,
    });
  });

  it("is for the parties, in draft or changes_requested, under a current If-Match, within the subsidy cap", async () => {
    const { contracts } = await signable();
    const id = contracts.a.id;
    expect((await patch(id, bureau, { specialTerms: "x" }, 1)).status).toBe(403);
    expect((await patch(id, bidders.c.token, { specialTerms: "x" }, 1)).status).toBe(404);
    expect((await patch(id, company.token, { specialTerms: "x" }, 9)).status).toBe(412);
    expect((await patch(id, company.token, { status: "approved" }, 1)).status).toBe(400);
    // The cap: 3,000 CNY per trainee × 8 trainees.
    const over = await patch(id, company.token, { subsidyRequestedFen: 2_400_001 }, 1);
    expect(over.status).toBe(400);
    expect(over.body.errors[0]).toMatchObject({
      path: "subsidyRequestedFen",
      message: expect.stringMatching(/cap of 2400000/),
    });
    expect((await patch(id, company.token, { subsidyRequestedFen: 2_400_000 }, 1)).status).toBe(200);
    const bad = await patch(id, company.token, { endDate: "2020-01-01" }, 2);
    expect(bad.status).toBe(400);
    await submittedContract(t, id, company, bidders.a);
    const late = await patch(id, company.token, { specialTerms: "x" }, 5);
    expect(late.status).toBe(409);
  });
});

describe("signing and submitting", () => {
  it("binds each signature to the SHA-256 of the canonical terms; both make the contract signed", async () => {
    const { contracts } = await signable();
    const id = contracts.b.id;
    const email = `member.${Date.now()}@test.orderbridge.cn`;
    const member = await post(`/v1/organizations/${company.orgId}/members`, company.token, {
      email,
      password: "test-password-123",
      displayName: "Member",
    });
    expect(member.status, JSON.stringify(member.body)).toBe(201);
    const signAsMember = await post(`/v1/contracts/${id}/sign`, await t.login(email));
    expect(signAsMember.status).toBe(403);
    expect((await post(`/v1/contracts/${id}/sign`, bureau)).status).toBe(403);
    expect((await post(`/v1/contracts/${id}/submit`, company.token)).status).toBe(409);
    const first = await contractStep(t, id, "sign", company.token);
    expect(first.status).toBe("draft");
    expect((await post(`/v1/contracts/${id}/sign`, company.token)).status).toBe(409);
    const both = await contractStep(t, id, "sign", bidders.b.token);
    expect(both.status).toBe("signed");
    const c = both;
    const canonical = JSON.stringify(
      Object.fromEntries(
        Object.entries({
          contractId: c.id,
          orderId: c.orderId,
          companyOrgId: c.companyOrgId,
          providerOrgId: c.providerOrgId,
          occupationCode: c.occupationCode,
          termsVersion: c.termsVersion,
          headcount: c.terms.headcount,
          pricePerTraineeFen: c.terms.pricePerTraineeFen,
          totalValueFen: c.terms.totalValueFen,
          startDate: c.terms.startDate,
          endDate: c.terms.endDate,
          ...c.terms.hiringCommitment,
          subsidyRequestedFen: c.terms.subsidyRequestedFen,
          specialTerms: c.terms.specialTerms,
        }).sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
    );
    const sha = createHash("sha256").update(canonical).digest("hex");
    expect(both.signatures.company.termsSha256).toBe(sha);
    expect(both.signatures.provider).toMatchObject({
      termsVersion: 1,
      termsSha256: sha,
      signedBy: bidders.b.userId,
    });
    const submitted = await contractStep(t, id, "submit", company.token);
    expect(submitted.status).toBe("under_review");
    expect((await post(`/v1/contracts/${id}/submit`, company.token)).status).toBe(409);
  });

  it("twenty concurrent signatures by one party: one applies, one audit row, 409 for the rest", async () => {
    const { contracts } = await signable();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => post(`/v1/contracts/${contracts.a.id}/sign`, company.token)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, contracts.a.id));
    expect(audit.filter((r) => r.action === "sign_company")).toHaveLength(1);
  });

  it("the two parties signing at once both count, and the contract ends signed", async () => {
    const { contracts } = await signable();
    const [x, y] = await Promise.all([
      post(`/v1/contracts/${contracts.a.id}/sign`, company.token),
      post(`/v1/contracts/${contracts.a.id}/sign`, bidders.a.token),
    ]);
    expect([x.status, y.status]).toEqual([200, 200]);
    expect((await get(`/v1/contracts/${contracts.a.id}`, bureau)).body.status).toBe("signed");
  });

  it("twenty concurrent submissions: one applies, 409 for the rest", async () => {
    const { contracts } = await signable();
    await contractStep(t, contracts.a.id, "sign", company.token);
    await contractStep(t, contracts.a.id, "sign", bidders.a.token);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => post(`/v1/contracts/${contracts.a.id}/submit`, company.token)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
  });
});

describe("review", () => {
  it("is the bureau's; approval grants at most the requested subsidy, within the cap", async () => {
    const { contracts } = await signable();
    const id = contracts.a.id;
    await patch(id, company.token, { subsidyRequestedFen: 2_000_000 }, 1);
    await submittedContract(t, id, company, bidders.a);
    const review = (token: string, body: unknown) => post(`/v1/contracts/${id}/review`, token, body);
    expect((await review(company.token, { decision: "approve", reason: "mine" })).status).toBe(403);
    const tooMuch = await review(bureau, {
      decision: "approve",
      reason: "ok",
      subsidyApprovedFen: 2_000_001,
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors[0].path).toBe("subsidyApprovedFen");
    expect((await review(bureau, { decision: "reject", reason: "no", subsidyApprovedFen: 1 })).status).toBe(
      400,
    );
    const ok = await review(bureau, {
      decision: "approve",
      reason: "Within policy",
      subsidyApprovedFen: 1_500_000,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      status: "approved",
      subsidyApprovedFen: 1_500_000,
      reviewReason: "Within policy",
    });
    expect((await review(bureau, { decision: "reject", reason: "again" })).status).toBe(409);
  });

  it("refuses approval when the policy in force no longer covers the request", async () => {
    const { contracts } = await signable();
    const id = contracts.b.id;
    await patch(id, company.token, { subsidyRequestedFen: 2_100_000 }, 1);
    await submittedContract(t, id, company, bidders.b);
    const cut = await t.call("PUT", "/v1/subsidy-policies/ai_engineer", {
      token: bureau,
      body: { perTraineeFen: 100_000, validFrom: "2026-01-01" },
    });
    expect(cut.status).toBe(200);
    try {
      const res = await post(`/v1/contracts/${id}/review`, bureau, { decision: "approve", reason: "ok" });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toMatch(/cap of 700000/);
    } finally {
      await t.call("PUT", "/v1/subsidy-policies/ai_engineer", {
        token: bureau,
        body: { perTraineeFen: 300_000, validFrom: "2026-01-01" },
      });
    }
  });

  it("request_changes sends it back; a change of terms makes it a draft to sign again", async () => {
    const { contracts } = await signable();
    const id = contracts.a.id;
    await submittedContract(t, id, company, bidders.a);
    const back = await post(`/v1/contracts/${id}/review`, bureau, {
      decision: "request_changes",
      reason: "State the reporting duty",
    });
    expect(back.body.status).toBe("changes_requested");
    expect((await post(`/v1/contracts/${id}/sign`, company.token)).status).toBe(409);
    const changed = await patch(
      id,
      company.token,
      { specialTerms: "Monthly reports to the bureau" },
      back.body.version,
    );
    expect(changed.body).toMatchObject({
      status: "draft",
      termsVersion: 2,
      signatures: { company: null, provider: null },
    });
    const resubmitted = await submittedContract(t, id, company, bidders.a);
    expect(resubmitted.status).toBe("under_review");
  });

  it("twenty concurrent reviews: exactly one applies, one audit row, 409 for the rest", async () => {
    const { contracts } = await signable();
    await submittedContract(t, contracts.a.id, company, bidders.a);
    const decisions = ["approve", "reject", "request_changes"];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(`/v1/contracts/${contracts.a.id}/review`, bureau, {
          decision: decisions[i % 3],
          reason: `r${i}`,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, contracts.a.id));
    expect(audit.filter((r) => decisions.includes(r.action))).toHaveLength(1);
  });
});

describe("delivery and the order following its contracts", () => {
  it("approved → active (binding the cohort) → completed; the order becomes contracted, then fulfilled", async () => {
    const { order, contracts } = await signable();
    for (const [c, p] of [
      [contracts.a, bidders.a],
      [contracts.b, bidders.b],
    ] as const) {
      await submittedContract(t, c.id, company, p);
    }
    await contractStep(t, contracts.a.id, "review", bureau, { decision: "approve", reason: "ok" });
    expect((await get(`/v1/orders/${order.id}`, company.token)).body.status).toBe("awarded");
    await contractStep(t, contracts.b.id, "review", bureau, { decision: "approve", reason: "ok" });
    expect((await get(`/v1/orders/${order.id}`, company.token)).body.status).toBe("contracted");

    const cohort = await createCohort(t, bidders.a.token, bidders.a.programId);
    const foreign = await createCohort(t, bidders.b.token, bidders.b.programId);
    const start = (token: string, cohortId: string) =>
      post(`/v1/contracts/${contracts.a.id}/start`, token, { cohortId });
    expect((await start(company.token, cohort.id)).status).toBe(403);
    expect((await start(bidders.a.token, foreign.id)).status).toBe(400);
    const active = await start(bidders.a.token, cohort.id);
    expect(active.status, JSON.stringify(active.body)).toBe(200);
    expect(active.body).toMatchObject({ status: "active", cohortId: cohort.id });
    const bound = await get(`/v1/cohorts/${cohort.id}`, bidders.a.token);
    expect(bound.body.status).toBe("in_training");
    expect(
      (await post(`/v1/contracts/${contracts.b.id}/start`, bidders.b.token, { cohortId: cohort.id })).status,
    ).toBe(400);

    await contractStep(t, contracts.a.id, "complete", bidders.a.token);
    expect((await get(`/v1/orders/${order.id}`, company.token)).body.status).toBe("contracted");
    const cohortB = await createCohort(t, bidders.b.token, bidders.b.programId);
    await contractStep(t, contracts.b.id, "start", bidders.b.token, { cohortId: cohortB.id });
    await contractStep(t, contracts.b.id, "complete", company.token);
    expect((await get(`/v1/orders/${order.id}`, company.token)).body.status).toBe("fulfilled");
    expect((await post(`/v1/contracts/${contracts.b.id}/terminate`, bureau, { reason: "late" })).status).toBe(
      409,
    );
  });

  it("twenty concurrent starts: one applies, 409 for the rest; terminate by the bureau", async () => {
    const { contracts } = await signable();
    await submittedContract(t, contracts.a.id, company, bidders.a);
    await contractStep(t, contracts.a.id, "review", bureau, { decision: "approve", reason: "ok" });
    const cohorts = await Promise.all(
      Array.from({ length: 20 }, () => createCohort(t, bidders.a.token, bidders.a.programId)),
    );
    const results = await Promise.all(
      cohorts.map((c) => post(`/v1/contracts/${contracts.a.id}/start`, bidders.a.token, { cohortId: c.id })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    const stopped = await contractStep(t, contracts.a.id, "terminate", bureau, {
      reason: "Training site closed",
    });
    expect(stopped).toMatchObject({ status: "terminated", terminationReason: "Training site closed" });
    expect(
      (await post(`/v1/contracts/${contracts.b.id}/terminate`, bidders.c.token, { reason: "x" })).status,
    ).toBe(404);
  });

  it("refuses each step to the roles it is not for, and from the wrong state", async () => {
    const { contracts } = await signable();
    const id = contracts.a.id;
    const outsider = await t.org("company");
    const step = (name: string, token: string, body?: unknown) =>
      post(`/v1/contracts/${id}/${name}`, token, body);
    // Strangers do not see the contract at all.
    for (const name of ["sign", "submit", "complete"])
      expect((await step(name, outsider.token)).status).toBe(404);
    expect((await step("review", outsider.token, { decision: "approve", reason: "x" })).status).toBe(404);
    expect((await step("sign", bidders.b.token)).status).toBe(404); // the other awarded provider
    // The bureau sees it but is no party; parties do not review.
    expect((await step("sign", bureau)).status).toBe(403);
    expect((await step("submit", bureau)).status).toBe(403);
    expect((await step("complete", bureau)).status).toBe(403);
    expect((await step("review", bidders.a.token, { decision: "approve", reason: "x" })).status).toBe(403);
    // Out of order: nothing but signing applies to a draft.
    expect((await step("submit", company.token)).status).toBe(409);
    expect((await step("review", bureau, { decision: "approve", reason: "x" })).status).toBe(409);
    expect((await step("complete", company.token)).status).toBe(409);
    expect((await step("terminate", company.token, { reason: "x" })).status).toBe(409);
    const cohort = await createCohort(t, bidders.a.token, bidders.a.programId);
    expect((await step("start", bidders.a.token, { cohortId: cohort.id })).status).toBe(409);
    expect((await step("review", bureau, { decision: "maybe", reason: "x" })).status).toBe(400);
    expect((await step("terminate", company.token, {})).status).toBe(400);
  });

  it("lists contracts by status, order and parties", async () => {
    const { order, contracts } = await signable();
    await contractStep(t, contracts.a.id, "sign", company.token);
    await contractStep(t, contracts.a.id, "sign", bidders.a.token);
    const ids = async (q: string) =>
      (await get(`/v1/contracts?orderId=${order.id}&${q}`, bureau)).body.data.map(
        (c: { id: string }) => c.id,
      );
    expect(await ids("status=signed")).toEqual([contracts.a.id]);
    expect(await ids(`providerOrgId=${bidders.b.orgId}`)).toEqual([contracts.b.id]);
    expect((await ids(`companyOrgId=${company.orgId}`)).sort()).toEqual(
      [contracts.a.id, contracts.b.id].sort(),
    );
  });
});
