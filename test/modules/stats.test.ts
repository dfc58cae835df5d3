/** Statistics: figures equal to those computed by hand on a small known dataset, targets, CSV, who may read them. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contracts } from "../../src/db/schema";
import { toCsv } from "../../src/modules/stats/csv";
import { bidder } from "../fixtures";
import { type ActiveContract, activeContract, enrol, settle } from "../fixtures-delivery";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let bureau: string;
let a: ActiveContract;
let b: ActiveContract;
let p1: Awaited<ReturnType<typeof bidder>>;
let p2: Awaited<ReturnType<typeof bidder>>;

/**
 * The dataset, all in 2026:
 * - contract A (AI, provider P1, vocational certification): a1–a5 enrolled; a1, a2, a3 completed, a4 dropped, a5
 *   still enrolled; a1 passes vocational level 3, a2 vocational level 3 and professional grade 2, a3 fails; a1 hired,
 *   a2 not; 3,000 CNY of subsidy approved.
 * - contract B (big data, provider P2, professional certification): b1–b4 enrolled; b1, b2 completed, b3 dropped;
 *   b1 passes professional grade 1; b1 and b2 hired.
 * - contract C (AI, provider P1): a draft.
 */
beforeAll(async () => {
  t = await createTestContext();
  bureau = await t.bureau();
  const assessor = await t.org("assessor", { accredit: ["ai_engineer", "big_data_engineer"] });
  p1 = await bidder(t);
  p2 = await bidder(t, {
    accredit: ["big_data_engineer"],
    program: {
      occupationCode: "big_data_engineer",
      certification: { type: "professional_technical_grade", level: 1 },
    },
  });
  // Each award moves the clock past a bid deadline; it goes back each time so that tokens stay valid.
  const start = t.clock.now();
  await activeContract(t, { provider: p1, draft: true });
  t.clock.set(start);
  a = await activeContract(t, { provider: p1, headcount: 6 });
  t.clock.set(start);
  b = await activeContract(t, { provider: p2, headcount: 4, order: { occupationCode: "big_data_engineer" } });
  const as = await enrol(t, a, ["a1", "a2", "a3", "a4", "a5"]);
  const bs = await enrol(t, b, ["b1", "b2", "b3", "b4"]);
  for (const x of [as[0], as[1], as[2]]) await settle(t, a, x);
  await settle(t, a, as[3], "dropped");
  for (const x of [bs[0], bs[1]]) await settle(t, b, x);
  await settle(t, b, bs[2], "dropped");
  const day = t.clock.now().toISOString().slice(0, 10);
  let n = 0;
  const assess = async (id: string, occupationCode: string, body: Record<string, unknown>) => {
    const res = await t.call("POST", `/v1/trainees/${id}/assessments`, {
      token: assessor.token,
      body: { occupationCode, assessedOn: day, result: "pass", certificateNo: `STAT-${n++}`, ...body },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  await assess(as[0].id, "ai_engineer", { level: 3 });
  await assess(as[1].id, "ai_engineer", { level: 3 });
  await assess(as[1].id, "ai_engineer", { level: 2, certificationType: "professional_technical_grade" });
  await assess(as[2].id, "ai_engineer", { level: 3, result: "fail", certificateNo: undefined });
  await assess(bs[0].id, "big_data_engineer", { level: 1 });
  const place = async (ac: ActiveContract, id: string, hired: boolean) => {
    const res = await t.call("POST", `/v1/trainees/${id}/placement`, {
      token: ac.company.token,
      body: { hired },
    });
    expect(res.status).toBe(201);
  };
  await place(a, as[0].id, true);
  await place(a, as[1].id, false);
  await place(b, bs[0].id, true);
  await place(b, bs[1].id, true);
  // The approved subsidy is set directly: through the API it needs a subsidy policy and a terms change first.
  await t.db.update(contracts).set({ subsidyApprovedFen: 300_000 }).where(eq(contracts.id, a.contractId));
  const target = await t.call("PUT", "/v1/stats/targets/2026", { token: bureau, body: { target: 12_000 } });
  expect(target.status).toBe(200);
  expect(target.body).toMatchObject({ year: 2026, target: 12_000 });
});
afterAll(() => t.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  t.call("GET", path, { token: bureau, headers });
/** The CSV body as sent: its bytes decoded without dropping the BOM (Response.text() would drop it). */
async function getCsv(path: string) {
  const res = await t.app.request(path, {
    headers: { Authorization: `Bearer ${bureau}`, Accept: "text/csv" },
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes) };
}
const grades = (vsl: number[], ptg: number[]) => [
  ...vsl.map((certified, i) => ({ certificationType: "vocational_skill_level", level: i + 1, certified })),
  ...ptg.map((certified, i) => ({
    certificationType: "professional_technical_grade",
    level: i + 1,
    certified,
  })),
];
const states = (s: Record<string, number>) => ({
  draft: 0,
  signed: 0,
  under_review: 0,
  approved: 0,
  rejected: 0,
  changes_requested: 0,
  active: 0,
  completed: 0,
  terminated: 0,
  cancelled: 0,
  ...s,
});

describe("statistics on a known dataset", () => {
  it("the overview equals the figures counted by hand", async () => {
    const res = await get("/v1/stats/overview?year=2026");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      year: 2026,
      target: 12_000,
      progress: 0.0004, // 5 / 12,000
      enrolled: 9,
      completed: 5,
      certified: 3, // a1, a2 (twice), b1
      certifications: grades([0, 0, 2, 0, 0], [1, 1, 0]),
      placed: 3,
      subsidiesApprovedFen: 300_000,
      contracts: states({ active: 2, draft: 1 }),
    });
  });

  it("by sector keeps AI and big data apart, every sector listed", async () => {
    const res = await get("/v1/stats/sectors?year=2026");
    expect(res.status).toBe(200);
    const sector = (s: string) => res.body.data.find((r: { sector: string }) => r.sector === s);
    expect(sector("ai")).toEqual({
      sector: "ai",
      enrolled: 5,
      completed: 3,
      certified: 2,
      certifications: grades([0, 0, 2, 0, 0], [0, 1, 0]),
      placed: 1,
      subsidiesApprovedFen: 300_000,
      contracts: states({ active: 1, draft: 1 }),
    });
    expect(sector("big_data")).toEqual({
      sector: "big_data",
      enrolled: 4,
      completed: 2,
      certified: 1,
      certifications: grades([0, 0, 0, 0, 0], [1, 0, 0]),
      placed: 2,
      subsidiesApprovedFen: 0,
      contracts: states({ active: 1 }),
    });
    expect(sector("blockchain")).toMatchObject({ enrolled: 0, certified: 0, contracts: states({}) });
  });

  it("by provider gives contracts, trainees and rates", async () => {
    const res = await get("/v1/stats/providers?year=2026");
    expect(res.status).toBe(200);
    const row = (id: string) => res.body.data.find((r: { providerOrgId: string }) => r.providerOrgId === id);
    expect(row(p1.orgId)).toMatchObject({
      contracts: 2,
      trainees: 5,
      completed: 3,
      dropped: 1,
      certified: 2,
      placed: 1,
      completionRate: 0.75,
      certificationRate: 0.6667,
      placementRate: 0.3333,
    });
    expect(row(p2.orgId)).toMatchObject({
      contracts: 1,
      trainees: 4,
      completed: 2,
      dropped: 1,
      certified: 1,
      placed: 2,
      completionRate: 0.6667,
      certificationRate: 0.5,
      placementRate: 1,
    });
    expect(res.body.data).toHaveLength(2);
  });

  it("another year has nothing, and the default target", async () => {
    const res = await get("/v1/stats/overview?year=2025");
    expect(res.body).toMatchObject({ year: 2025, target: 10_000, progress: 0, enrolled: 0, certified: 0 });
    expect((await get("/v1/stats/providers?year=2025")).body.data).toEqual([]);
  });

  it("defaults to the current year", async () => {
    expect((await get("/v1/stats/overview")).body.year).toBe(2026);
  });
});

describe("CSV", () => {
  it("the overview as metric,value rows with a BOM, CRLF and a header", async () => {
    const { res, bytes, text } = await getCsv("/v1/stats/overview?year=2026");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe("metric,value");
    expect(lines).toContain("enrolled,9");
    expect(lines).toContain("certified_vocational_skill_level_3,2");
    expect(lines).toContain("certified_professional_technical_grade_2,1");
    expect(lines).toContain("subsidies_approved_fen,300000");
    expect(lines).toContain("contracts_active,2");
    expect(lines.at(-1)).toBe("");
  });

  it("sectors and providers, one row each, the same figures as the JSON", async () => {
    const sectors = (await getCsv("/v1/stats/sectors?year=2026")).text.slice(1);
    const [header, ...rows] = sectors.trimEnd().split("\r\n");
    const cols = header.split(",");
    expect(cols.slice(0, 5)).toEqual(["year", "sector", "enrolled", "completed", "certified"]);
    const ai = rows.map((r) => r.split(",")).find((r) => r[1] === "ai")!;
    expect(Number(ai[cols.indexOf("enrolled")])).toBe(5);
    expect(Number(ai[cols.indexOf("placed")])).toBe(1);
    const providers = (await getCsv("/v1/stats/providers?year=2026")).text.slice(1);
    const [pHeader, ...pRows] = providers.trimEnd().split("\r\n");
    expect(pHeader).toBe(
      "year,provider_org_id,name,contracts,trainees,completed,dropped,certified,placed,completion_rate,certification_rate,placement_rate",
    );
    expect(pRows).toHaveLength(2);
    expect(pRows.find((r) => r.includes(p1.orgId))).toMatch(/,2,5,3,1,2,1,0\.75,0\.6667,0\.3333$/);
  });

  it("quotes per RFC 4180 and defuses spreadsheet formulas", () => {
    expect(
      toCsv(
        ["name", "n"],
        [
          ['北京"智能", 学院', 1],
          ["=SUM(A1)", null],
          ["a\r\nb", 2],
        ],
      ),
    ).toBe('\uFEFFname,n\r\n"北京""智能"", 学院",1\r\n\'=SUM(A1),\r\n"a\r\nb",2\r\n');
  });
});

describe("who reads statistics", () => {
  it("only the bureau reads them and sets targets", async () => {
    for (const token of [a.company.token, p1.token, (await t.org("assessor")).token]) {
      expect((await t.call("GET", "/v1/stats/overview", { token })).status).toBe(403);
      expect((await t.call("GET", "/v1/stats/providers", { token })).status).toBe(403);
      const put = await t.call("PUT", "/v1/stats/targets/2026", { token, body: { target: 1 } });
      expect(put.status).toBe(403);
    }
    expect((await t.call("GET", "/v1/stats/overview")).status).toBe(401);
    expect((await get("/v1/stats/overview?year=1999")).status).toBe(400);
    const bad = await t.call("PUT", "/v1/stats/targets/2026", { token: bureau, body: { target: 0 } });
    expect(bad.status).toBe(400);
  });
});
