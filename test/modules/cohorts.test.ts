/** Planning and reading cohorts: who may plan one, validation, the owner's full view and others' summary. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cohorts } from "../../src/db/schema";
import { cohortBody, createCohort, createProgram, marketParties, type Org } from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let provider: Org, rival: Org, company: Org, bureau: string;
let programId: string;
let rivalProgramId: string;

const SUMMARY_KEYS = [
  "city",
  "district",
  "id",
  "name",
  "occupationCode",
  "programId",
  "providerOrgId",
  "readyDate",
  "size",
  "skills",
  "status",
  "version",
];

const newProgram = async (token: string, overrides: Record<string, unknown> = {}) =>
  (await createProgram(t, token, overrides)).id as string;

beforeAll(async () => {
  t = await createTestContext();
  ({ provider, rival, company, bureau } = await marketParties(t));
  programId = await newProgram(provider.token);
  rivalProgramId = await newProgram(rival.token);
});
afterAll(() => t.close());

/** A cohort of the provider's program with its skills in skill-id order, the order the API lists them in. */
const cohortPlan = (overrides: Record<string, unknown> = {}) =>
  cohortBody(t.clock.now(), programId, {
    skills: [
      { skillId: "skl_prompt_engineering", level: 3, share: 0.9 },
      { skillId: "skl_retrieval_augmented_generation", level: 2, share: 0.75 },
    ],
    ...overrides,
  });

const newCohort = (token = provider.token, overrides: Record<string, unknown> = {}) =>
  createCohort(t, token, programId, overrides);

describe("POST /v1/cohorts", () => {
  it("plans a cohort of the provider's program, copying its occupation", async () => {
    const res = await t.call("POST", "/v1/cohorts", { token: provider.token, body: cohortPlan() });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^coh_/);
    expect(res.body).toEqual({
      ...cohortPlan(),
      id: res.body.id,
      providerOrgId: provider.orgId,
      occupationCode: "ai_engineer",
      status: "planned",
      contractId: null,
      version: 1,
      createdAt: "2026-03-02T01:00:00.000Z",
      updatedAt: "2026-03-02T01:00:00.000Z",
    });
    expect(res.headers.get("ETag")).toBe('"1"');
  });

  it("refuses unauthenticated callers, companies, the bureau and pending providers", async () => {
    expect((await t.call("POST", "/v1/cohorts", { body: cohortPlan() })).status).toBe(401);
    const pending = await t.org("provider", { verified: false });
    for (const token of [company.token, bureau, pending.token]) {
      expect((await t.call("POST", "/v1/cohorts", { token, body: cohortPlan() })).status).toBe(403);
    }
  });

  it("needs the caller's own active program: 404 when unknown, 403 when another's, 409 when archived", async () => {
    const unknown = await t.call("POST", "/v1/cohorts", {
      token: provider.token,
      body: cohortPlan({ programId: "prg_nope" }),
    });
    expect(unknown.status).toBe(404);
    const others = await t.call("POST", "/v1/cohorts", {
      token: provider.token,
      body: cohortPlan({ programId: rivalProgramId }),
    });
    expect(others.status).toBe(403);
    const archivedId = await newProgram(provider.token);
    await t.call("POST", `/v1/programs/${archivedId}/archive`, { token: provider.token });
    const archived = await t.call("POST", "/v1/cohorts", {
      token: provider.token,
      body: cohortPlan({ programId: archivedId }),
    });
    expect(archived.status).toBe(409);
    expect(archived.body.code).toBe("invalid_state");
    const rivalArchived = await newProgram(rival.token);
    await t.call("POST", `/v1/programs/${rivalArchived}/archive`, { token: rival.token });
    const hidden = await t.call("POST", "/v1/cohorts", {
      token: provider.token,
      body: cohortPlan({ programId: rivalArchived }),
    });
    expect(hidden.status).toBe(404);
  });

  it("refuses a size above the program's capacity, naming size", async () => {
    const res = await t.call("POST", "/v1/cohorts", {
      token: provider.token,
      body: cohortPlan({ size: 41 }),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: "size", message: "exceeds the program's cohortCapacity of 40" },
    ]);
    expect(
      (await t.call("POST", "/v1/cohorts", { token: provider.token, body: cohortPlan({ size: 40 }) })).status,
    ).toBe(201);
  });

  it("validates the skill profile, dates and unknown fields with 400 naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ size: 0 }, "size"],
      [{ skills: [] }, "skills"],
      [{ skills: [{ skillId: "skl_deep_learning", level: 2, share: 1.5 }] }, "skills.0.share"],
      [{ skills: [{ skillId: "skl_deep_learning", level: 2, share: -0.1 }] }, "skills.0.share"],
      [{ skills: [{ skillId: "skl_deep_learning", level: 2 }] }, "skills.0.share"],
      [{ skills: [{ skillId: "skl_deep_learning", level: 0, share: 0.5 }] }, "skills.0.level"],
      [
        {
          skills: [
            { skillId: "skl_deep_learning", level: 2, share: 0.5 },
            { skillId: "skl_deep_learning", level: 3, share: 0.2 },
          ],
        },
        "skills.1.skillId",
      ],
      [
        {
          skills: [
            { skillId: "skl_pytorch", level: 2, share: 1 },
            { skillId: "skl_nope", level: 2, share: 1 },
          ],
        },
        "skills.1.skillId",
      ],
      [{ readyDate: "2026-02-30" }, "readyDate"],
      [{ readyDate: "15/07/2026" }, "readyDate"],
      [{ readyDate: "2026-03-01" }, "readyDate"],
      [{ programId: "program-1" }, "programId"],
      [{ contractId: "ctr_x" }, "contractId"],
      [{ occupationCode: "big_data_engineer" }, "occupationCode"],
      [{ status: "graduated" }, "status"],
    ];
    for (const [overrides, path] of cases) {
      const res = await t.call("POST", "/v1/cohorts", { token: provider.token, body: cohortPlan(overrides) });
      expect(res.status, path).toBe(400);
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        path,
      ).toContain(path);
    }
  });

  it("accepts shares of exactly 0 and 1 and no district", async () => {
    const { district: _, ...body } = cohortPlan({
      skills: [
        { skillId: "skl_pytorch", level: 1, share: 0 },
        { skillId: "skl_tensorflow", level: 5, share: 1 },
      ],
    });
    const res = await t.call("POST", "/v1/cohorts", { token: provider.token, body });
    expect(res.status).toBe(201);
    expect(res.body.district).toBeNull();
  });
});

describe("reading cohorts", () => {
  it("gives the owner the full view and a company or the bureau only the summary, without trainee data", async () => {
    const cohort = await newCohort();
    const own = await t.call("GET", `/v1/cohorts/${cohort.id}`, { token: provider.token });
    expect(own.status).toBe(200);
    expect(own.body).toEqual(cohort);
    expect(own.headers.get("ETag")).toBe('"1"');
    for (const token of [company.token, bureau]) {
      const res = await t.call("GET", `/v1/cohorts/${cohort.id}`, { token });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(SUMMARY_KEYS);
      expect(res.body.skills).toEqual(cohort.skills);
      const list = await t.call("GET", `/v1/cohorts?programId=${programId}`, { token });
      expect(list.status).toBe(200);
      expect(list.body.data.length).toBeGreaterThan(0);
      for (const item of list.body.data) expect(Object.keys(item).sort()).toEqual(SUMMARY_KEYS);
    }
  });

  it("hides cohorts from other providers, assessors, pending companies and unauthenticated callers", async () => {
    const cohort = await newCohort();
    const assessor = await t.org("assessor");
    const pendingCompany = await t.org("company", { verified: false });
    for (const token of [rival.token, assessor.token, pendingCompany.token]) {
      expect((await t.call("GET", `/v1/cohorts/${cohort.id}`, { token })).status).toBe(404);
      const list = await t.call("GET", `/v1/cohorts?programId=${programId}`, { token });
      expect(list.body).toEqual({ data: [], nextCursor: null });
    }
    expect((await t.call("GET", `/v1/cohorts/${cohort.id}`)).status).toBe(401);
    expect((await t.call("GET", "/v1/cohorts")).status).toBe(401);
  });

  it("stops offering a cohort to companies and the bureau once a contract takes it", async () => {
    const cohort = await newCohort();
    await t.db.update(cohorts).set({ contractId: "ctr_test" }).where(eq(cohorts.id, cohort.id));
    for (const token of [company.token, bureau]) {
      expect((await t.call("GET", `/v1/cohorts/${cohort.id}`, { token })).status).toBe(404);
    }
    const own = await t.call("GET", `/v1/cohorts/${cohort.id}`, { token: provider.token });
    expect(own.body.contractId).toBe("ctr_test");
    const patch = await t.call("PATCH", `/v1/cohorts/${cohort.id}`, {
      token: provider.token,
      headers: { "If-Match": '"1"' },
      body: { size: 2 },
    });
    expect(patch.status).toBe(409);
  });

  it("filters by program, occupation, city, status and skill", async () => {
    const org = await t.org("provider", { accredit: ["big_data_engineer", "ai_engineer"] });
    const dataProgram = await newProgram(org.token, {
      occupationCode: "big_data_engineer",
      skills: [{ skillId: "skl_apache_flink", level: 3 }],
    });
    const aiProgram = await newProgram(org.token);
    const a = await newCohort(org.token, {
      programId: dataProgram,
      city: "Tianjin",
      skills: [{ skillId: "skl_apache_flink", level: 3, share: 0.8 }],
    });
    t.clock.advance(1000);
    const b = await newCohort(org.token, { programId: aiProgram });
    await t.call("POST", `/v1/cohorts/${b.id}/start`, { token: org.token });
    const ids = async (token: string, query: string) => {
      const res = await t.call("GET", `/v1/cohorts?${query}`, { token });
      expect(res.status, query).toBe(200);
      return res.body.data.map((c: { id: string }) => c.id);
    };
    expect(await ids(org.token, "")).toEqual([b.id, a.id]);
    expect(await ids(org.token, `programId=${dataProgram}`)).toEqual([a.id]);
    expect(await ids(org.token, "occupationCode=big_data_engineer")).toEqual([a.id]);
    expect(await ids(org.token, "city=TIANJIN")).toEqual([a.id]);
    expect(await ids(org.token, "status=in_training")).toEqual([b.id]);
    expect(await ids(org.token, "skillId=skl_apache_flink")).toEqual([a.id]);
    expect(await ids(company.token, "skillId=skl_apache_flink")).toEqual([a.id]);
    expect(await ids(company.token, "status=graduated&city=Tianjin")).toEqual([]);
  });

  it("pages with a cursor and refuses malformed filters, cursors and ids without a 500", async () => {
    const org = await t.org("provider", { accredit: ["ai_engineer"] });
    const program = await newProgram(org.token);
    for (let i = 0; i < 3; i++) await newCohort(org.token, { programId: program, name: `Class ${i}` });
    const first = await t.call("GET", "/v1/cohorts?limit=2", { token: org.token });
    expect(first.body.data).toHaveLength(2);
    const second = await t.call("GET", `/v1/cohorts?limit=2&cursor=${first.body.nextCursor}`, {
      token: org.token,
    });
    expect(second.body.data).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    for (const query of ["programId=%00", "skillId=deep", "status=done", "cursor=%%%", "city="]) {
      expect((await t.call("GET", `/v1/cohorts?${query}`, { token: company.token })).status, query).toBe(400);
    }
    // A malformed path id is a 400 naming `id`; a well-formed unknown one is a 404.
    for (const id of ["x", "coh_", "coh_%00", "prg_abc", "coh_%F0%9F%98%80"]) {
      const res = await t.call("GET", `/v1/cohorts/${id}`, { token: company.token });
      expect(res.status, id).toBe(400);
      expect(res.body.errors[0].path, id).toBe("id");
      expect((await t.call("POST", `/v1/cohorts/${id}/start`, { token: org.token })).status, id).toBe(400);
    }
    expect((await t.call("GET", "/v1/cohorts/coh_unknown", { token: company.token })).status).toBe(404);
  });
});

describe("OpenAPI", () => {
  it("documents the cohort routes and keeps the summary schema separate from the owner view", async () => {
    const res = await t.call("GET", "/openapi.json");
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        "/v1/cohorts",
        "/v1/cohorts/{id}",
        "/v1/cohorts/{id}/start",
        "/v1/cohorts/{id}/graduate",
      ]),
    );
    const { Cohort, CohortSummary } = res.body.components.schemas;
    expect(Object.keys(CohortSummary.properties).sort()).toEqual(SUMMARY_KEYS);
    expect(Object.keys(Cohort.properties)).toEqual(expect.arrayContaining(["contractId", "version"]));
  });
});
