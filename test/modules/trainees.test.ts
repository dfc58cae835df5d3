/** Trainees: enrolment within the headcount, no national ID numbers, who sees what, status changes, placement. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActiveContract, activeContract, enrol, settle } from "../fixtures-delivery";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const enrolPath = (ac: ActiveContract) => `/v1/cohorts/${ac.cohort.id}/trainees`;

describe("enrolment", () => {
  it("enrols a batch with contact data; the provider sees it all", async () => {
    const ac = await activeContract(t, { headcount: 5 });
    const res = await t.call("POST", enrolPath(ac), {
      token: ac.provider.token,
      body: {
        trainees: [
          { name: "张晓明", email: "xm@example.cn", phone: "13800138000", idLast4: "123x" },
          { name: "李娜" },
        ],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toHaveLength(2);
    expect(res.body.data[0]).toMatchObject({
      name: "张晓明",
      email: "xm@example.cn",
      phone: "13800138000",
      idLast4: "123X",
      status: "enrolled",
      enrolledOn: t.clock.now().toISOString().slice(0, 10),
      contractId: ac.contractId,
      cohortId: ac.cohort.id,
      certificates: [],
      placement: null,
    });
  });

  it("stops at the contract's headcount with a 409 that says so, counting earlier batches", async () => {
    const ac = await activeContract(t, { headcount: 3 });
    await enrol(t, ac, ["王一", "王二"]);
    const over = await t.call("POST", enrolPath(ac), {
      token: ac.provider.token,
      body: { trainees: [{ name: "王三" }, { name: "王四" }] },
    });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe("conflict");
    expect(over.body.detail).toContain("is for 3 trainees; 2 are enrolled, so at most 1 more");
    await enrol(t, ac, ["王三"]);
    const full = await t.call("POST", enrolPath(ac), {
      token: ac.provider.token,
      body: { trainees: [{ name: "王四" }] },
    });
    expect(full.status).toBe(409);
    const list = await t.call("GET", enrolPath(ac), { token: ac.provider.token });
    expect(list.body.data.map((x: { name: string }) => x.name)).toEqual(["王一", "王二", "王三"]);
  });

  it("concurrent batches never enrol past the headcount", async () => {
    const ac = await activeContract(t, { headcount: 4 });
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        t.call("POST", enrolPath(ac), {
          token: ac.provider.token,
          body: { trainees: [{ name: `并发${i}a` }, { name: `并发${i}b` }] },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
  });

  it("refuses any string that looks like a full national ID number", async () => {
    const ac = await activeContract(t, { headcount: 5 });
    for (const trainee of [
      { name: "张三", idLast4: "11010119900307123X" },
      { name: "11010119900307123X" },
      { name: "张三 110101 19900307 1234" },
      { name: "张三", phone: "110101199003071" },
      { name: "张三", email: "110101199003071234@example.cn" },
    ]) {
      const res = await t.call("POST", enrolPath(ac), {
        token: ac.provider.token,
        body: { trainees: [trainee] },
      });
      expect(res.status, JSON.stringify(trainee)).toBe(400);
    }
  });

  it("takes 1–500 trainees and refuses unknown fields", async () => {
    const ac = await activeContract(t, { headcount: 5 });
    const send = (body: unknown) => t.call("POST", enrolPath(ac), { token: ac.provider.token, body });
    expect((await send({ trainees: [] })).status).toBe(400);
    const many = Array.from({ length: 501 }, (_, i) => ({ name: `学员${i}` }));
    expect((await send({ trainees: many })).status).toBe(400);
    expect((await send({ trainees: [{ name: "张三", nationalId: "x" }] })).status).toBe(400);
  });

  it("needs an active contract: an open cohort takes no trainees", async () => {
    const ac = await activeContract(t, { headcount: 5 });
    const open = await t.call("POST", "/v1/cohorts", {
      token: ac.provider.token,
      body: {
        programId: ac.provider.programId,
        name: "Open cohort",
        size: 5,
        readyDate: "2027-01-01",
        city: "Beijing",
        skills: [{ skillId: "skl_deep_learning", level: 3, share: 1 }],
      },
    });
    expect(open.status).toBe(201);
    const res = await t.call("POST", `/v1/cohorts/${open.body.id}/trainees`, {
      token: ac.provider.token,
      body: { trainees: [{ name: "张三" }] },
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("invalid_state");
  });

  it("only the cohort's provider enrols; the company may not", async () => {
    const ac = await activeContract(t, { headcount: 5 });
    const res = await t.call("POST", enrolPath(ac), {
      token: ac.company.token,
      body: { trainees: [{ name: "张三" }] },
    });
    expect(res.status).toBe(403);
    const stranger = await t.org("provider");
    const hidden = await t.call("POST", enrolPath(ac), {
      token: stranger.token,
      body: { trainees: [{ name: "张三" }] },
    });
    expect(hidden.status).toBe(404);
  });
});

describe("who sees trainee data", () => {
  let ac: ActiveContract;
  let traineeId: string;
  beforeAll(async () => {
    ac = await activeContract(t, { headcount: 5 });
    const res = await t.call("POST", enrolPath(ac), {
      token: ac.provider.token,
      body: { trainees: [{ name: "赵敏", email: "zm@example.cn", phone: "13700137000", idLast4: "4321" }] },
    });
    traineeId = res.body.data[0].id;
  });

  it("the provider and the bureau see contact data", async () => {
    for (const token of [ac.provider.token, await t.bureau()]) {
      const list = await t.call("GET", enrolPath(ac), { token });
      expect(list.status).toBe(200);
      expect(list.body.data[0]).toMatchObject({ name: "赵敏", email: "zm@example.cn", idLast4: "4321" });
      const one = await t.call("GET", `/v1/trainees/${traineeId}`, { token });
      expect(one.status).toBe(200);
      expect(one.body.phone).toBe("13700137000");
    }
  });

  it("the contracted company sees names, status, certificates and placement, without contact data", async () => {
    const list = await t.call("GET", enrolPath(ac), { token: ac.company.token });
    expect(list.status).toBe(200);
    const [row] = list.body.data;
    expect(row).toMatchObject({ name: "赵敏", status: "enrolled", certificates: [], placement: null });
    for (const key of ["email", "phone", "idLast4", "providerOrgId"]) expect(row).not.toHaveProperty(key);
    const one = await t.call("GET", `/v1/trainees/${traineeId}`, { token: ac.company.token });
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty("email");
  });

  it("other companies, providers and unrelated assessors get 404", async () => {
    const others = [
      await t.org("company"),
      await t.org("provider", { accredit: ["ai_engineer"] }),
      await t.org("assessor", { accredit: ["big_data_engineer"] }),
      await t.org("assessor", { accredit: ["ai_engineer"] }),
    ];
    for (const other of others) {
      expect((await t.call("GET", enrolPath(ac), { token: other.token })).status).toBe(404);
      expect((await t.call("GET", `/v1/trainees/${traineeId}`, { token: other.token })).status).toBe(404);
      expect(
        (await t.call("GET", `/v1/trainees/${traineeId}/assessments`, { token: other.token })).status,
      ).toBe(404);
    }
  });

  it("an assessor sees the trainees it assessed, without contact data or placement", async () => {
    const assessor = await t.org("assessor", { accredit: ["ai_engineer"] });
    t.clock.set(ac.at);
    const rec = await t.call("POST", `/v1/trainees/${traineeId}/assessments`, {
      token: assessor.token,
      body: {
        occupationCode: "ai_engineer",
        level: 2,
        result: "fail",
        assessedOn: t.clock.now().toISOString().slice(0, 10),
      },
    });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    const one = await t.call("GET", `/v1/trainees/${traineeId}`, { token: assessor.token });
    expect(one.status).toBe(200);
    expect(one.body.name).toBe("赵敏");
    for (const key of ["email", "phone", "idLast4", "placement"]) expect(one.body).not.toHaveProperty(key);
    // …but not the cohort's list
    expect((await t.call("GET", enrolPath(ac), { token: assessor.token })).status).toBe(404);
  });

  it("no cohort listing shows trainee data", async () => {
    const other = await t.org("company");
    for (const token of [other.token, ac.company.token, await t.bureau()]) {
      const res = await t.call("GET", "/v1/cohorts?limit=100", { token });
      expect(JSON.stringify(res.body)).not.toContain("赵敏");
    }
  });
});

describe("status changes", () => {
  it("the provider completes or drops a trainee with a date, under If-Match, once", async () => {
    const ac = await activeContract(t, { headcount: 5 });
    const [a, b] = await enrol(t, ac, ["甲", "乙"]);
    const today = t.clock.now().toISOString().slice(0, 10);
    const patch = (id: string, body: unknown, version: number, token = ac.provider.token) =>
      t.call("PATCH", `/v1/trainees/${id}`, { token, body, headers: { "If-Match": `"${version}"` } });
    expect((await patch(a.id, { status: "completed", statusDate: today }, 1, ac.company.token)).status).toBe(
      403,
    );
    expect((await patch(a.id, { status: "completed", statusDate: "2020-01-01" }, 1)).status).toBe(400);
    expect((await patch(a.id, { status: "completed", statusDate: "2099-01-01" }, 1)).status).toBe(400);
    expect((await patch(a.id, { status: "enrolled", statusDate: today }, 1)).status).toBe(400);
    const done = await patch(a.id, { status: "completed", statusDate: today }, 1);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "completed", statusDate: today, version: 2 });
    expect((await patch(a.id, { status: "dropped", statusDate: today }, 1)).status).toBe(412);
    expect((await patch(a.id, { status: "dropped", statusDate: today }, 2)).status).toBe(409);
    expect((await patch(b.id, { status: "dropped", statusDate: today }, 1)).body.status).toBe("dropped");
  });
});

describe("placement", () => {
  it("the company records hires of completed trainees; they count toward the contract's commitment", async () => {
    const ac = await activeContract(t, {
      headcount: 4,
      order: {
        hiringCommitment: {
          hires: 3,
          salaryMinFen: 1_000_000,
          salaryMaxFen: 2_000_000,
          servicePeriodMonths: 12,
        },
      },
    });
    const [a, b, c, d] = await enrol(t, ac, ["甲", "乙", "丙", "丁"]);
    const place = (id: string, body: unknown, token = ac.company.token) =>
      t.call("POST", `/v1/trainees/${id}/placement`, { token, body });
    expect((await place(a.id, { hired: true })).status).toBe(409); // still enrolled
    for (const x of [a, b, c]) await settle(t, ac, x);
    await settle(t, ac, d, "dropped");
    expect((await place(a.id, { hired: true }, ac.provider.token)).status).toBe(403);
    expect((await place(a.id, { hired: false, salaryFen: 100 })).status).toBe(400);
    const first = await place(a.id, { hired: true, salaryFen: 1_500_000 });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      hired: true,
      hiredOn: t.clock.now().toISOString().slice(0, 10),
      salaryFen: 1_500_000,
    });
    expect((await place(b.id, { hired: false })).status).toBe(201);
    expect((await place(c.id, { hired: true })).status).toBe(201);
    expect((await place(d.id, { hired: true })).status).toBe(409); // dropped
    const delivery = async () =>
      (await t.call("GET", `/v1/contracts/${ac.contractId}/delivery`, { token: ac.company.token })).body;
    expect(await delivery()).toMatchObject({
      contractId: ac.contractId,
      headcount: 4,
      enrolled: 4,
      completed: 3,
      dropped: 1,
      certified: 0,
      hiresCommitted: 3,
      hiresMade: 2,
    });
    // The contract itself shows the commitment and the hires made, as the issue asks.
    const contract = async () =>
      (await t.call("GET", `/v1/contracts/${ac.contractId}`, { token: ac.provider.token })).body;
    expect(await contract()).toMatchObject({ hiresCommitted: 3, hiresMade: 2 });
    // A correction replaces the placement: b is hired after all, c's hire falls through.
    expect((await place(b.id, { hired: true })).status).toBe(200);
    expect((await place(c.id, { hired: false })).status).toBe(200);
    expect((await delivery()).hiresMade).toBe(2);
    expect((await place(c.id, { hired: true })).status).toBe(200);
    expect((await contract()).hiresMade).toBe(3);
    expect((await place(c.id, { hired: false })).status).toBe(200);
    expect((await contract()).hiresMade).toBe(2);
    const seen = await t.call("GET", `/v1/trainees/${b.id}`, { token: ac.company.token });
    expect(seen.body.placement).toMatchObject({ hired: true, version: 2 });
    const stranger = await t.org("company");
    expect(
      (await t.call("GET", `/v1/contracts/${ac.contractId}/delivery`, { token: stranger.token })).status,
    ).toBe(404);
  });
});
