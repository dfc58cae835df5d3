/** An assessor's queue: the trainees it may assess and those it assessed, minimal records, filters, pages, refusals. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Org } from "../fixtures";
import { type ActiveContract, activeContract, enrol, settle } from "../fixtures-delivery";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let ac: ActiveContract;
let assessor: Org;
let trainees: { id: string; name: string }[];
const QUEUE = "/v1/assessments/queue";
const today = () => t.clock.now().toISOString().slice(0, 10);
const queue = (query = "", token = assessor.token) => t.call("GET", `${QUEUE}${query}`, { token });
const ids = (body: { data: { traineeId: string }[] }) => body.data.map((e) => e.traineeId);

beforeAll(async () => {
  t = await createTestContext();
  ac = await activeContract(t, {
    headcount: 8,
    program: { certification: { type: "professional_technical_grade", level: 2 } },
  });
  assessor = await t.org("assessor", { accredit: ["ai_engineer", "big_data_engineer"] });
  t.clock.set(ac.at);
  trainees = await enrol(t, ac, ["张晓明", "李娜", "欧阳明华", "王五", "赵六"]);
  await settle(t, ac, trainees[1]);
  await settle(t, ac, trainees[4], "dropped");
  const passed = await t.call("POST", `/v1/trainees/${trainees[1].id}/assessments`, {
    token: assessor.token,
    body: {
      occupationCode: "ai_engineer",
      level: 2,
      result: "pass",
      assessedOn: today(),
      certificateNo: "Q-0001",
    },
  });
  expect(passed.status, JSON.stringify(passed.body)).toBe(201);
});
afterAll(() => t.close());

describe("the assessor's queue", () => {
  it("lists the trainees of its occupations in enrolment order, minimal and without the dropped", async () => {
    const res = await queue();
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(trainees.slice(0, 4).map((x) => x.id));
    const [first, certified] = res.body.data;
    expect(first).toEqual({
      traineeId: trainees[0].id,
      name: "张晓明",
      status: "enrolled",
      enrolledOn: today(),
      statusDate: null,
      cohortId: ac.cohort.id,
      providerName: expect.any(String),
      occupationCode: "ai_engineer",
      certificationType: "professional_technical_grade",
      certificationLevel: 2,
      mayAssess: true,
      lastAssessment: null,
    });
    expect(certified.lastAssessment).toMatchObject({ result: "pass", level: 2, certificateNo: "Q-0001" });
    for (const key of ["email", "phone", "idLast4", "placement", "providerOrgId"]) {
      expect(JSON.stringify(res.body)).not.toContain(`"${key}"`);
    }
  });

  it("filters by whether it assessed them, by status and by occupation", async () => {
    expect(ids((await queue("?assessed=true")).body)).toEqual([trainees[1].id]);
    expect(ids((await queue("?assessed=false")).body)).toEqual([0, 2, 3].map((i) => trainees[i].id));
    expect(ids((await queue("?status=completed")).body)).toEqual([trainees[1].id]);
    expect(ids((await queue("?occupationCode=ai_engineer&assessed=false&limit=1")).body)).toEqual([
      trainees[0].id,
    ]);
    expect((await queue("?occupationCode=big_data_engineer")).body.data).toEqual([]);
    for (const bad of ["?assessed=yes", "?status=graduated", "?occupationCode=NOT%20A%20CODE", "?limit=0"]) {
      expect((await queue(bad)).status, bad).toBe(400);
    }
  });

  it("pages by cursor with the one pagination helper, without repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await queue(`?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...ids(res.body));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(trainees.slice(0, 4).map((x) => x.id));
    expect((await queue("?cursor=not-a-cursor")).status).toBe(400);
  });

  it("an assessor accredited elsewhere, or not yet verified, finds nothing of this cohort", async () => {
    const other = await t.org("assessor", { accredit: ["cloud_engineer"] });
    expect((await queue("", other.token)).body.data).toEqual([]);
    const pending = await t.org("assessor", { verified: false });
    expect((await queue("", pending.token)).body.data).toEqual([]);
  });

  it("is for assessors only: 403 for companies, providers and the bureau, 401 without a token", async () => {
    for (const token of [ac.company.token, ac.provider.token, await t.bureau()]) {
      const res = await queue("", token);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe("forbidden");
    }
    expect((await t.call("GET", QUEUE)).status).toBe(401);
  });

  it("an assessor not accredited for the occupation gets 404 on the trainees of another's queue", async () => {
    const other = await t.org("assessor", { accredit: ["cloud_engineer"] });
    const id = trainees[0].id;
    expect((await t.call("GET", `/v1/trainees/${id}`, { token: other.token })).status).toBe(404);
    expect((await t.call("GET", `/v1/trainees/${id}/assessments`, { token: other.token })).status).toBe(404);
    const record = await t.call("POST", `/v1/trainees/${id}/assessments`, {
      token: other.token,
      body: { occupationCode: "ai_engineer", level: 1, result: "fail", assessedOn: today() },
    });
    expect(record.status).toBe(404);
  });
});
