/**
 * The web console in headless Chromium on the demo data, in Chinese: a company drafts, publishes and opens its
 * matches; a provider finds the order ranked and asks a question; the bureau verifies an organisation; one page
 * switches to English and one is checked at phone width. Every page: axe (no serious or critical violation), under
 * 200 KB, no raw message key, nothing from another origin, no CSP violation. `UPDATE_SCREENSHOTS=1` writes the
 * screenshots to docs/screenshots/ (the README's); otherwise they go to the harness's gitignored folder.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BUREAU_EMAIL, DEMO_PASSWORD, seedDemo } from "../../src/demo/seed";
import { checkPage, fitsWidth } from "./console-kit";
import { type BrowserHarness, browserSkipReason, startBrowserHarness } from "./harness";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

const ORDER_TITLE = "工业视觉质检工程师 15 名";

describe.skipIf(skipReason !== null)("the web console in a browser", () => {
  let h: BrowserHarness;
  let page: Page;
  const weights: Record<string, number> = {};

  /** The checks every visited page passes, and its screenshot for the README. */
  async function check(name: string) {
    weights[name] = await checkPage(h, page, name);
  }

  async function signIn(email: string) {
    await page.goto("/console/sign-in");
    // By keyboard alone: the skip link comes first, then the form's fields, and Enter submits.
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement.textContent")).toBe("跳到主要内容");
    await page.focus("#f-email");
    await page.keyboard.type(email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(DEMO_PASSWORD);
    await Promise.all([page.waitForURL("**/console"), page.keyboard.press("Enter")]);
  }

  async function signOut() {
    await Promise.all([
      page.waitForURL("**/console/sign-in"),
      page.getByRole("button", { name: "退出登录" }).click(),
    ]);
  }

  beforeAll(async () => {
    // A browser in Chinese, as the bureau's and most users' are.
    h = await startBrowserHarness({ locale: "zh-CN" });
    await seedDemo(h.api.services, h.api.clock.now());
    page = await h.open("/console/sign-in");
    await page.setViewportSize({ width: 1280, height: 860 });
  });
  afterAll(async () => {
    if (h) console.log(`console pages transferred (bytes): ${JSON.stringify(weights)}`);
    await h?.close();
  });

  it("a company signs in, drafts an order from the skill tree, publishes it and opens its matches", async () => {
    await check("sign-in");
    await signIn("company1@demo.orderbridge.cn");
    expect(await page.locator("h1").textContent()).toBe("工作台");
    await check("company-dashboard");

    await page.locator("nav.main").getByRole("link", { name: "发布需求" }).click();
    await page.getByLabel("职业").selectOption("ai_engineer");
    await page.getByRole("button", { name: "继续" }).click();
    await page.getByLabel("标题").fill(ORDER_TITLE);
    await page.getByLabel("说明").fill("为亦庄工厂培养缺陷检测算法工程师，结业后入职视觉团队。");
    await page.locator('[id="f-skill.skl_deep_learning"]').check();
    await page.locator('[id="f-minLevel.skl_deep_learning"]').selectOption("2");
    await page.locator('[id="f-essential.skl_deep_learning"]').check();
    await page.locator('[id="f-skill.skl_computer_vision"]').check();
    await page.getByLabel("最少人数").fill("10");
    await page.getByLabel("最多人数").fill("40");
    await page.getByLabel("每人培训预算").fill("20000");
    await page.getByLabel("区", { exact: true }).fill("Daxing");
    await page.getByLabel("承诺录用人数").fill("10");
    await page.getByLabel("月薪下限").fill("15000");
    await page.getByLabel("月薪上限").fill("22000");
    await page.getByLabel("服务期（月）").fill("24");
    await check("order-form");
    await page.getByRole("button", { name: "保存为草稿" }).click();
    await expect.poll(() => page.locator(".notice").textContent()).toBe("已创建。");

    await page.getByRole("button", { name: "发布订单" }).click();
    await expect.poll(() => page.locator(".notice").textContent()).toBe("订单已发布。");
    await check("order");
    await page.getByRole("link", { name: "查看匹配班次" }).click();
    expect(await page.locator("h1").textContent()).toBe(`匹配班次：${ORDER_TITLE}`);
    expect(await page.locator("li.card").count()).toBeGreaterThan(0);
    expect(await page.locator("li.card").first().textContent()).toContain("综合得分");
    await check("order-matches");
    await signOut();
  });

  it("a provider sees the order ranked for its cohorts and asks a question", async () => {
    await signIn("provider1@demo.orderbridge.cn");
    await check("provider-dashboard");
    await page.locator("nav.main").getByRole("link", { name: "需求大厅" }).click();
    await page.getByLabel("按班次").selectOption("all");
    await page.getByRole("button", { name: "筛选" }).click();
    const ranked = page.locator("li.card", { hasText: ORDER_TITLE });
    await expect.poll(() => ranked.count()).toBe(1);
    await ranked.locator("summary").click();
    await check("provider-market");
    await ranked.getByRole("link", { name: ORDER_TITLE }).click();
    await page.getByLabel("向需求企业提问").fill("能否接受线上线下结合的授课方式？");
    await page.getByRole("button", { name: "提交问题" }).click();
    await expect.poll(() => page.locator(".notice").textContent()).toBe("问题已提交。");
    expect(await page.locator("#enquiries").textContent()).toContain("能否接受线上线下结合的授课方式？");
    await check("provider-order");
    await signOut();
  });

  it("the bureau verifies a pending organisation, then reads the page in English", async () => {
    const pending = await h.api.org("company", { verified: false });
    await signIn(DEMO_BUREAU_EMAIL);
    await check("bureau-dashboard");
    await page.locator("nav.main").getByRole("link", { name: "机构审核" }).click();
    const name = `Test company ${pending.email}`;
    await page.getByRole("link", { name }).click();
    await page.getByRole("button", { name: "认证通过" }).click();
    await expect.poll(() => page.locator(".notice").textContent()).toBe("机构已认证。");
    await check("bureau-organization");

    await page.getByRole("link", { name: "English" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator(".notice").textContent()).toBe("The organisation is verified.");
    expect(await page.locator("nav.main").textContent()).toContain("Verification");
    await check("bureau-organization-en");
    await page.getByRole("link", { name: "中文" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("zh-CN");
  });

  it("is usable at phone width (375 px)", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto("/console/organizations?status=all");
    expect(await fitsWidth(page)).toBe(true);
    await check("phone-verification-queue");
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it("loaded nothing from another origin and broke no CSP rule", () => {
    expect(h.blockedRequests()).toEqual([]);
    expect(h.pageErrors()).toEqual([]);
  });
});
