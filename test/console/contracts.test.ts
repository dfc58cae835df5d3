/**
 * The console's contract journeys over HTTP: the parties see the terms, versions and signatures, sign after the
 * award's publicity and submit; the bureau reviews from its queue with a subsidy; the provider starts with a cohort
 * and completes. Other companies and providers cannot open the contract. In Chinese and in English.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bidder, createCohort, type Org } from "../fixtures";
import { awardedOrder, type Bidder, endPublicity } from "../fixtures-contracts";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";
import { type ConsoleClient, consoleClient, rawKeys } from "./client";

let t: TestContext;
let company: Org;
let bidders: { a: Bidder; b: Bidder; c: Bidder };
let awarded: Awaited<ReturnType<typeof awardedOrder>>;
let cohortId: string;
let idA: string;
let idB: string;
const as: Record<string, ConsoleClient> = {};

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  const other = await t.org("company");
  bidders = { a: await bidder(t), b: await bidder(t), c: await bidder(t) };
  const bureau = await t.bureau();
  const policy = await t.call("PUT", "/v1/subsidy-policies/ai_engineer", {
    token: bureau,
    body: { perTraineeFen: 300_000, validFrom: "2026-01-01" },
  });
  expect(policy.status, JSON.stringify(policy.body)).toBe(201);
  cohortId = (await createCohort(t, bidders.a.token, bidders.a.programId, { name: "合同 1 班", size: 8 })).id;
  awarded = await awardedOrder(t, company, bidders);
  idA = awarded.contracts.a.id;
  idB = awarded.contracts.b.id;
  const bureauEmail = (await t.call("GET", "/v1/me", { token: bureau })).body.user.email;
  const emails = { company: company.email, other: other.email, a: bidders.a.email, b: bidders.b.email };
  for (const [name, email] of Object.entries({ ...emails, bureau: bureauEmail })) {
    as[name] = consoleClient(t);
    await as[name].signIn(email, PASSWORD);
  }
});
afterAll(() => t.close());

describe("during the award's publicity", () => {
  beforeEach(() => t.clock.set(new Date(new Date(awarded.award.publicityEndsAt).getTime() - 60_000)));

  it("the company lists its contracts and opens one: terms, version 1, no signatures yet", async () => {
    const list = await as.company.get("/console/contracts");
    expect(list.status).toBe(200);
    expect(list.html).toContain(`href="/console/contracts/${idA}"`);
    expect(list.html).toContain(`href="/console/contracts/${idB}"`);
    expect(list.html).toContain("待签署");
    expect(rawKeys(list.html)).toEqual([]);
    const page = await as.company.get(`/console/contracts/${idA}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("合同条款（第 1 版）");
    expect(page.html).toContain("¥80,000");
    expect(page.html).toContain("尚未签署");
    expect(page.html).toContain("定标时起草");
    expect(page.html).toContain(`action="/console/contracts/${idA}/sign"`);
    expect(rawKeys(page.html)).toEqual([]);
  });

  it("refuses to sign before the publicity ends, saying why", async () => {
    const res = await as.company.post(
      `/console/contracts/${idA}/sign`,
      { version: "1" },
      `/console/contracts/${idA}`,
    );
    expect(res.location).toBe(`/console/contracts/${idA}?problem=invalid_state`);
    expect((await as.company.get(res.location!)).html).toContain("当前状态下不能执行此操作。");
  });

  it("a company cannot open another company's contract, nor a provider another provider's", async () => {
    expect((await as.other.get(`/console/contracts/${idA}`)).status).toBe(404);
    expect((await as.b.get(`/console/contracts/${idA}`)).status).toBe(404);
    expect((await as.b.get(`/console/contracts/${idB}`)).status).toBe(200);
    const others = await as.other.get("/console/contracts");
    expect(others.html).not.toContain(idA);
    const posted = await as.b.post(`/console/contracts/${idA}/sign`, {}, `/console/contracts/${idB}`);
    expect(posted.status).toBe(404);
  });
});

describe("after the publicity", () => {
  beforeEach(() => endPublicity(t, awarded.award));

  it("the company changes the subsidy through the API; the page shows version 2 and what changed", async () => {
    const patched = await t.call("PATCH", `/v1/contracts/${idA}`, {
      token: company.token,
      body: { subsidyRequestedFen: 2_000_000 },
      headers: { "If-Match": `"${awarded.contracts.a.version}"` },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const page = await as.a.get(`/console/contracts/${idA}`);
    expect(page.html).toContain("合同条款（第 2 版）");
    expect(page.html).toContain("变更：申请补贴");
    expect(page.html).toContain("¥20,000");
  });

  it("both sign, and the provider submits; a second signature is refused", async () => {
    const signed = await as.company.post(`/console/contracts/${idA}/sign`, {}, `/console/contracts/${idA}`);
    expect(signed.location).toBe(`/console/contracts/${idA}?done=signed`);
    const mine = await as.company.get(signed.location!);
    expect(mine.html).toContain("合同已签署。");
    expect(mine.html).toContain("已签署第 2 版");
    expect(mine.html).toContain("等待对方签署。");
    expect(mine.html).toMatch(/条款摘要（SHA-256）：[0-9a-f]{64}/);
    const again = await as.company.post(`/console/contracts/${idA}/sign`, {}, `/console/contracts/${idA}`);
    expect(again.location).toBe(`/console/contracts/${idA}?problem=invalid_state`);
    const theirs = await as.a.get(`/console/contracts/${idA}`);
    const version = /name="version" value="(\d+)"/.exec(theirs.html)![1];
    expect(
      (await as.a.post(`/console/contracts/${idA}/sign`, { version }, `/console/contracts/${idA}`)).location,
    ).toBe(`/console/contracts/${idA}?done=signed`);
    const toSubmit = await as.a.get(`/console/contracts/${idA}`);
    expect(toSubmit.html).toContain("双方已签署");
    expect(toSubmit.html).toContain(`action="/console/contracts/${idA}/submit"`);
    const submitted = await as.a.post(`/console/contracts/${idA}/submit`, {}, `/console/contracts/${idA}`);
    expect(submitted.location).toBe(`/console/contracts/${idA}?done=contractSubmitted`);
    const waiting = await as.a.get(submitted.location!);
    expect(waiting.html).toContain("审查中");
    expect(waiting.html).not.toContain(`action="/console/contracts/${idA}/submit"`);
  });

  it("the bureau finds it in its review queue and approves with a subsidy no larger than requested", async () => {
    const home = await as.bureau.get("/console");
    expect(home.html).toContain("待审查合同（1）");
    expect(home.html).toContain(`href="/console/contracts/${idA}"`);
    expect(rawKeys(home.html)).toEqual([]);
    const queue = await as.bureau.get("/console/contracts");
    expect(queue.html).toContain("合同审查");
    expect(queue.html).toContain(`href="/console/contracts/${idA}"`);
    expect(queue.html).not.toContain(`href="/console/contracts/${idB}"`);
    const page = await as.bureau.get(`/console/contracts/${idA}`);
    expect(page.html).toContain(`action="/console/contracts/${idA}/review"`);
    expect(page.html).toContain('name="subsidyYuan" aria-describedby="subsidy-hint" value="20000"');
    expect(rawKeys(page.html)).toEqual([]);
    const from = `/console/contracts/${idA}`;
    const tooMuch = await as.bureau.post(
      `/console/contracts/${idA}/review`,
      { decision: "approve", reason: "符合要求", subsidyYuan: "20000.01" },
      from,
    );
    expect(tooMuch.location).toBe(`${from}?problem=validation_failed`);
    const approved = await as.bureau.post(
      `/console/contracts/${idA}/review`,
      { decision: "approve", reason: "符合要求", subsidyYuan: "15,000" },
      from,
    );
    expect(approved.location).toBe(`${from}?done=reviewed`);
    const after = await as.company.get(from);
    expect(after.html).toContain("已批准");
    expect(after.html).toContain("审查意见：符合要求");
    expect(after.html).toMatch(/批准补贴<\/dt><dd>¥15,000/);
    expect((await as.bureau.get("/console")).html).toContain("没有待审查的合同。");
  });

  it("the bureau requests changes on the other contract, and a party may not review", async () => {
    await as.company.post(`/console/contracts/${idB}/sign`, {}, `/console/contracts/${idB}`);
    await as.b.post(`/console/contracts/${idB}/sign`, {}, `/console/contracts/${idB}`);
    await as.company.post(`/console/contracts/${idB}/submit`, {}, `/console/contracts/${idB}`);
    const from = `/console/contracts/${idB}`;
    const byParty = await as.company.post(
      `/console/contracts/${idB}/review`,
      { decision: "approve", reason: "自批" },
      from,
    );
    expect(byParty.location).toBe(`${from}?problem=forbidden`);
    const changes = await as.bureau.post(
      `/console/contracts/${idB}/review`,
      { decision: "request_changes", reason: "请补充培训计划。", subsidyYuan: "1" },
      from,
    );
    expect(changes.location).toBe(`${from}?done=reviewed`);
    const page = await as.b.get(from);
    expect(page.html).toContain("需修改");
    expect(page.html).toContain("审查意见：请补充培训计划。");
  });

  it("the provider starts with its planned cohort and completes", async () => {
    const from = `/console/contracts/${idA}`;
    const page = await as.a.get(from);
    expect(page.html).toContain(`<option value="${cohortId}">合同 1 班</option>`);
    expect((await as.company.get(from)).html).not.toContain(`action="${from}/start"`);
    const started = await as.a.post(`${from}/start`, { cohortId }, from);
    expect(started.location).toBe(`${from}?done=contractStarted`);
    const active = await as.a.get(from);
    expect(active.html).toContain("履约中");
    expect(active.html).toContain("培训班次：合同 1 班");
    expect((await as.company.get(from)).html).toContain(`action="${from}/complete"`);
    const completed = await as.company.post(`${from}/complete`, {}, from);
    expect(completed.location).toBe(`${from}?done=completed`);
    expect((await as.a.get(from)).html).toContain("已完成");
  });

  it("words the contract page and the list in English", async () => {
    await as.a.get("/console/language/en");
    const page = await as.a.get(`/console/contracts/${idA}`);
    expect(page.html).toContain("Terms (version 2)");
    expect(page.html).toContain("Changed: subsidy requested");
    expect(page.html).toContain("Completed");
    expect(rawKeys(page.html)).toEqual([]);
    const list = await as.a.get("/console/contracts?status=completed");
    expect(list.html).toContain(`href="/console/contracts/${idA}"`);
    expect(list.html).toContain("Contracts");
    expect(rawKeys(list.html)).toEqual([]);
    await as.a.get("/console/language/zh-CN");
  });
});
