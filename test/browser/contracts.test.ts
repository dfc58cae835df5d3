/**
 * Contracts in headless Chromium on the demo data, in Chinese: the company's admin (unless the demo did already) and
 * the provider's admin sign a draft whose award's publicity is over, the provider submits it, and the bureau approves it with a subsidy from its
 * review queue; the bureau's contract page is also read in English. Every page: axe, weight, raw keys, a screenshot.
 */
import { and, asc, eq, lt } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awards, contracts, users } from "../../src/db/schema";
import { DEMO_BUREAU_EMAIL, DEMO_PASSWORD, seedDemo } from "../../src/demo/seed";
import { checkPage, signInByKeyboard } from "./console-kit";
import { type BrowserHarness, browserSkipReason, startBrowserHarness } from "./harness";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)("contracts in a browser", { timeout: 120_000 }, () => {
  let h: BrowserHarness;
  let page: Page;
  let contractId: string;
  let companyAdmin: string;
  let providerAdmin: string;
  /** The demo's draft may carry the company's signature already (it waits for the provider). */
  let companySigned: boolean;
  const weights: Record<string, number> = {};
  const check = async (name: string) => {
    weights[name] = await checkPage(h, page, name);
  };
  const signOut = () =>
    Promise.all([
      page.waitForURL("**/console/sign-in"),
      page.locator("header .account button[type=submit]").click(),
    ]);
  const notice = () => page.locator(".notice").first().textContent();

  beforeAll(async () => {
    h = await startBrowserHarness({ locale: "zh-CN" });
    await seedDemo(h.api.services, h.api.clock.now());
    const db = h.api.services.db;
    // A demo draft whose award's publicity is over: both parties may sign it.
    const [draft] = await db
      .select({
        id: contracts.id,
        company: contracts.companyOrgId,
        provider: contracts.providerOrgId,
        companySigned: contracts.companySignature,
      })
      .from(contracts)
      .innerJoin(awards, eq(awards.id, contracts.awardId))
      .where(and(eq(contracts.status, "draft"), lt(awards.publicityEndsAt, h.api.clock.now())))
      .orderBy(asc(contracts.id))
      .limit(1);
    expect(draft, "a signable demo draft").toBeDefined();
    contractId = draft.id;
    companySigned = draft.companySigned !== null;
    const adminOf = async (orgId: string) =>
      (
        await db
          .select({ email: users.email })
          .from(users)
          .where(and(eq(users.orgId, orgId), eq(users.role, "admin")))
          .limit(1)
      )[0].email;
    companyAdmin = await adminOf(draft.company);
    providerAdmin = await adminOf(draft.provider);
    page = await h.open("/console/sign-in");
    await page.setViewportSize({ width: 1280, height: 860 });
  });
  afterAll(async () => {
    if (h) console.log(`contract pages transferred (bytes): ${JSON.stringify(weights)}`);
    await h?.close();
  });

  it("both parties sign, the provider submits, and the bureau approves with a subsidy", async () => {
    await signInByKeyboard(page, companyAdmin, DEMO_PASSWORD);
    await page.getByRole("link", { name: "合同", exact: true }).click();
    await check("contracts-company");
    await page.locator(`a[href="/console/contracts/${contractId}"]`).first().click();
    expect(await page.locator("h1").textContent()).toMatch(/^合同：/);
    await check("contract-draft");
    if (!companySigned) {
      await page.getByRole("button", { name: "签署合同" }).click();
      await expect.poll(notice).toBe("合同已签署。");
    }
    expect(await page.locator("main").textContent()).toContain("等待对方签署。");
    expect(await page.getByRole("button", { name: "签署合同" }).count()).toBe(0);
    await signOut();

    await signInByKeyboard(page, providerAdmin, DEMO_PASSWORD);
    await page.goto(`/console/contracts/${contractId}`);
    await page.getByRole("button", { name: "签署合同" }).click();
    await expect.poll(notice).toBe("合同已签署。");
    await page.getByRole("button", { name: "提交主管部门审查" }).click();
    await expect.poll(notice).toBe("合同已提交审查。");
    await check("contract-submitted");
    await signOut();

    await signInByKeyboard(page, DEMO_BUREAU_EMAIL, DEMO_PASSWORD);
    expect(await page.locator("main").textContent()).toContain("待审查合同");
    await check("bureau-review-queue");
    await page.locator(`main a[href="/console/contracts/${contractId}"]`).first().click();
    await check("contract-review");
    await page.getByLabel("批准", { exact: true }).check();
    const subsidy = page.getByLabel("批准补贴（元，仅批准时填写）");
    const requested = Number((await subsidy.inputValue()) || "0");
    await subsidy.fill(String(Math.floor(requested / 2)));
    await page.getByLabel("审查意见（双方可见）").fill("条款完整，按申请金额的一半批准补贴。");
    await page.getByRole("button", { name: "提交审查结论" }).click();
    await expect.poll(notice).toBe("审查结论已提交。");
    expect(await page.locator("main").textContent()).toContain("已批准");

    await page.getByRole("link", { name: "English" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toMatch(/^Contract: /);
    await check("contract-approved-en");
    await page.getByRole("link", { name: "中文" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await signOut();
  });

  it("the bureau's objections, statistics and a contract's trainees pass axe, in Chinese", async () => {
    await signInByKeyboard(page, DEMO_BUREAU_EMAIL, DEMO_PASSWORD);
    await page.getByRole("link", { name: "异议", exact: true }).click();
    expect(await page.locator("h1").textContent()).toBe("异议");
    await check("bureau-objections");
    // The demo's newest award is in its publicity period with an open objection.
    await page.locator('main a[href*="/objections#objection-"]').first().click();
    expect(await page.locator("main").textContent()).toContain("裁决结论");
    await check("order-objections");
    await page.getByRole("link", { name: "统计", exact: true }).click();
    expect(await page.locator(".big-figure").textContent()).toMatch(/%$/);
    await check("bureau-statistics");
    await page.goto("/console/contracts?status=active");
    await page.locator('main a[href^="/console/contracts/ctr_"]').first().click();
    await page.getByRole("link", { name: "学员名单" }).click();
    expect(await page.locator("h1").textContent()).toMatch(/^学员：/);
    await check("contract-trainees");
    await signOut();
  });
});
