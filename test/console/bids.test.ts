/**
 * The console's bid journeys over HTTP: a company invites from its matches, providers place, change, submit,
 * reconfirm and withdraw bids, and after the deadline the company compares, disqualifies and awards, in Chinese and
 * in English.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DAY } from "../../src/platform/clock";
import { bidder, createCohort, publishedOrder, submittedBid } from "../fixtures";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";
import { type ConsoleClient, consoleClient, rawKeys } from "./client";

let t: TestContext;
let order: { id: string; bidDeadline: string; deliverBy: string; version: number };
let company: Awaited<ReturnType<TestContext["org"]>>;
let provider: Awaited<ReturnType<typeof bidder>>;
let rival: Awaited<ReturnType<typeof bidder>>;
let third: Awaited<ReturnType<typeof bidder>>;
let small: Awaited<ReturnType<typeof bidder>>;
let late: Awaited<ReturnType<typeof bidder>>;
let lateBidId: string;
let bidId: string;
let cohortId: string;
let thirdBidId: string;
let smallBidId: string;
const as: Record<string, ConsoleClient> = {};

const date = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  provider = await bidder(t);
  rival = await bidder(t);
  third = await bidder(t);
  small = await bidder(t);
  late = await bidder(t);
  cohortId = (await createCohort(t, provider.token, provider.programId, { name: "视觉 1 班" })).id;
  order = await publishedOrder(t, company.token, { title: "视觉质检工程师" });
  for (const [name, org] of Object.entries({ company, provider, rival, third, late })) {
    as[name] = consoleClient(t);
    await as[name].signIn(org.email, PASSWORD);
  }
});
afterAll(() => t.close());

describe("before the deadline", () => {
  it("the company invites a provider from the matches page", async () => {
    const matches = await as.company.get(`/console/orders/${order.id}/matches`);
    expect(matches.html).toContain("视觉 1 班");
    expect(matches.html).toContain(`action="/console/orders/${order.id}/invitations"`);
    const invited = await as.company.post(
      `/console/orders/${order.id}/invitations`,
      { providerOrgId: provider.orgId, cohortId, message: "欢迎投标。" },
      `/console/orders/${order.id}/matches`,
    );
    expect(invited.location).toBe(`/console/orders/${order.id}/matches?done=invited`);
    const after = await as.company.get(invited.location!);
    expect(after.html).toContain("邀请已发送。");
    expect(after.html).toContain("已邀请");
    const again = await as.company.post(
      `/console/orders/${order.id}/invitations`,
      { providerOrgId: provider.orgId, message: "再次邀请。" },
      `/console/orders/${order.id}/matches`,
    );
    expect(again.location).toBe(`/console/orders/${order.id}/matches?problem=conflict`);
    const sent = await as.company.get("/console/invitations");
    expect(sent.html).toContain(`Test provider ${provider.email}`);
    expect(sent.html).toContain("欢迎投标。");
    expect(sent.html).not.toContain("去投标");
  });

  it("the provider sees the invitation and drafts a bid from it, with worded errors first", async () => {
    const invitations = await as.provider.get("/console/invitations");
    expect(invitations.html).toContain("视觉质检工程师");
    expect(invitations.html).toContain("欢迎投标。");
    const invitationId = /bids\/new\?invitation=(inv_\w+)/.exec(invitations.html)![1];
    const orderPage = await as.provider.get(`/console/orders/${order.id}`);
    expect(orderPage.html).toContain("我方尚未投标。");
    const form = await as.provider.get(`/console/orders/${order.id}/bids/new?invitation=${invitationId}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain(`name="invitationId" value="${invitationId}"`);
    // The invitation named a cohort: it and its program are preselected.
    expect(form.html).toContain(`<option value="${cohortId}" selected`);
    expect(form.html).toContain(`<option value="${provider.programId}" selected`);
    expect(rawKeys(form.html)).toEqual([]);
    const values = {
      programId: provider.programId,
      invitationId,
      cohortId,
      cohortSize: "25",
      priceYuan: "12k",
      startDate: date(21),
      endDate: date(200),
      validUntil: date(60),
      proposal: "十二周项目制培训，结业考核在现场进行。",
    };
    const bad = await as.provider.post(
      `/console/orders/${order.id}/bids`,
      values,
      `/console/orders/${order.id}/bids/new`,
    );
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("请输入金额");
    const refused = await as.provider.post(
      `/console/orders/${order.id}/bids`,
      { ...values, priceYuan: "12000" },
      `/console/orders/${order.id}/bids/new`,
    );
    expect(refused.status).toBe(400);
    expect(refused.html).toContain("不能超过班次人数 15。");
    expect(refused.html).toContain(`不能晚于 ${order.deliverBy}。`);
    expect(refused.html).toContain("十二周项目制培训");
    const created = await as.provider.post(
      `/console/orders/${order.id}/bids`,
      { ...values, priceYuan: "12000", cohortSize: "15", endDate: date(110) },
      `/console/orders/${order.id}/bids/new`,
    );
    expect(created.status).toBe(303);
    bidId = /\/console\/bids\/(bid_\w+)\?done=bidCreated/.exec(created.location!)![1];
    const page = await as.provider.get(created.location!);
    expect(page.html).toContain("投标草稿已保存。");
    expect(page.html).toContain("¥12,000");
    expect(page.html).toContain("视觉 1 班");
    // A second bid on the same order goes to the live one.
    expect((await as.provider.get(`/console/orders/${order.id}/bids/new`)).location).toBe(
      `/console/bids/${bidId}`,
    );
  });

  it("the provider changes, submits and, after an amendment, reconfirms its bid", async () => {
    const edit = await as.provider.get(`/console/bids/${bidId}/edit`);
    expect(edit.html).toContain('value="12000"');
    const form = Object.fromEntries(
      [...edit.html.matchAll(/<input[^>]*name="([^"_]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    const saved = await as.provider.post(
      `/console/bids/${bidId}/edit`,
      {
        ...form,
        programId: provider.programId,
        cohortId,
        priceYuan: "11500",
        proposal: "十二周项目制培训。",
        version: "1",
      },
      `/console/bids/${bidId}/edit`,
    );
    expect(saved.location).toBe(`/console/bids/${bidId}?done=bidSaved`);
    const submitted = await as.provider.post(
      `/console/bids/${bidId}/submit`,
      { version: "2" },
      `/console/bids/${bidId}`,
    );
    expect(submitted.location).toBe(`/console/bids/${bidId}?done=submitted`);
    // A bid submitted before the amendment and never reconfirmed is not evaluated.
    lateBidId = (await submittedBid(t, late, order, { cohortSize: 10 })).id;
    const amend = await t.call("PATCH", `/v1/orders/${order.id}`, {
      token: company.token,
      headers: { "If-Match": `"${order.version}"` },
      body: { description: "现场实训两周。" },
    });
    expect(amend.status, JSON.stringify(amend.body)).toBe(200);
    order = amend.body;
    const page = await as.provider.get(`/console/bids/${bidId}`);
    expect(page.html).toContain("订单已修改");
    expect(page.html).toContain("重新确认投标");
    const reconfirmed = await as.provider.post(
      `/console/bids/${bidId}/reconfirm`,
      {},
      `/console/bids/${bidId}`,
    );
    expect(reconfirmed.location).toBe(`/console/bids/${bidId}?done=reconfirmed`);
    expect((await as.provider.get(`/console/bids/${bidId}`)).html).not.toContain("重新确认投标");
  });

  it("a rival withdraws its bid, and its list says why it will not be evaluated", async () => {
    const bid = await submittedBid(t, rival, order);
    const withdrawn = await as.rival.post(`/console/bids/${bid.id}/withdraw`, {}, `/console/bids/${bid.id}`);
    expect(withdrawn.location).toBe(`/console/bids/${bid.id}?done=withdrawn`);
    const list = await as.rival.get("/console/bids");
    expect(list.html).toContain("已撤回，不参与评审。");
    expect(rawKeys(list.html)).toEqual([]);
  });

  it("the company sees only the count of sealed bids", async () => {
    thirdBidId = (await submittedBid(t, third, order, { cohortSize: 15, pricePerTraineeFen: 1_000_000 })).id;
    smallBidId = (await submittedBid(t, small, order, { cohortSize: 8, pricePerTraineeFen: 1_400_000 })).id;
    const sealed = await as.company.get(`/console/orders/${order.id}/bids`);
    expect(sealed.status).toBe(200);
    expect(sealed.html).toContain("已收到 4 份投标");
    expect(sealed.html).not.toContain("¥11,500");
  });
});

describe("after the deadline", () => {
  // test/setup.ts puts the clock back before every test: each of these runs a day after the deadline.
  beforeEach(() => t.clock.set(new Date(new Date(order.bidDeadline).getTime() + DAY)));

  it("the company compares the bids, sortable by link, each with its factor bars", async () => {
    const home = await as.company.get("/console");
    expect(home.html).toContain(`href="/console/orders/${order.id}/bids"`);
    const page = await as.company.get(`/console/orders/${order.id}/bids`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("¥11,500");
    expect(page.html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="技能得分 \d+\/100"/);
    expect(page.html).toContain('aria-sort="descending"');
    expect(page.html).toContain(`href="/console/orders/${order.id}/bids?sort=price"`);
    expect(rawKeys(page.html)).toEqual([]);
    const byPrice = await as.company.get(`/console/orders/${order.id}/bids?sort=price`);
    const rows = (html: string) => [...html.matchAll(/name="bidIds" value="(bid_\w+)"/g)].map((m) => m[1]);
    expect(rows(byPrice.html)).toEqual([thirdBidId, bidId, smallBidId]);
    const bySize = await as.company.get(`/console/orders/${order.id}/bids?sort=size`);
    expect(rows(bySize.html).at(-1)).toBe(smallBidId);
  });

  it("the bureau's dashboard lists orders in evaluation, and a provider cannot open the comparison", async () => {
    const bureau = consoleClient(t);
    const email = (await t.call("GET", "/v1/me", { token: await t.bureau() })).body.user.email;
    await bureau.signIn(email, PASSWORD);
    const home = await bureau.get("/console");
    expect(home.status).toBe(200);
    expect(home.html).toContain(`href="/console/orders/${order.id}/bids"`);
    expect(rawKeys(home.html)).toEqual([]);
    expect((await bureau.get(`/console/orders/${order.id}/bids`)).status).toBe(200);
    expect((await bureau.get(`/console/orders/${order.id}`)).html).toContain(
      `href="/console/orders/${order.id}/bids"`,
    );
    expect((await as.provider.get(`/console/orders/${order.id}/bids`)).status).toBe(403);
  });

  it("the award form's script is served by the app itself, cached under its content hash", async () => {
    const page = await as.company.get(`/console/orders/${order.id}/bids`);
    const src = /<script src="(\/console\/assets\/award\.[0-9a-f]{8}\.js)" defer/.exec(page.html)![1];
    const script = await t.app.request(`http://localhost${src}`);
    expect(script.status).toBe(200);
    expect(script.headers.get("Content-Type")).toContain("text/javascript");
    expect(script.headers.get("Cache-Control")).toContain("immutable");
    expect(await script.text()).toContain("award-sum");
  });

  it("disqualifies a bid with a reason, which its provider reads", async () => {
    const res = await as.company.post(
      `/console/bids/${thirdBidId}/disqualify`,
      { reason: "方案未列出持证讲师。", sort: "price" },
      `/console/orders/${order.id}/bids`,
    );
    expect(res.location).toBe(`/console/orders/${order.id}/bids?sort=price&done=disqualified`);
    const page = await as.company.get(res.location!);
    expect(page.html).toContain("已被需求企业判定不予评审：方案未列出持证讲师。");
    const mine = await as.third.get(`/console/bids/${thirdBidId}`);
    expect(mine.html).toContain("方案未列出持证讲师。");
    const unreconfirmed = await as.late.get("/console/bids");
    expect(unreconfirmed.html).toContain("订单修改后未重新确认，未参与评审。");
    expect(unreconfirmed.html).toContain(`href="/console/bids/${lateBidId}"`);
  });

  it("refuses an award whose headcount total is outside the range, keeping the ticks, then awards", async () => {
    const from = `/console/orders/${order.id}/bids`;
    const none = await as.company.post(`/console/orders/${order.id}/award`, { reason: "最优" }, from);
    expect(none.status).toBe(400);
    expect(none.html).toContain("请至少选择一份投标。");
    const page = await as.company.get(from);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)![1];
    const body = new URLSearchParams({ _csrf: csrf, reason: "技能覆盖最好" });
    body.append("bidIds", bidId);
    body.append("bidIds", smallBidId);
    const outside = await t.app.request(`http://localhost/console/orders/${order.id}/award`, {
      method: "POST",
      headers: {
        Cookie: [...as.company.jar].map(([k, v]) => `${k}=${v}`).join("; "),
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "http://localhost",
      },
      body: body.toString(),
    });
    expect(outside.status).toBe(400);
    const html = await outside.text();
    expect(html).toContain("所选投标人数合计 23 人，不在订单要求的 10–20 人之间。");
    expect(html).toContain(`value="${smallBidId}" data-size="8" checked`);
    expect(html).toContain("技能覆盖最好");
    const awarded = await as.company.post(
      `/console/orders/${order.id}/award`,
      { bidIds: bidId, reason: "技能覆盖最好" },
      from,
    );
    expect(awarded.location).toBe(`/console/orders/${order.id}/bids?done=awarded`);
    const after = await as.company.get(awarded.location!);
    expect(after.html).toContain("定标完成，已生成合同草稿。");
    expect(after.html).toContain("已定标：技能覆盖最好");
    expect(after.html).not.toContain('name="bidIds"');
    const won = await as.provider.get(`/console/bids/${bidId}`);
    expect(won.html).toContain("中标");
    expect(won.html).toContain("技能覆盖最好");
  });

  it("words the comparison in English", async () => {
    await as.company.get("/console/language/en");
    const page = await as.company.get(`/console/orders/${order.id}/bids?sort=valid`);
    expect(page.html).toContain("Compare bids: 视觉质检工程师");
    expect(page.html).toContain("Sorted by validity (longest first)");
    expect(page.html).toContain("Disqualified by the company: 方案未列出持证讲师。");
    expect(rawKeys(page.html)).toEqual([]);
    await as.company.get("/console/language/zh-CN");
  });
});
