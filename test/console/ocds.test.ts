/**
 * An order's public OCDS page over HTTP: anyone (signed in or not) reads a published order's releases by stage, in
 * Chinese or English, with the JSON linked, exactly when the API's GET /v1/orders/{id}/ocds answers; a draft or an
 * unknown order is a 404 there as here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bidder, createOrder, type Org, publishedOrder } from "../fixtures";
import { awardedOrder, type Bidder } from "../fixtures-contracts";
import { activeContract } from "../fixtures-delivery";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";
import { type ConsoleClient, consoleClient, rawKeys } from "./client";

let t: TestContext;
let company: Org;
let bidders: { a: Bidder; b: Bidder; c: Bidder };
const as: Record<string, ConsoleClient> = {};

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  bidders = { a: await bidder(t), b: await bidder(t), c: await bidder(t) };
  as.company = consoleClient(t);
  await as.company.signIn(company.email, PASSWORD);
  as.anonymous = consoleClient(t);
  as.anonymousEn = consoleClient(t, { acceptLanguage: "en" });
});
afterAll(() => t.close());

const ocds = (id: string) => `/console/orders/${id}/ocds`;

describe("the public OCDS page", () => {
  it("follows the API's visibility: a draft and an unknown order are 404s for everyone", async () => {
    const draft = await createOrder(t, company.token);
    expect((await t.call("GET", `/v1/orders/${draft.id}/ocds`)).status).toBe(404);
    expect((await as.anonymous.get(ocds(draft.id))).status).toBe(404);
    expect((await as.company.get(ocds(draft.id))).status).toBe(404);
    expect((await as.anonymous.get(ocds("ord_00000000000000000000000000"))).status).toBe(404);
    expect((await as.company.get(`/console/orders/${draft.id}`)).html).not.toContain(ocds(draft.id));
  });

  it("shows a published order's tender to anyone, bids sealed until the deadline, and links the JSON", async () => {
    const order = await publishedOrder(t, company.token);
    const page = await as.anonymous.get(ocds(order.id));
    expect(page.status).toBe(200);
    expect(page.html).toContain(`公开采购数据：${order.title}`);
    expect(page.html).toContain(`href="/v1/orders/${order.id}/ocds"`);
    expect(page.html).toContain('<th scope="row">招标</th>');
    expect(page.html).toContain("进行中");
    expect(page.html).toContain("投标截止后公开投标。");
    expect(page.html).not.toContain("退出登录");
    expect(rawKeys(page.html)).toEqual([]);
    const owner = await as.company.get(`/console/orders/${order.id}`);
    expect(owner.html).toContain(`href="${ocds(order.id)}"`);
    expect(owner.html).toContain("公开采购数据（OCDS）");
  });

  it("after the award: the tender's bids, the award, in Chinese and in English", async () => {
    const awarded = await awardedOrder(t, company, bidders);
    const api = await t.call("GET", `/v1/orders/${awarded.order.id}/ocds`);
    expect(api.status).toBe(200);
    const stages = api.body.releases.map((r: { tag: string[] }) => r.tag[0]);
    expect(stages).toEqual(["tender", "award"]);
    const page = await as.anonymous.get(ocds(awarded.order.id));
    expect(page.status).toBe(200);
    expect(page.html).toContain('<th scope="row">定标</th>');
    expect(page.html).toContain("投标（3 家机构）");
    expect(page.html).toContain("¥80,000");
    expect(page.html).toContain("定标结果");
    expect(page.html).toContain("Two local cohorts within budget");
    expect(rawKeys(page.html)).toEqual([]);
    const en = await as.anonymousEn.get(ocds(awarded.order.id));
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain("Open contracting data: ");
    expect(en.html).toContain("Bids (3 providers)");
    expect(en.html).toContain('<th scope="row">Award</th>');
    expect(rawKeys(en.html)).toEqual([]);
  });

  it("an active contract adds the contract and implementation stages, with its delivery scheduled", async () => {
    const ac = await activeContract(t, { headcount: 3 });
    const page = await as.anonymous.get(ocds(ac.order.id));
    expect(page.status).toBe(200);
    expect(page.html).toContain('<th scope="row">合同</th>');
    expect(page.html).toContain('<th scope="row">履约</th>');
    expect(page.html).toContain('<h2 id="implementation-title">履约</h2>');
    expect(page.html).toContain("<td>计划中</td>");
    expect(rawKeys(page.html)).toEqual([]);
  });
});
