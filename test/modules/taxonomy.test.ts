import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema";
import { type TestContext, createTestContext } from "../helpers";

let t: TestContext;
let bureau: string;
let company: string;
beforeAll(async () => {
  t = await createTestContext();
  bureau = await t.bureau();
  company = (await t.org("company")).token;
});
afterAll(() => t.close());

const SEEDED = {
  ai_engineer: "2-02-10-09",
  ai_trainer: "4-04-05-05",
  big_data_engineer: "2-02-10-11",
  cloud_engineer: "2-02-10-12",
  blockchain_engineer: null,
  iot_engineer: null,
  intelligent_manufacturing_engineer: null,
  industrial_internet_engineer: null,
  vr_engineer: null,
  digital_twin_technician: null,
};

interface Skill {
  id: string;
  parentId: string | null;
  sector: string;
  nameEn: string;
}

/** Every skill matching `query`, following nextCursor. */
async function allSkills(query = ""): Promise<Skill[]> {
  const out: Skill[] = [];
  let cursor: string | null = null;
  do {
    const res = await t.call("GET", `/v1/skills?limit=25${query}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    out.push(...res.body.data);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

let codeCounter = 0;
const newOccupation = (overrides: object = {}) => ({
  code: `test_occupation_${codeCounter++}`,
  nameEn: "Quantum computing engineering technician",
  nameZh: "量子计算工程技术人员",
  sector: "ai",
  ...overrides,
});
const newSkill = (overrides: object = {}) => ({
  nameEn: "Graph neural networks",
  nameZh: "图神经网络",
  sector: "ai",
  ...overrides,
});
/** A POST or (with If-Match unless `version` is null) a PATCH as `token`. */
const post = (path: string, body: object, token?: string) => t.call("POST", path, { token, body });
const patch = (path: string, version: number | string | null, body: object, token?: string) =>
  t.call("PATCH", path, { token, body, headers: version === null ? {} : { "If-Match": `"${version}"` } });

describe("reading the taxonomy (public)", () => {
  it("lists the ten seeded occupations with their national codes, without a token", async () => {
    const res = await t.call("GET", "/v1/occupations?limit=100");
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    const byCode = Object.fromEntries(
      res.body.data.map((o: { code: string; nationalCode: string }) => [o.code, o.nationalCode]),
    );
    for (const [code, nationalCode] of Object.entries(SEEDED)) expect(byCode[code], code).toBe(nationalCode);
    const ai = res.body.data.find((o: { code: string }) => o.code === "ai_engineer");
    expect(ai).toMatchObject({ nameZh: "人工智能工程技术人员", sector: "ai", version: expect.any(Number) });
  });

  it("pages occupations by code and filters them by sector", async () => {
    const first = await t.call("GET", "/v1/occupations?limit=4");
    expect(first.body.data).toHaveLength(4);
    const second = await t.call("GET", `/v1/occupations?limit=4&cursor=${first.body.nextCursor}`);
    const codes = [...first.body.data, ...second.body.data].map((o: { code: string }) => o.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(8);
    const ai = await t.call("GET", "/v1/occupations?sector=ai");
    expect(ai.body.data.map((o: { code: string }) => o.code)).toEqual(
      expect.arrayContaining(["ai_engineer", "ai_trainer"]),
    );
    expect(ai.body.data.every((o: { sector: string }) => o.sector === "ai")).toBe(true);
  });

  it("gets one occupation with an ETag and answers an unknown code with 404", async () => {
    const res = await t.call("GET", "/v1/occupations/cloud_engineer");
    expect(res.status).toBe(200);
    expect(res.headers.get("ETag")).toBe(`"${res.body.version}"`);
    const missing = await t.call("GET", "/v1/occupations/astronaut");
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("not_found");
  });

  it("seeds a tree of at least 80 skills, all reachable by paging, each parent present", async () => {
    const skills = await allSkills();
    expect(skills.length).toBeGreaterThanOrEqual(80);
    const ids = new Set(skills.map((s) => s.id));
    expect(ids.size).toBe(skills.length);
    for (const s of skills) if (s.parentId) expect(ids.has(s.parentId), s.id).toBe(true);
    expect(new Set(skills.map((s) => s.sector)).size).toBeGreaterThanOrEqual(8);
  });

  it("filters skills by parent, sector and occupation", async () => {
    const children = await allSkills("&parentId=skl_deep_learning");
    expect(children.map((s) => s.id)).toContain("skl_computer_vision");
    expect(children.every((s) => s.parentId === "skl_deep_learning")).toBe(true);
    const blockchain = await allSkills("&sector=blockchain");
    expect(blockchain.length).toBeGreaterThan(0);
    expect(blockchain.every((s) => s.sector === "blockchain")).toBe(true);
    const ofOccupation = await allSkills("&occupationCode=blockchain_engineer");
    expect(ofOccupation.map((s) => s.id)).toEqual(blockchain.map((s) => s.id));
    expect(await allSkills("&occupationCode=astronaut")).toEqual([]);
    expect(await allSkills("&occupationCode=ai_engineer&sector=cloud")).toEqual([]);
    const one = await t.call("GET", "/v1/skills/skl_computer_vision");
    expect(one.body).toMatchObject({ parentId: "skl_deep_learning", sector: "ai" });
    expect(one.headers.get("ETag")).toBe(`"${one.body.version}"`);
    expect((await t.call("GET", "/v1/skills/skl_nope")).status).toBe(404);
  });

  it("answers malformed list queries with 400, never 500", async () => {
    for (const path of ["/v1/occupations", "/v1/skills"]) {
      const queries = [
        "limit=0",
        "limit=101",
        "limit=abc",
        "cursor=garbage",
        "sector=space",
        `cursor=${"A".repeat(600)}`,
      ];
      for (const q of queries) {
        const res = await t.call("GET", `${path}?${q}`);
        expect(res.status, `${path}?${q}`).toBe(400);
        expect(res.body.code).toBe("validation_failed");
      }
    }
  });

  it("answers NUL bytes in codes, ids and filters with 400 or 404, never 500", async () => {
    const paths = [
      "/v1/occupations/%00",
      "/v1/skills/skl_%00",
      "/v1/skills?parentId=%00",
      "/v1/skills?occupationCode=%00",
    ];
    for (const path of paths) {
      const res = await t.call("GET", path);
      expect([400, 404], path).toContain(res.status);
    }
  });
});

describe("curating occupations (bureau)", () => {
  it("creates an occupation with ETag 1, audits it, and refuses a duplicate code with 409", async () => {
    const body = newOccupation({ nationalCode: "2-02-10-99" });
    const res = await post("/v1/occupations", body, bureau);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ...body, version: 1 });
    expect(res.headers.get("ETag")).toBe('"1"');
    expect((await t.call("GET", `/v1/occupations/${body.code}`)).status).toBe(200);
    const dup = await post("/v1/occupations", newOccupation({ code: body.code }), bureau);
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("conflict");
    const ofOccupation = and(eq(auditLog.entityType, "occupation"), eq(auditLog.entityId, body.code));
    const audit = await t.db.select().from(auditLog).where(ofOccupation);
    expect(audit.map((r) => r.action)).toEqual(["create"]);
  });

  it("keeps creating for the bureau and refuses bad bodies naming the field", async () => {
    expect((await post("/v1/occupations", newOccupation())).status).toBe(401);
    const forbidden = await post("/v1/occupations", newOccupation(), company);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe("forbidden");
    for (const [body, path] of [
      [newOccupation({ version: 7 }), "version"],
      [newOccupation({ code: "Bad Code" }), "code"],
      [newOccupation({ sector: "space" }), "sector"],
      [newOccupation({ nameEn: "  " }), "nameEn"],
    ] as const) {
      const res = await post("/v1/occupations", body, bureau);
      expect(res.status).toBe(400);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ path }));
    }
  });

  it("updates under If-Match, bumping the ETag; stale is 412, missing is 428", async () => {
    const { code, nameEn } = (await post("/v1/occupations", newOccupation(), bureau)).body;
    const path = `/v1/occupations/${code}`;
    const ok = await patch(path, 1, { nationalCode: "2-02-10-13" }, bureau);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ code, nationalCode: "2-02-10-13", version: 2 });
    expect(ok.headers.get("ETag")).toBe('"2"');
    expect((await t.call("GET", path)).body.nationalCode).toBe("2-02-10-13");
    const stale = await patch(path, 1, { nameEn: "Stale" }, bureau);
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe("precondition_failed");
    const missing = await patch(path, null, { nameEn: "No If-Match" }, bureau);
    expect(missing.status).toBe(428);
    expect(missing.body.code).toBe("precondition_required");
    const garbage = await t.call("PATCH", path, { token: bureau, headers: { "If-Match": "abc" }, body: {} });
    expect(garbage.status).toBe(400);
    expect((await t.call("GET", path)).body).toMatchObject({ version: 2, nameEn });
  });

  it("refuses updates from non-bureau callers, to unknown codes and to the code itself", async () => {
    const body = { nameEn: "Renamed" };
    expect((await patch("/v1/occupations/ai_trainer", 1, body)).status).toBe(401);
    expect((await patch("/v1/occupations/ai_trainer", 1, body, company)).status).toBe(403);
    expect((await patch("/v1/occupations/astronaut", 1, body, bureau)).status).toBe(404);
    const renameCode = await patch("/v1/occupations/ai_trainer", 1, { code: "x" }, bureau);
    expect(renameCode.status).toBe(400);
    expect(renameCode.body.errors).toContainEqual(expect.objectContaining({ path: "code" }));
  });
});

describe("curating skills (bureau)", () => {
  it("adds a skill under a parent, listed among the parent's children", async () => {
    const res = await post("/v1/skills", newSkill({ parentId: "skl_deep_learning" }), bureau);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ parentId: "skl_deep_learning", sector: "ai", version: 1 });
    expect(res.body.id).toMatch(/^skl_/);
    expect(res.headers.get("ETag")).toBe('"1"');
    expect((await allSkills("&parentId=skl_deep_learning")).map((s) => s.id)).toContain(res.body.id);
  });

  it("refuses an unknown parent with 400, and non-bureau or anonymous callers", async () => {
    const unknown = await post("/v1/skills", newSkill({ parentId: "skl_nope" }), bureau);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toContainEqual(expect.objectContaining({ path: "parentId" }));
    expect((await post("/v1/skills", newSkill(), company)).status).toBe(403);
    expect((await post("/v1/skills", newSkill())).status).toBe(401);
    const extra = await post("/v1/skills", newSkill({ id: "skl_mine" }), bureau);
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toContainEqual(expect.objectContaining({ path: "id" }));
  });

  it("refuses an empty parentId with 400 rather than a foreign-key 500", async () => {
    expect((await post("/v1/skills", newSkill({ parentId: "" }), bureau)).status).toBe(400);
    expect((await patch("/v1/skills/skl_pytorch", 1, { parentId: "" }, bureau)).status).toBe(400);
  });

  it("renames and moves a skill under If-Match, and refuses stale or missing versions", async () => {
    const { id } = (await post("/v1/skills", newSkill({ parentId: "skl_machine_learning" }), bureau)).body;
    const path = `/v1/skills/${id}`;
    const renamed = await patch(path, 1, { nameEn: "Graph learning" }, bureau);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      nameEn: "Graph learning",
      parentId: "skl_machine_learning",
      version: 2,
    });
    expect(renamed.headers.get("ETag")).toBe('"2"');
    const toRoot = await patch(path, 2, { parentId: null }, bureau);
    expect(toRoot.body).toMatchObject({ parentId: null, version: 3 });
    expect((await patch(path, 2, { nameEn: "x" }, bureau)).status).toBe(412);
    expect((await patch(path, null, { nameEn: "x" }, bureau)).status).toBe(428);
    expect((await patch(path, 3, { nameEn: "x" }, company)).status).toBe(403);
    expect((await patch(path, 3, { nameEn: "x" })).status).toBe(401);
    expect((await patch("/v1/skills/skl_nope", 1, { nameEn: "x" }, bureau)).status).toBe(404);
    expect((await t.call("GET", path)).body).toMatchObject({ nameEn: "Graph learning", version: 3 });
  });

  it("refuses to move a skill under itself or its own descendant", async () => {
    const before = (await t.call("GET", "/v1/skills/skl_machine_learning")).body;
    for (const parentId of ["skl_machine_learning", "skl_deep_learning", "skl_computer_vision"]) {
      const res = await patch("/v1/skills/skl_machine_learning", before.version, { parentId }, bureau);
      expect(res.status, parentId).toBe(400);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ path: "parentId" }));
    }
    expect((await t.call("GET", "/v1/skills/skl_machine_learning")).body).toEqual(before);
  });
});
