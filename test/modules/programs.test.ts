/** Offering, reading and listing programs: who may offer what, validation, visibility and paging. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema";
import { createProgram, marketParties, type Org, programBody } from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let provider: Org, rival: Org, company: Org, pending: Org, bureau: string;

beforeAll(async () => {
  t = await createTestContext();
  ({ provider, rival, company, bureau } = await marketParties(t));
  pending = await t.org("provider", { verified: false });
});
afterAll(() => t.close());

describe("POST /v1/programs", () => {
  it("lets an accredited provider offer a program and answers with the full resource and its ETag", async () => {
    // Posted in skill-id order, the order the API lists them in.
    const skills = [
      { skillId: "skl_prompt_engineering", level: 3 },
      { skillId: "skl_retrieval_augmented_generation", level: 2 },
    ];
    const res = await t.call("POST", "/v1/programs", {
      token: provider.token,
      body: programBody({ skills }),
    });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^prg_/);
    expect(res.body).toMatchObject({
      ...programBody(),
      skills: [
        { skillId: "skl_prompt_engineering", level: 3 },
        { skillId: "skl_retrieval_augmented_generation", level: 2 },
      ],
      providerOrgId: provider.orgId,
      status: "active",
      version: 1,
      createdAt: "2026-03-02T01:00:00.000Z",
      updatedAt: "2026-03-02T01:00:00.000Z",
    });
    expect(res.headers.get("ETag")).toBe('"1"');
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, res.body.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "create", toState: "active", actorOrgId: provider.orgId });
  });

  it("requires authentication", async () => {
    const res = await t.call("POST", "/v1/programs", { body: programBody() });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("unauthenticated");
  });

  it("refuses companies, the bureau and unverified providers with 403", async () => {
    for (const token of [company.token, bureau, pending.token]) {
      const res = await t.call("POST", "/v1/programs", { token, body: programBody() });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe("forbidden");
    }
  });

  it("refuses an occupation the provider is not accredited for, saying so", async () => {
    const res = await t.call("POST", "/v1/programs", {
      token: rival.token,
      body: programBody({ occupationCode: "cloud_engineer" }),
    });
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain("accreditation for cloud_engineer");
  });

  it("refuses an unknown occupation with 400 naming occupationCode", async () => {
    const res = await t.call("POST", "/v1/programs", {
      token: provider.token,
      body: programBody({ occupationCode: "astronaut" }),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: "occupationCode", message: "no such occupation" }]);
  });

  it("names the skill that does not exist or is listed twice", async () => {
    const unknown = await t.call("POST", "/v1/programs", {
      token: provider.token,
      body: programBody({
        skills: [
          { skillId: "skl_deep_learning", level: 2 },
          { skillId: "skl_time_travel", level: 2 },
        ],
      }),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { path: "skills.1.skillId", message: "no such skill skl_time_travel" },
    ]);
    const twice = await t.call("POST", "/v1/programs", {
      token: provider.token,
      body: programBody({
        skills: [
          { skillId: "skl_deep_learning", level: 2 },
          { skillId: "skl_deep_learning", level: 4 },
        ],
      }),
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toContainEqual(expect.objectContaining({ path: "skills.1.skillId" }));
  });

  it("refuses out-of-range values, unknown fields and malformed bodies with 400", async () => {
    const many = Array.from({ length: 31 }, (_, i) => ({ skillId: `skl_s${i}`, level: 1 }));
    const cases: [Record<string, unknown>, string][] = [
      [{ skills: [] }, "skills"],
      [{ skills: many }, "skills"],
      [{ skills: [{ skillId: "skl_deep_learning", level: 6 }] }, "skills.0.level"],
      [{ skills: [{ skillId: "skl_deep_learning", level: 2, weight: 1 }] }, "skills.0.weight"],
      [{ durationWeeks: 0 }, "durationWeeks"],
      [{ durationWeeks: 105 }, "durationWeeks"],
      [{ cohortCapacity: 501 }, "cohortCapacity"],
      [{ pricePerTraineeFen: -1 }, "pricePerTraineeFen"],
      [{ pricePerTraineeFen: 12.5 }, "pricePerTraineeFen"],
      [{ pricePerTraineeFen: 10_000_001 }, "pricePerTraineeFen"],
      [{ mode: "remote" }, "mode"],
      [{ certification: { type: "phd", level: 3 } }, "certification.type"],
      [{ certification: { type: "vocational_skill_level", level: 0 } }, "certification.level"],
      [{ title: "   " }, "title"],
      [{ title: "bad\u0000title" }, "title"],
      [{ status: "archived" }, "status"],
      [{ providerOrgId: rival.orgId }, "providerOrgId"],
    ];
    for (const [overrides, path] of cases) {
      const res = await t.call("POST", "/v1/programs", {
        token: provider.token,
        body: programBody(overrides),
      });
      expect(res.status, path).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    for (const body of ["{", "null", "[]", "42"]) {
      expect((await t.call("POST", "/v1/programs", { token: provider.token, body })).status).toBe(400);
    }
  });

  it("replays the first response for a repeated Idempotency-Key", async () => {
    const headers = { "Idempotency-Key": `prg-${Date.now()}` };
    const first = await t.call("POST", "/v1/programs", {
      token: provider.token,
      body: programBody(),
      headers,
    });
    const again = await t.call("POST", "/v1/programs", {
      token: provider.token,
      body: programBody(),
      headers,
    });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
  });
});

describe("GET /v1/programs/{id}", () => {
  it("shows an active program to every verified organisation and the bureau, with its ETag", async () => {
    const program = await createProgram(t, provider.token);
    const assessor = await t.org("assessor");
    for (const token of [provider.token, rival.token, company.token, assessor.token, bureau]) {
      const res = await t.call("GET", `/v1/programs/${program.id}`, { token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(program);
      expect(res.headers.get("ETag")).toBe('"1"');
    }
  });

  it("hides programs from pending organisations and unauthenticated callers", async () => {
    const program = await createProgram(t, provider.token);
    const pendingCompany = await t.org("company", { verified: false });
    expect((await t.call("GET", `/v1/programs/${program.id}`, { token: pendingCompany.token })).status).toBe(
      404,
    );
    expect((await t.call("GET", `/v1/programs/${program.id}`)).status).toBe(401);
  });

  it("answers malformed ids with 400 naming the id and unknown ones with 404, never 500", async () => {
    for (const id of ["x", "prg_", "coh_0123", "prg_%00", "prg_%C3%BC", "'%20or%201=1", "prg_ABC"]) {
      const res = await t.call("GET", `/v1/programs/${id}`, { token: company.token });
      expect(res.status, id).toBe(400);
      expect(res.body.errors[0].path, id).toBe("id");
    }
    expect((await t.call("GET", "/v1/programs/prg_nope", { token: company.token })).status).toBe(404);
    expect((await t.call("GET", `/v1/programs/prg_${"a".repeat(70)}`, { token: company.token })).status).toBe(
      400,
    );
  });
});

describe("GET /v1/programs", () => {
  it("filters by occupation, skill, city (any case), mode and provider, newest first", async () => {
    const org = await t.org("provider", { accredit: ["ai_trainer", "big_data_engineer"], city: "Tianjin" });
    const a = await createProgram(t, org.token, {
      occupationCode: "ai_trainer",
      city: "Tianjin",
      mode: "online",
      skills: [{ skillId: "skl_image_annotation", level: 2 }],
    });
    t.clock.advance(1000);
    const b = await createProgram(t, org.token, {
      occupationCode: "big_data_engineer",
      city: "Tianjin",
      mode: "onsite",
      skills: [
        { skillId: "skl_apache_flink", level: 3 },
        { skillId: "skl_image_annotation", level: 1 },
      ],
    });
    const ids = async (query: string) => {
      const res = await t.call("GET", `/v1/programs?${query}`, { token: company.token });
      expect(res.status, query).toBe(200);
      return res.body.data.map((p: { id: string }) => p.id);
    };
    expect(await ids(`providerOrgId=${org.orgId}`)).toEqual([b.id, a.id]);
    expect(await ids(`providerOrgId=${org.orgId}&occupationCode=ai_trainer`)).toEqual([a.id]);
    expect(await ids("skillId=skl_image_annotation")).toEqual([b.id, a.id]);
    expect(await ids("skillId=skl_apache_flink")).toEqual([b.id]);
    expect(await ids("city=tianjin")).toEqual([b.id, a.id]);
    expect(await ids("city=Tianjin&mode=online")).toEqual([a.id]);
    expect(await ids("occupationCode=digital_twin_technician")).toEqual([]);
  });

  it("pages with a cursor without gaps or repeats", async () => {
    const org = await t.org("provider", { accredit: ["ai_engineer"] });
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push((await createProgram(t, org.token, { title: `Program ${i}` })).id);
      if (i !== 2) t.clock.advance(1000); // two share a createdAt: the id breaks the tie
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { data: { id: string }[]; nextCursor: string | null } } =
        await t.call(
          "GET",
          `/v1/programs?providerOrgId=${org.orgId}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
          { token: company.token },
        );
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((p) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(made));
    expect([seen[0], ...seen.slice(3)]).toEqual([made[4], made[1], made[0]]);
  });

  it("refuses malformed filters and cursors with 400, and needs a token", async () => {
    for (const query of [
      "skillId=%00",
      "providerOrgId=nope",
      "occupationCode=A%20B",
      "mode=remote",
      "status=all",
      "cursor=zzz",
      "limit=0",
    ]) {
      const res = await t.call("GET", `/v1/programs?${query}`, { token: company.token });
      expect(res.status, query).toBe(400);
    }
    expect((await t.call("GET", "/v1/programs")).status).toBe(401);
  });

  it("shows a pending organisation only its own programs", async () => {
    await createProgram(t, provider.token);
    const res = await t.call("GET", "/v1/programs", { token: pending.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [], nextCursor: null });
  });
});

describe("OpenAPI", () => {
  it("documents the program routes", async () => {
    const res = await t.call("GET", "/openapi.json");
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(["/v1/programs", "/v1/programs/{id}", "/v1/programs/{id}/archive"]),
    );
    expect(res.body.components.schemas.NewProgram.example.occupationCode).toBe("ai_engineer");
  });
});
