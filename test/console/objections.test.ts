/**
 * The console's objection journey over HTTP: a provider that lost files an objection during the award's publicity,
 * the company answers from its queue, the bureau decides from its dashboard; in Chinese and in English.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bidder, type Org } from "../fixtures";
import { awardedOrder, type Bidder } from "../fixtures-contracts";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";
import { type ConsoleClient, consoleClient, rawKeys } from "./client";

let t: TestContext;
let company: Org;
let bidders: { a: Bidder; b: Bidder; c: Bidder };
let awarded: Awaited<ReturnType<typeof awardedOrder>>;
let page: string;
let objectionId: string;
const as: Record<string, ConsoleClient> = {};

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  const stranger = await bidder(t);
  bidders = { a: await bidder(t), b: await bidder(t), c: await bidder(t) };
  awarded = await awardedOrder(t, company, bidders);
  page = `/console/orders/${awarded.order.id}/objections`;
  const bureauEmail = (await t.call("GET", "/v1/me", { token: await t.bureau() })).body.user.email;
  const emails = { company: company.email, a: bidders.a.email, c: bidders.c.email, stranger: stranger.email };
  for (const [name, email] of Object.entries({ ...emails, bureau: bureauEmail })) {
    as[name] = consoleClient(t);
    await as[name].signIn(email, PASSWORD);
  }
});
afterAll(() => t.close());

// Every step happens during the award's publicity period (test/setup.ts puts the clock back before each test).
beforeEach(() => t.clock.set(new Date(new Date(awarded.award.awardedAt).getTime() + 60_000)));

describe("objections to an award", () => {
  it("the losing provider reaches the form from its bid and files an objection", async () => {
    const bid = await as.c.get(`/console/bids/${awarded.bids.c.id}`);
    expect(bid.html).toContain(`href="${page}"`);
    const form = await as.c.get(page);
    expect(form.status).toBe(200);
    expect(form.html).toContain(`action="${page}"`);
    expect(form.html).toContain("暂无异议。");
    expect(rawKeys(form.html)).toEqual([]);
    const empty = await as.c.post(page, { reason: "" }, page);
    expect(empty.location).toBe(`${page}?problem=validation_failed`);
    const filed = await as.c.post(page, { reason: "我方报价更低且技能全覆盖。" }, page);
    expect(filed.location).toBe(`${page}?done=objectionFiled`);
    const after = await as.c.get(filed.location!);
    expect(after.html).toContain("异议已提交。");
    expect(after.html).toContain("我方报价更低且技能全覆盖。");
    expect(after.html).toContain("待答复");
    expect(after.html).not.toContain(`action="${page}"`);
    objectionId = /id="objection-(obj_\w+)"/.exec(after.html)![1];
  });

  it("a winner may not object, and a provider that did not bid cannot open the page", async () => {
    const refused = await as.a.post(page, { reason: "我们也想提异议。" }, page);
    expect(refused.location).toBe(`${page}?problem=forbidden`);
    // The winner sees the objection, without the objector's name.
    const seen = await as.a.get(page);
    expect(seen.html).toContain("异议人：其他投标机构");
    expect(seen.html).not.toContain(`action="${page}"`);
    expect((await as.stranger.get(page)).status).toBe(403);
    expect((await as.stranger.get("/console/objections")).status).toBe(403);
  });

  it("the company answers it from its queue; signing waits meanwhile", async () => {
    const queue = await as.company.get("/console/objections");
    expect(queue.status).toBe(200);
    expect(queue.html).toContain(`href="${page}#objection-${objectionId}"`);
    expect(rawKeys(queue.html)).toEqual([]);
    const orderPage = await as.company.get(`/console/orders/${awarded.order.id}`);
    expect(orderPage.html).toContain(`href="${page}"`);
    const form = await as.company.get(page);
    expect(form.html).toContain(`action="/console/objections/${objectionId}/answer"`);
    expect(form.html).toContain(`异议人：Test provider ${bidders.c.email}`);
    const answered = await as.company.post(
      `/console/objections/${objectionId}/answer`,
      { answer: "中标方案的实训时长更长。", version: "1" },
      page,
    );
    expect(answered.location).toBe(`${page}?done=objectionAnswered#objection-${objectionId}`);
    const after = await as.company.get(`${page}?done=objectionAnswered`);
    expect(after.html).toContain("答复已提交。");
    expect(after.html).toContain("中标方案的实训时长更长。");
    expect(after.html).toContain("已答复，待裁决");
    expect(after.html).not.toContain(`/console/objections/${objectionId}/answer`);
  });

  it("the bureau decides it from its dashboard; the queue empties", async () => {
    const home = await as.bureau.get("/console");
    expect(home.html).toContain("待处理异议（1）");
    expect(home.html).toContain(`href="${page}#objection-${objectionId}"`);
    expect(rawKeys(home.html)).toEqual([]);
    expect(
      (
        await as.company.post(
          `/console/objections/${objectionId}/decide`,
          { decision: "upheld", reason: "x" },
          page,
        )
      ).location,
    ).toBe(`${page}?problem=forbidden#objection-${objectionId}`);
    const decided = await as.bureau.post(
      `/console/objections/${objectionId}/decide`,
      { decision: "dismissed", reason: "评审过程合规。" },
      page,
    );
    expect(decided.location).toBe(`${page}?done=objectionDecided#objection-${objectionId}`);
    const after = await as.c.get(page);
    expect(after.html).toContain("异议驳回");
    expect(after.html).toContain("评审过程合规。");
    expect((await as.bureau.get("/console")).html).toContain("没有待处理的异议。");
    expect((await as.company.get("/console/objections")).html).toContain("没有待处理的异议。");
  });

  it("words the objections page in English", async () => {
    await as.c.get("/console/language/en");
    const english = await as.c.get(page);
    expect(english.html).toContain("Objections to the award:");
    expect(english.html).toContain("Dismissed");
    expect(english.html).toContain("The bureau&#39;s decision");
    expect(rawKeys(english.html)).toEqual([]);
    await as.c.get("/console/language/zh-CN");
  });
});
