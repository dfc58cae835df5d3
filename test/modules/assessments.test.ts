/** Assessments: accreditation, the two certifications kept apart, unique certificate numbers, public checks. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { type ActiveContract, activeContract, enrol, settle } from "../fixtures-delivery";
import type { Org } from "../fixtures";
import { callApp, createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let ac: ActiveContract;
let assessor: Org;
let trainees: { id: string; name: string }[];
const today = () => t.clock.now().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestContext();
  ac = await activeContract(t, {
    headcount: 10,
    program: { certification: { type: "professional_technical_grade", level: 2 } },
  });
  assessor = await t.org("assessor", { accredit: ["ai_engineer"] });
  trainees = await enrol(t, ac, ["张晓明", "李娜", "欧阳明华", "王五", "赵六", "孙七"]);
});
afterAll(() => t.close());

const assess = (traineeId: string, body: Record<string, unknown>, token = assessor.token) =>
  t.call("POST", `/v1/trainees/${traineeId}/assessments`, {
    token,
    body: { occupationCode: "ai_engineer", level: 2, result: "pass", assessedOn: today(), ...body },
  });

describe("recording assessments", () => {
  it("defaults the certification to the program's and returns the assessment", async () => {
    t.clock.set(ac.at);
    const res = await assess(trainees[0].id, { certificateNo: "PTG-2026-0001" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      traineeId: trainees[0].id,
      assessorOrgId: assessor.orgId,
      certificationType: "professional_technical_grade",
      level: 2,
      result: "pass",
      certificateNo: "PTG-2026-0001",
    });
    expect(res.body.id).toMatch(/^asm_/);
  });

  it("keeps the level ranges apart: professional grades 1–3, vocational levels 1–5", async () => {
    t.clock.set(ac.at);
    const grade4 = await assess(trainees[1].id, { level: 4, certificateNo: "PTG-2026-0002" });
    expect(grade4.status).toBe(400);
    expect(grade4.body.errors[0].path).toBe("level");
    const vocational5 = await assess(trainees[1].id, {
      level: 5,
      certificationType: "vocational_skill_level",
      certificateNo: "VSL-2026-0002",
    });
    expect(vocational5.status).toBe(201);
    expect(
      (await assess(trainees[1].id, { level: 6, certificationType: "vocational_skill_level" })).status,
    ).toBe(400);
  });

  it("a pass needs a certificate number, a fail takes none", async () => {
    t.clock.set(ac.at);
    expect((await assess(trainees[2].id, {})).status).toBe(400);
    expect((await assess(trainees[2].id, { result: "fail", certificateNo: "X-0001" })).status).toBe(400);
    expect((await assess(trainees[2].id, { result: "fail" })).status).toBe(201);
  });

  it("certificate numbers are unique across the system, whatever the case (409)", async () => {
    t.clock.set(ac.at);
    expect((await assess(trainees[3].id, { certificateNo: "UNIQ-0001" })).status).toBe(201);
    const again = await assess(trainees[4].id, { certificateNo: "uniq-0001" });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("conflict");
    const other = await t.org("assessor", { accredit: ["ai_engineer"] });
    expect((await assess(trainees[4].id, { certificateNo: "UNIQ-0001" }, other.token)).status).toBe(409);
  });

  it("only assessors accredited for the trainee's occupation assess", async () => {
    t.clock.set(ac.at);
    const unaccredited = await t.org("assessor", { accredit: ["big_data_engineer"] });
    expect((await assess(trainees[5].id, { certificateNo: "N-0001" }, unaccredited.token)).status).toBe(404);
    const pending = await t.org("assessor", { verified: false });
    expect((await assess(trainees[5].id, { certificateNo: "N-0002" }, pending.token)).status).toBe(404);
    // The provider and the company see the trainee but are no assessors.
    expect((await assess(trainees[5].id, { certificateNo: "N-0003" }, ac.provider.token)).status).toBe(403);
    expect((await assess(trainees[5].id, { certificateNo: "N-0004" }, ac.company.token)).status).toBe(403);
    expect(
      (await assess(trainees[5].id, { certificateNo: "N-0005", occupationCode: "big_data_engineer" })).status,
    ).toBe(400);
    expect((await assess(trainees[5].id, { certificateNo: "N-0006", assessedOn: "2099-01-01" })).status).toBe(
      400,
    );
  });

  it("a dropped trainee is not assessed", async () => {
    const [x] = await enrol(t, ac, ["退学者"]);
    await settle(t, ac, x, "dropped");
    const res = await assess(x.id, { certificateNo: "D-0001" });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("invalid_state");
  });
});

describe("reading assessments", () => {
  it("the provider, the company and the bureau read all; an assessor only its own", async () => {
    t.clock.set(new Date(ac.at.getTime() + 60_000));
    const second = await t.org("assessor", { accredit: ["ai_engineer"] });
    expect((await assess(trainees[1].id, { result: "fail" }, second.token)).status).toBe(201);
    const path = `/v1/trainees/${trainees[1].id}/assessments`;
    for (const token of [ac.provider.token, ac.company.token, await t.bureau()]) {
      const res = await t.call("GET", path, { token });
      expect(res.status).toBe(200);
      expect(res.body.data.map((a: { result: string }) => a.result)).toEqual(["pass", "fail"]);
    }
    const mine = await t.call("GET", path, { token: second.token });
    expect(mine.body.data).toHaveLength(1);
    expect(mine.body.data[0].assessorOrgId).toBe(second.orgId);
  });

  it("the company sees the certificates on the trainee record", async () => {
    const res = await t.call("GET", `/v1/trainees/${trainees[0].id}`, { token: ac.company.token });
    expect(res.body.certificates).toEqual([
      {
        certificateNo: "PTG-2026-0001",
        occupationCode: "ai_engineer",
        certificationType: "professional_technical_grade",
        level: 2,
        assessedOn: ac.at.toISOString().slice(0, 10),
      },
    ]);
  });
});

describe("public certificate check", () => {
  it("shows the masked holder, occupation, level, date and assessor, and nothing else", async () => {
    const res = await t.call("GET", "/v1/certificates/ptg-2026-0001");
    expect(res.status).toBe(200);
    const registered = (
      await t.call("GET", `/v1/organizations/${assessor.orgId}`, { token: await t.bureau() })
    ).body;
    expect(res.body).toEqual({
      certificateNo: "PTG-2026-0001",
      holderName: "张*明",
      occupation: { code: "ai_engineer", nameEn: expect.any(String), nameZh: "人工智能工程技术人员" },
      certificationType: "professional_technical_grade",
      level: 2,
      assessedOn: ac.at.toISOString().slice(0, 10),
      assessor: { name: registered.name },
    });
    expect(JSON.stringify(res.body)).not.toContain("张晓明");
  });

  it("masks every name but its first and last character", async () => {
    t.clock.set(ac.at);
    expect((await assess(trainees[2].id, { certificateNo: "MASK-0001" })).status).toBe(201);
    expect((await t.call("GET", "/v1/certificates/MASK-0001")).body.holderName).toBe("欧**华");
    expect((await t.call("GET", "/v1/certificates/VSL-2026-0002")).body.holderName).toBe("李*");
  });

  it("404 for an unknown number or a failed assessment, 400 for a malformed one", async () => {
    expect((await t.call("GET", "/v1/certificates/NOPE-0000")).status).toBe(404);
    expect((await t.call("GET", "/v1/certificates/%20%27or%201=1")).status).toBe(400);
  });

  it("is rate limited per client IP like other public lookups", async () => {
    const app = createApp({
      ...t.appDeps,
      config: { ...t.services.config, RATE_LIMIT_AUTH_PER_MINUTE: 2 },
      clientIp: (c) => c.req.header("X-Test-Client-Ip"),
    });
    const from = (ip: string) =>
      callApp(app, "GET", "/v1/certificates/PTG-2026-0001", { headers: { "X-Test-Client-Ip": ip } });
    expect((await from("203.0.113.50")).status).toBe(200);
    expect((await from("203.0.113.50")).status).toBe(200);
    const limited = await from("203.0.113.50");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await from("203.0.113.51")).status).toBe(200);
  });
});
