/** A cohort over its life: amending it while planned, and moving it planned → in_training → graduated. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema";
import { createCohort, createProgram, marketParties, type Org } from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let provider: Org, rival: Org, company: Org, bureau: string;
let programId: string;

beforeAll(async () => {
  t = await createTestContext();
  ({ provider, rival, company, bureau } = await marketParties(t));
  programId = (await createProgram(t, provider.token)).id;
});
afterAll(() => t.close());

const newCohort = (token = provider.token, overrides: Record<string, unknown> = {}) =>
  createCohort(t, token, programId, overrides);

describe("PATCH /v1/cohorts/{id}", () => {
  it("amends a planned cohort under If-Match and replaces its skill profile", async () => {
    const cohort = await newCohort();
    const res = await t.call("PATCH", `/v1/cohorts/${cohort.id}`, {
      token: provider.token,
      headers: { "If-Match": '"1"' },
      body: {
        size: 20,
        district: null,
        readyDate: "2026-08-01",
        skills: [{ skillId: "skl_llm_fine_tuning", level: 4, share: 0.5 }],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ size: 20, district: null, readyDate: "2026-08-01", version: 2 });
    expect(res.body.skills).toEqual([{ skillId: "skl_llm_fine_tuning", level: 4, share: 0.5 }]);
    expect(res.headers.get("ETag")).toBe('"2"');
  });

  it("answers a stale If-Match with 412 and a missing one with 428", async () => {
    const cohort = await newCohort();
    const path = `/v1/cohorts/${cohort.id}`;
    expect(
      (
        await t.call("PATCH", path, {
          token: provider.token,
          headers: { "If-Match": '"1"' },
          body: { name: "A" },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await t.call("PATCH", path, {
          token: provider.token,
          headers: { "If-Match": '"1"' },
          body: { name: "B" },
        })
      ).status,
    ).toBe(412);
    expect((await t.call("PATCH", path, { token: provider.token, body: { name: "B" } })).status).toBe(428);
  });

  it("refuses a size above capacity, unknown fields and empty bodies with 400", async () => {
    const cohort = await newCohort();
    const rivalProgramId = (await createProgram(t, rival.token)).id;
    const patch = (body: unknown) =>
      t.call("PATCH", `/v1/cohorts/${cohort.id}`, {
        token: provider.token,
        headers: { "If-Match": '"1"' },
        body,
      });
    expect((await patch({ size: 41 })).body.errors).toEqual([
      { path: "size", message: "exceeds the program's cohortCapacity of 40" },
    ]);
    expect((await patch({ programId: rivalProgramId })).body.errors).toEqual([
      { path: "programId", message: "unknown field" },
    ]);
    expect((await patch({ status: "graduated" })).status).toBe(400);
    expect((await patch({})).status).toBe(400);
  });

  it("lets only the owner amend: 403 for a company or the bureau, 404 for another provider", async () => {
    const cohort = await newCohort();
    const patch = (token: string) =>
      t.call("PATCH", `/v1/cohorts/${cohort.id}`, {
        token,
        headers: { "If-Match": '"1"' },
        body: { size: 10 },
      });
    expect((await patch(company.token)).status).toBe(403);
    expect((await patch(bureau)).status).toBe(403);
    expect((await patch(rival.token)).status).toBe(404);
  });

  it("keeps a program's capacity at or above its planned cohorts' sizes", async () => {
    const program = (await createProgram(t, provider.token)).id;
    await newCohort(provider.token, { programId: program, size: 30 });
    const res = await t.call("PATCH", `/v1/programs/${program}`, {
      token: provider.token,
      headers: { "If-Match": '"1"' },
      body: { cohortCapacity: 29 },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("cohortCapacity");
    const ok = await t.call("PATCH", `/v1/programs/${program}`, {
      token: provider.token,
      headers: { "If-Match": '"1"' },
      body: { cohortCapacity: 30 },
    });
    expect(ok.status).toBe(200);
  });
});

describe("cohort transitions", () => {
  const move = (id: string, action: string, token = provider.token, headers?: Record<string, string>) =>
    t.call("POST", `/v1/cohorts/${id}/${action}`, { token, headers });

  it("moves planned → in_training → graduated, auditing each step, and refuses every other move with 409", async () => {
    const cohort = await newCohort();
    const early = await move(cohort.id, "graduate");
    expect(early.status).toBe(409);
    expect(early.body.code).toBe("invalid_state");
    const started = await move(cohort.id, "start");
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: "in_training", version: 2 });
    expect(started.headers.get("ETag")).toBe('"2"');
    expect((await move(cohort.id, "start")).status).toBe(409);
    const edit = await t.call("PATCH", `/v1/cohorts/${cohort.id}`, {
      token: provider.token,
      headers: { "If-Match": '"2"' },
      body: { size: 5 },
    });
    expect(edit.status).toBe(409);
    const graduated = await move(cohort.id, "graduate");
    expect(graduated.status).toBe(200);
    expect(graduated.body).toMatchObject({ status: "graduated", version: 3 });
    for (const action of ["start", "graduate"])
      expect((await move(cohort.id, action)).body.code).toBe("invalid_state");
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, cohort.id));
    expect(audit.map((a) => [a.action, a.fromState, a.toState])).toEqual([
      ["create", null, "planned"],
      ["start", "planned", "in_training"],
      ["graduate", "in_training", "graduated"],
    ]);
  });

  it("refuses other roles (403), invisible callers (404), unauthenticated ones (401) and a stale If-Match (412)", async () => {
    const cohort = await newCohort();
    for (const action of ["start", "graduate"]) {
      expect((await move(cohort.id, action, company.token)).status).toBe(403);
      expect((await move(cohort.id, action, bureau)).status).toBe(403);
      expect((await move(cohort.id, action, rival.token)).status).toBe(404);
      expect((await t.call("POST", `/v1/cohorts/${cohort.id}/${action}`)).status).toBe(401);
    }
    expect((await move(cohort.id, "start", provider.token, { "If-Match": '"9"' })).status).toBe(412);
    expect((await move(cohort.id, "start", provider.token, { "If-Match": '"1"' })).status).toBe(200);
  });

  it("lets exactly one of twenty concurrent starts succeed", async () => {
    const cohort = await newCohort();
    const results = await Promise.all(Array.from({ length: 20 }, () => move(cohort.id, "start")));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
  });
});
