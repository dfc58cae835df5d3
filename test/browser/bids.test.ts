/**
 * Bids, invitations and the award in headless Chromium on the demo data, in Chinese: a company compares an
 * order's opened bids (sorting by link), disqualifies one with a reason and awards a selection whose headcount total
 * the page announces as it is ticked; a provider bids from an invitation and submits; the bureau's dashboard lists
 * orders in evaluation. The comparison and the provider's bids are also read in English. Every page: axe, weight,
 * raw keys, a screenshot (docs/screenshots/ with `UPDATE_SCREENSHOTS=1`).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bids, invitations, orders, users } from "../../src/db/schema";
import { DEMO_BUREAU_EMAIL, DEMO_PASSWORD, seedDemo } from "../../src/demo/seed";
import { checkPage, fitsWidth, signInByKeyboard } from "./console-kit";
import { type BrowserHarness, browserSkipReason, startBrowserHarness } from "./harness";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

/** The smallest selection of sizes whose total lies in min…max (indices), or null. */
function fittingSelection(sizes: number[], min: number, max: number): number[] | null {
  let best: number[] | null = null;
  for (let mask = 1; mask < 1 << sizes.length; mask++) {
    const picked = sizes.flatMap((_, i) => ((mask >> i) & 1 ? [i] : []));
    const total = picked.reduce((n, i) => n + sizes[i], 0);
    if (total >= min && total <= max && (!best || picked.length < best.length)) best = picked;
  }
  return best;
}

// Each journey walks several pages with axe on each: more than the default 30 s on a shared two-core machine.
describe.skipIf(skipReason !== null)("bids and the award in a browser", { timeout: 120_000 }, () => {
  let h: BrowserHarness;
  let page: Page;
  const weights: Record<string, number> = {};
  const check = async (name: string) => {
    weights[name] = await checkPage(h, page, name);
  };
  /** Starts a journey signed out, whatever the previous one left behind. */
  const fresh = () => page.context().clearCookies();
  const signOut = () =>
    Promise.all([
      page.waitForURL("**/console/sign-in"),
      page.locator("header .account button[type=submit]").click(),
    ]);

  beforeAll(async () => {
    h = await startBrowserHarness({ locale: "zh-CN" });
    await seedDemo(h.api.services, h.api.clock.now());
    page = await h.open("/console/sign-in");
    await page.setViewportSize({ width: 1280, height: 860 });
  });
  afterAll(async () => {
    if (h) console.log(`bid pages transferred (bytes): ${JSON.stringify(weights)}`);
    await h?.close();
  });

  it("a company compares opened bids, disqualifies one and awards a selection that fits its headcount", async () => {
    await fresh();
    await signInByKeyboard(page, "company1@demo.orderbridge.cn", DEMO_PASSWORD);
    await page.getByRole("link", { name: "比较投标并定标" }).first().click();
    expect(await page.locator("h1").textContent()).toMatch(/^投标比较：/);
    await page.getByRole("link", { name: "每人价格" }).click();
    await expect.poll(() => page.url()).toContain("sort=price");
    expect(await page.locator("th[aria-sort]").textContent()).toContain("每人价格");
    await check("order-bids");

    const boxes = page.locator('input[name="bidIds"]');
    const sizes: number[] = [];
    const ids: string[] = [];
    for (const box of await boxes.all()) {
      sizes.push(Number(await box.getAttribute("data-size")));
      ids.push((await box.getAttribute("value")) ?? "");
    }
    const sum = page.locator("#award-sum");
    const min = Number(await sum.getAttribute("data-min"));
    const max = Number(await sum.getAttribute("data-max"));
    const chosen = fittingSelection(sizes, min, max);
    expect(chosen, `a selection of ${sizes} within ${min}…${max}`).not.toBeNull();

    const spare = ids.findIndex((_, i) => !chosen!.includes(i));
    if (spare >= 0) {
      const card = page.locator(`#bid-${ids[spare]}`);
      await card.getByLabel("不予评审的理由").fill("方案未列出持证讲师。");
      await card.getByRole("button", { name: "不予评审" }).click();
      await expect.poll(() => page.locator(".notice").first().textContent()).toBe("该投标已判定不予评审。");
      expect(await page.locator(`#bid-${ids[spare]}`).textContent()).toContain("方案未列出持证讲师。");
    }

    // The total is announced as bids are ticked: too many first (when that is possible), then the fitting choice.
    const all = sizes.reduce((n, s, i) => (i === spare ? n : n + s), 0);
    for (const [i, id] of ids.entries()) {
      if (i !== spare) await page.locator(`input[name="bidIds"][value="${id}"]`).check();
    }
    if (all > max) await expect.poll(() => sum.textContent()).toContain("人数合计不在要求范围内。");
    for (const [i, id] of ids.entries()) {
      if (i !== spare && !chosen!.includes(i))
        await page.locator(`input[name="bidIds"][value="${id}"]`).uncheck();
    }
    await expect.poll(() => sum.textContent()).toContain("人数合计符合要求。");
    await page.getByLabel("定标理由（所有投标人可见）").fill("技能覆盖最好，且在交付日期前结业。");
    await check("order-award");
    await page.getByRole("button", { name: "确认定标" }).click();
    await expect.poll(() => page.locator(".notice").first().textContent()).toBe("定标完成，已生成合同草稿。");
    expect(await page.locator('input[name="bidIds"]').count()).toBe(0);

    // At phone width only the table scrolls, inside its own wrapper.
    await page.setViewportSize({ width: 375, height: 812 });
    expect(await fitsWidth(page)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 860 });

    await page.getByRole("link", { name: "English" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toMatch(/^Compare bids: /);
    await check("order-bids-en");
    await page.getByRole("link", { name: "中文" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await signOut();
  });

  it("a provider bids on an order it was invited to, submits, and reads its bids in English", async () => {
    const { db } = h.api;
    const invited = await db
      .select({ orderId: invitations.orderId, providerOrgId: invitations.providerOrgId, email: users.email })
      .from(invitations)
      .innerJoin(orders, eq(orders.id, invitations.orderId))
      .innerJoin(users, eq(users.orgId, invitations.providerOrgId))
      .where(and(eq(orders.status, "open")));
    const placed = await db
      .select({ orderId: bids.orderId, providerOrgId: bids.providerOrgId })
      .from(bids)
      .where(inArray(bids.status, ["draft", "submitted"]));
    const open = invited.find(
      (i) => !placed.some((b) => b.orderId === i.orderId && b.providerOrgId === i.providerOrgId),
    );
    expect(open, "an invitation without a bid in the demo data").toBeDefined();

    await fresh();
    await signInByKeyboard(page, open!.email, DEMO_PASSWORD);
    await check("provider-dashboard-bids");
    await page.locator("nav.main").getByRole("link", { name: "投标邀请" }).click();
    await check("provider-invitations");
    await page.locator(`a[href*="/console/orders/${open!.orderId}/bids/new"]`).first().click();
    await page.getByLabel("培训人数").fill("5");
    await page.getByLabel("每人价格（元）").fill("12800");
    await page.getByLabel("培训方案").fill("十二周项目制培训，每周向贵司技术负责人演示进展。");
    await check("bid-form");
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect.poll(() => page.locator(".notice").first().textContent()).toBe("投标草稿已保存。");
    await page.getByRole("button", { name: "提交投标" }).click();
    await expect.poll(() => page.locator(".notice").first().textContent()).toBe("投标已提交。");
    expect(await page.locator("dl.facts").textContent()).toContain("¥12,800");
    await check("bid");

    await page.getByRole("link", { name: "English" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator(".notice").first().textContent()).toBe("Your bid is submitted.");
    await page.locator("nav.main").getByRole("link", { name: "My bids" }).click();
    expect(await page.locator("h1").textContent()).toBe("My bids");
    await check("provider-bids-en");
    await page.getByRole("link", { name: "中文" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await signOut();
  });

  it("the bureau's dashboard lists the orders in evaluation beside the verification queue", async () => {
    await fresh();
    await signInByKeyboard(page, DEMO_BUREAU_EMAIL, DEMO_PASSWORD);
    expect(await page.locator("main").textContent()).toContain("评标中的订单");
    await check("bureau-evaluation");
    await page.locator('main a[href$="/bids"]').first().click();
    expect(await page.locator("h1").textContent()).toMatch(/^投标比较：/);
    expect(await page.locator('input[name="bidIds"]').count()).toBe(0);
    await check("bureau-order-bids");
    await signOut();
  });

  it("loaded nothing from another origin and broke no CSP rule", () => {
    expect(h.blockedRequests()).toEqual([]);
    expect(h.pageErrors()).toEqual([]);
  });
});
