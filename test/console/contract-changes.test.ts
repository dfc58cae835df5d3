/**
 * Changing a contract's terms and terminating it in the console over HTTP: either party changes a draft's terms
 * (voiding the signatures), a stale form gets a worded conflict, field errors are worded in both languages; a party
 * or the bureau terminates an approved contract with a reason. Other companies get 404s; forged posts 403s.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bidder, type Org } from "../fixtures";
import {
  awardedOrder,
  type Bidder,
  contractStep,
  endPublicity,
  submittedContract,
} from "../fixtures-contracts";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";
import { type ConsoleClient, consoleClient, rawKeys } from "./client";

let t: TestContext;
let company: Org;
let bidders: { a: Bidder; b: Bidder; c: Bidder };
let idA: string;
let idB: string;
let award: { publicityEndsAt: string };
const as: Record<string, ConsoleClient> = {};

const versionOf = (html: string, action: string) =>
  new RegExp(`action="${action}"[^]*?name="version" value="(\\d+)"`).exec(html)![1];

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
  expect(policy.status).toBe(201);
  const awarded = await awardedOrder(t, company, bidders);
  award = awarded.award;
  endPublicity(t, award);
  idA = awarded.contracts.a.id;
  idB = awarded.contracts.b.id;
  // B goes all the way to approved, so that it may be terminated.
  await submittedContract(t, idB, company, bidders.b);
  await contractStep(t, idB, "review", bureau, { decision: "approve", reason: "In order" });
  const bureauEmail = (await t.call("GET", "/v1/me", { token: bureau })).body.user.email;
  const emails = { company: company.email, other: other.email, a: bidders.a.email, bureau: bureauEmail };
  for (const [name, email] of Object.entries(emails)) {
    as[name] = consoleClient(t);
    await as[name].signIn(email, PASSWORD);
  }
  as.companyEn = consoleClient(t, { acceptLanguage: "en" });
  await as.companyEn.signIn(company.email, PASSWORD);
});
afterAll(() => t.close());
// The clock goes back before each test; every test here runs after the award's publicity.
beforeEach(() => {
  if (award) endPublicity(t, award);
});

const pageA = () => `/console/contracts/${idA}`;
const termsA = () => `/console/contracts/${idA}/terms`;

describe("changing a draft's terms", () => {
  it("either party sees the form with the current terms and what a change does", async () => {
    const page = await as.company.get(pageA());
    expect(page.status).toBe(200);
    expect(page.html).toContain(`action="${termsA()}"`);
    expect(page.html).toContain("修改后条款版本加一，双方已有的签署作废");
    expect(page.html).toMatch(/name="subsidyRequestedYuan" type="text" value="\d+/);
    expect(rawKeys(page.html)).toEqual([]);
    expect((await as.a.get(pageA())).html).toContain(`action="${termsA()}"`);
    expect((await as.bureau.get(pageA())).html).not.toContain(`action="${termsA()}"`);
  });

  it("a change voids the signatures and makes a new terms version", async () => {
    expect((await as.company.post(`/console/contracts/${idA}/sign`, {}, pageA())).location).toBe(
      `${pageA()}?done=signed`,
    );
    const page = await as.company.get(pageA());
    expect(page.html).toContain("已签署第 1 版");
    const changed = await as.company.post(
      termsA(),
      {
        version: versionOf(page.html, termsA()),
        startDate: /name="startDate" type="date" value="([^"]+)"/.exec(page.html)![1],
        endDate: /name="endDate" type="date" value="([^"]+)"/.exec(page.html)![1],
        subsidyRequestedYuan: "20000",
        specialTerms: "每周提交培训周报",
      },
      pageA(),
    );
    expect(changed.status).toBe(303);
    expect(changed.location).toBe(`${pageA()}?done=termsChanged`);
    const after = await as.company.get(changed.location!);
    expect(after.html).toContain("条款已修改，双方签署已作废，请双方重新签署。");
    expect(after.html).toContain("合同条款（第 2 版）");
    expect(after.html).toContain("每周提交培训周报");
    expect(after.html).toContain("¥20,000");
    expect(after.html).not.toContain("已签署第 1 版");
    expect(after.html).toContain("变更：申请补贴、特别条款");
    expect(rawKeys(after.html)).toEqual([]);
  });

  it("a stale form is refused with a worded conflict, keeping what was typed", async () => {
    const seen = await as.a.get(pageA());
    const old = versionOf(seen.html, termsA());
    const form = (specialTerms: string, version: string) => ({
      version,
      startDate: /name="startDate" type="date" value="([^"]+)"/.exec(seen.html)![1],
      endDate: /name="endDate" type="date" value="([^"]+)"/.exec(seen.html)![1],
      subsidyRequestedYuan: "20000",
      specialTerms,
    });
    expect((await as.company.post(termsA(), form("每两周提交周报", old), pageA())).status).toBe(303);
    const stale = await as.a.post(termsA(), form("每月提交报告", old), pageA());
    expect(stale.status).toBe(412);
    expect(stale.html).toContain("您打开表单之后合同已被修改（现为第 3 版条款），您的修改未保存。");
    expect(stale.html).toContain("每月提交报告");
    expect(stale.html).toContain("每两周提交周报");
    expect(rawKeys(stale.html)).toEqual([]);
  });

  it("words field errors in Chinese and in English, and changes nothing", async () => {
    const page = await as.company.get(pageA());
    const version = versionOf(page.html, termsA());
    const base = {
      version,
      startDate: /name="startDate" type="date" value="([^"]+)"/.exec(page.html)![1],
      endDate: /name="endDate" type="date" value="([^"]+)"/.exec(page.html)![1],
      subsidyRequestedYuan: "20000",
      specialTerms: "每两周提交周报",
    };
    const unchanged = await as.company.post(termsA(), base, pageA());
    expect(unchanged.status).toBe(400);
    expect(unchanged.html).toContain("条款没有变化。");
    const money = await as.company.post(termsA(), { ...base, subsidyRequestedYuan: "很多" }, pageA());
    expect(money.html).toContain("请输入金额，例如 15000 或 15000.50。");
    const dates = await as.company.post(termsA(), { ...base, endDate: "2020-01-01" }, pageA());
    expect(dates.status).toBe(400);
    expect(dates.html).toContain("不能早于开始日期。");
    const cap = await as.company.post(termsA(), { ...base, subsidyRequestedYuan: "24000.01" }, pageA());
    expect(cap.status).toBe(400);
    expect(cap.html).toContain("超过补贴上限 ¥24,000（开始日期适用的补贴政策 × 培训人数）。");
    const en = await as.companyEn.post(termsA(), { ...base, subsidyRequestedYuan: "24000.01" }, pageA());
    expect(en.html).toContain(
      "Above the cap of ¥24,000 (the subsidy policy in force on the start date × the headcount).",
    );
    const bad = await as.companyEn.post(termsA(), { ...base, startDate: "2031-02-30" }, pageA());
    expect(bad.html).toContain("Enter a date, e.g. 2031-01-31.");
    expect(rawKeys(bad.html)).toEqual([]);
    const still = await as.company.get(pageA());
    expect(still.html).toContain("合同条款（第 3 版）");
  });

  it("refuses the bureau, another company (404) and a forged form", async () => {
    const page = await as.company.get(pageA());
    const body = {
      version: versionOf(page.html, termsA()),
      startDate: /name="startDate" type="date" value="([^"]+)"/.exec(page.html)![1],
      endDate: /name="endDate" type="date" value="([^"]+)"/.exec(page.html)![1],
      specialTerms: "x",
      subsidyRequestedYuan: "1",
    };
    expect((await as.bureau.post(termsA(), body, pageA())).location).toBe(`${pageA()}?problem=forbidden`);
    expect((await as.other.post(termsA(), body, "/console")).status).toBe(404);
    expect((await as.company.post(termsA(), { ...body, _csrf: "forged" }, pageA())).status).toBe(403);
  });
});

describe("terminating a contract", () => {
  const pageB = () => `/console/contracts/${idB}`;
  const terminateB = () => `/console/contracts/${idB}/terminate`;

  it("is offered on an approved contract to its parties and the bureau, not on a draft", async () => {
    expect((await as.company.get(pageB())).html).toContain(`action="${terminateB()}"`);
    expect((await as.bureau.get(pageB())).html).toContain(`action="${terminateB()}"`);
    expect((await as.company.get(pageA())).html).not.toContain("/terminate");
    const draft = await as.company.post(
      `/console/contracts/${idA}/terminate`,
      { reason: "不再需要" },
      pageA(),
    );
    expect(draft.location).toBe(`${pageA()}?problem=invalid_state`);
  });

  it("needs a reason, refuses another company, and terminates with the reason shown", async () => {
    expect((await as.company.post(terminateB(), { reason: " " }, pageB())).location).toBe(
      `${pageB()}?problem=validation_failed`,
    );
    expect((await as.other.post(terminateB(), { reason: "x" }, "/console")).status).toBe(404);
    const done = await as.company.post(terminateB(), { reason: "培训场地无法使用" }, pageB());
    expect(done.location).toBe(`${pageB()}?done=terminated`);
    const page = await as.company.get(done.location!);
    expect(page.html).toContain("合同已终止。");
    expect(page.html).toContain("终止原因：培训场地无法使用");
    expect(page.html).not.toContain(`action="${terminateB()}"`);
    const en = await as.companyEn.get(pageB());
    expect(en.html).toContain("Terminated");
    expect(rawKeys(en.html)).toEqual([]);
  });
});
