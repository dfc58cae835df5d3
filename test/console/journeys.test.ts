/** The console's journeys over HTTP: forms in, services called, pages out, in Chinese and English. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY } from "../../src/platform/clock";
import { createCohort, createProgram, type Org } from "../fixtures";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";
import { type ConsoleClient, consoleClient, rawKeys } from "./client";

let t: TestContext;
let company: Org;
let provider: Org;
let cohortId: string;
const as: Record<string, ConsoleClient> = {};
let orderId: string;

/** A Beijing-time `datetime-local` value `days` from the clock. */
const local = (days: number) =>
  new Date(t.clock.now().getTime() + days * DAY + 8 * 3600_000).toISOString().slice(0, 16);

const orderForm = (overrides: Record<string, string> = {}) => ({
  occupationCode: "ai_engineer",
  title: "视觉质检工程师 20 名",
  description: "为亦庄产线培养缺陷检测算法工程师。",
  "skill.skl_deep_learning": "on",
  "minLevel.skl_deep_learning": "3",
  "weight.skl_deep_learning": "5",
  "essential.skl_deep_learning": "on",
  "skill.skl_computer_vision": "on",
  "minLevel.skl_computer_vision": "3",
  "weight.skl_computer_vision": "4",
  headcountMin: "10",
  headcountMax: "20",
  deliverBy: local(120).slice(0, 10),
  budgetYuan: "15000",
  city: "Beijing",
  district: "Daxing",
  hires: "10",
  salaryMinYuan: "18000",
  salaryMaxYuan: "26000",
  servicePeriodMonths: "24",
  enquiryDeadline: local(10),
  bidDeadline: local(14),
  ...overrides,
});

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  provider = await t.org("provider", { accredit: ["ai_engineer"] });
  const program = await createProgram(t, provider.token);
  cohortId = (await createCohort(t, provider.token, program.id, { name: "2026 春季视觉班" })).id;
  for (const [name, org] of Object.entries({ company, provider })) {
    as[name] = consoleClient(t);
    await as[name].signIn(org.email, PASSWORD);
  }
  as.bureau = consoleClient(t);
  await t.bureau();
});
afterAll(() => t.close());

describe("company journey", () => {
  it("the form shows worded errors beside their fields and keeps what was typed", async () => {
    const res = await as.company.post(
      "/console/orders",
      orderForm({ headcountMin: "30", budgetYuan: "15k" }),
    );
    expect(res.status).toBe(400);
    expect(res.html).toContain("请修改以下问题");
    expect(res.html).toContain("请输入金额");
    expect(res.html).toContain('aria-invalid="true"');
    expect(res.html).toContain("视觉质检工程师 20 名");
    expect(rawKeys(res.html)).toEqual([]);
    const crossField = await as.company.post("/console/orders", orderForm({ headcountMin: "30" }));
    expect(crossField.status).toBe(400);
    expect(crossField.html).toContain("不能大于最多人数");
  });

  it("drafts, publishes and opens the matches, each factor a bar with its evidence in Chinese", async () => {
    const created = await as.company.post("/console/orders", orderForm());
    expect(created.status).toBe(303);
    orderId = /\/console\/orders\/(ord_\w+)\?done=created/.exec(created.location!)![1];
    const page = await as.company.get(created.location!);
    expect(page.html).toContain("已创建");
    expect(page.html).toContain("深度学习：至少 3 级，重要程度 5（必备）");
    const published = await as.company.post(
      `/console/orders/${orderId}/publish`,
      { version: "1" },
      `/console/orders/${orderId}`,
    );
    expect(published.location).toBe(`/console/orders/${orderId}?done=published`);
    const matches = await as.company.get(`/console/orders/${orderId}/matches`);
    expect(matches.status).toBe(200);
    expect(matches.html).toContain("2026 春季视觉班");
    expect(matches.html).toContain("完全满足 2/2 项技能要求");
    expect(matches.html).toContain("每人 ¥12,000，在预算 ¥15,000 以内");
    expect(matches.html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="技能得分 \d+\/100"/);
    expect(rawKeys(matches.html)).toEqual([]);
  });

  it("words the same explanation in English after one click", async () => {
    await as.company.get(`/console/language/en?back=/console/orders/${orderId}/matches`);
    const matches = await as.company.get(`/console/orders/${orderId}/matches`);
    expect(matches.html).toContain("Fully meets 2 of 2 skill requirements");
    expect(matches.html).toContain("Deep learning: level 3 (3 required)");
    expect(matches.html).toContain("¥12,000 per trainee, within the ¥15,000 budget");
    expect(rawKeys(matches.html)).toEqual([]);
    await as.company.get("/console/language/zh-CN");
  });

  it("the dashboard lists orders by state with the next action", async () => {
    const home = await as.company.get("/console");
    expect(home.html).toContain("招标中");
    expect(home.html).toContain(`href="/console/orders/${orderId}/matches"`);
  });
});

describe("provider journey", () => {
  it("sees the order ranked for its cohort, explained", async () => {
    const market = await as.provider.get("/console/market");
    expect(market.status).toBe(200);
    expect(market.html).toContain("视觉质检工程师 20 名");
    expect(market.html).toContain("最匹配的班次：2026 春季视觉班");
    expect(rawKeys(market.html)).toEqual([]);
  });

  it("asks a question; the company answers it; the provider reads the answer", async () => {
    const asked = await as.provider.post(
      `/console/orders/${orderId}/enquiries`,
      { question: "可以线上线下结合吗？" },
      `/console/orders/${orderId}`,
    );
    expect(asked.location).toBe(`/console/orders/${orderId}?done=asked#enquiries`);
    const page = await as.company.get(`/console/orders/${orderId}`);
    expect(page.html).toContain("可以线上线下结合吗？");
    const enquiryId = /\/console\/enquiries\/(enq_\w+)\/answer/.exec(page.html)![1];
    const answered = await as.company.post(
      `/console/enquiries/${enquiryId}/answer`,
      { orderId, answer: "可以，实训须在现场。" },
      `/console/orders/${orderId}`,
    );
    expect(answered.location).toBe(`/console/orders/${orderId}?done=answered#enquiries`);
    const seen = await as.provider.get(`/console/orders/${orderId}`);
    expect(seen.html).toContain("可以，实训须在现场。");
    expect(seen.html).toContain("我方提问");
  });

  it("an empty question is refused in place", async () => {
    const res = await as.provider.post(
      `/console/orders/${orderId}/enquiries`,
      { question: " " },
      `/console/orders/${orderId}`,
    );
    expect(res.location).toBe(`/console/orders/${orderId}?problem=validation_failed#enquiries`);
  });

  it("offers a program, plans a cohort from it and starts it", async () => {
    const form = {
      occupationCode: "ai_engineer",
      title: "大模型应用开发实战营",
      description: "十二周项目制培训。",
      "skill.skl_large_models": "on",
      "level.skl_large_models": "3",
      durationWeeks: "12",
      mode: "hybrid",
      city: "Beijing",
      cohortCapacity: "40",
      priceYuan: "12800",
      certificationType: "vocational_skill_level",
      certificationLevel: "3",
    };
    const created = await as.provider.post(
      "/console/programs",
      form,
      "/console/programs/new?occupation=ai_engineer",
    );
    expect(created.status).toBe(303);
    const programId = /programs\/(prg_\w+)/.exec(created.location!)![1];
    const newCohort = await as.provider.get(`/console/cohorts/new?program=${programId}`);
    expect(newCohort.html).toContain('name="skill.skl_large_models" value="on" checked');
    const cohort = await as.provider.post(
      "/console/cohorts",
      {
        programId,
        name: "大模型 1 班",
        size: "30",
        readyDate: local(120).slice(0, 10),
        city: "Beijing",
        "skill.skl_large_models": "on",
        "level.skl_large_models": "3",
        "share.skl_large_models": "90",
      },
      "/console/cohorts/new",
    );
    expect(cohort.status).toBe(303);
    const id = /cohorts\/(coh_\w+)/.exec(cohort.location!)![1];
    const started = await as.provider.post(`/console/cohorts/${id}/start`, {}, `/console/cohorts/${id}`);
    expect(started.location).toBe(`/console/cohorts/${id}?done=started`);
    const again = await as.provider.post(`/console/cohorts/${id}/start`, {}, `/console/cohorts/${id}`);
    expect(again.location).toBe(`/console/cohorts/${id}?problem=invalid_state`);
    expect((await as.provider.get(again.location!)).html).toContain("当前状态下不能执行此操作");
    // Amending: the form comes back filled in, and a stale version is refused in place.
    const edit = await as.provider.get(`/console/programs/${programId}/edit`);
    expect(edit.html).toContain('value="12800"');
    const amended = await as.provider.post(
      `/console/programs/${programId}/edit`,
      { ...form, priceYuan: "11800", version: "1" },
      `/console/programs/${programId}/edit`,
    );
    expect(amended.location).toBe(`/console/programs/${programId}?done=saved`);
    expect((await as.provider.get(amended.location!)).html).toContain("¥11,800");
    const stale = await as.provider.post(
      `/console/programs/${programId}/edit`,
      { ...form, priceYuan: "9900", version: "1" },
      `/console/programs/${programId}/edit`,
    );
    expect(stale.status).toBe(412);
    expect(stale.html).toContain("内容已被他人修改");
    const archived = await as.provider.post(
      `/console/programs/${programId}/archive`,
      {},
      `/console/programs/${programId}`,
    );
    expect(archived.location).toBe(`/console/programs/${programId}?done=archived`);
    expect(cohortId).toMatch(/^coh_/);
  });
});

describe("a planned cohort is amended through its form", () => {
  it("keeps its profile and saves the new size", async () => {
    const edit = await as.provider.get(`/console/cohorts/${cohortId}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('name="skill.skl_deep_learning" value="on" checked');
    const res = await as.provider.post(
      `/console/cohorts/${cohortId}/edit`,
      {
        programId: /name="programId" value="(prg_\w+)"/.exec(edit.html)![1],
        version: "1",
        name: "2026 春季视觉班",
        size: "18",
        readyDate: local(90).slice(0, 10),
        city: "Beijing",
        "skill.skl_deep_learning": "on",
        "level.skl_deep_learning": "3",
        "share.skl_deep_learning": "100",
      },
      `/console/cohorts/${cohortId}/edit`,
    );
    expect(res.location).toBe(`/console/cohorts/${cohortId}?done=saved`);
    const cohort = await t.call("GET", `/v1/cohorts/${cohortId}`, { token: provider.token });
    expect(cohort.body).toMatchObject({
      size: 18,
      district: null,
      skills: [{ skillId: "skl_deep_learning", share: 1 }],
    });
  });
});

describe("assessor landing page", () => {
  it("shows its accreditations and the trainees waiting for it", async () => {
    const assessor = await t.org("assessor", { accredit: ["ai_engineer"] });
    const client = consoleClient(t);
    await client.signIn(assessor.email, PASSWORD);
    const home = await client.get("/console");
    expect(home.status).toBe(200);
    expect(home.html).toContain("人工智能工程技术人员，有效期至 2030-12-31");
    expect(home.html).toContain("待评价学员（0）");
    expect(rawKeys(home.html)).toEqual([]);
  });
});

describe("bureau journey", () => {
  it("verifies a pending organisation from the queue, suspends it with a reason and accredits a provider", async () => {
    const pending = await t.org("provider", { verified: false });
    const bureauEmail = (await t.call("GET", "/v1/me", { token: await t.bureau() })).body.user.email;
    await as.bureau.signIn(bureauEmail, PASSWORD);
    const queue = await as.bureau.get("/console/organizations");
    expect(queue.html).toContain(`/console/organizations/${pending.orgId}`);
    const page = `/console/organizations/${pending.orgId}`;
    expect((await as.bureau.post(`${page}/verify`, {}, page)).location).toBe(`${page}?done=verified`);
    const accredited = await as.bureau.post(
      `${page}/accreditations`,
      { occupationCode: "cloud_engineer", validUntil: "2030-12-31" },
      page,
    );
    expect(accredited.location).toBe(`${page}?done=accredited`);
    expect((await as.bureau.get(page)).html).toContain("云计算工程技术人员，有效期至 2030-12-31");
    const suspended = await as.bureau.post(`${page}/suspend`, { reason: "营业执照已吊销" }, page);
    expect(suspended.location).toBe(`${page}?done=suspended`);
    const after = await as.bureau.get(page);
    expect(after.html).toContain("营业执照已吊销");
    expect(rawKeys(after.html)).toEqual([]);
  });
});
