/**
 * The bureau's subsidy policies, CSV enrolment, a contract's terms and the public OCDS page in headless Chromium on
 * the demo data, in Chinese: the bureau opens its subsidy policies and sets one; a provider uploads a CSV file with
 * an error (shown by row, nobody enrolled), then a correct one; a company changes a draft contract's terms, voiding
 * the signatures; anyone reads an order's OCDS page. Every page: axe, weight, raw keys, a screenshot.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contracts, users } from "../../src/db/schema";
import { DEMO_BUREAU_EMAIL, DEMO_PASSWORD, seedDemo } from "../../src/demo/seed";
import { checkPage, signInByKeyboard } from "./console-kit";
import { type BrowserHarness, browserSkipReason, startBrowserHarness } from "./harness";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)(
  "subsidies, CSV enrolment, contract terms and OCDS in a browser",
  { timeout: 120_000 },
  () => {
    let h: BrowserHarness;
    let page: Page;
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
    /** A demo contract in a state, and the email of a user (an admin) of one of its parties. */
    async function demoContract(status: "active" | "draft", party: "company" | "provider") {
      const db = h.api.services.db;
      const [row] = await db
        .select()
        .from(contracts)
        .where(eq(contracts.status, status))
        .orderBy(asc(contracts.id))
        .limit(1);
      expect(row, `a demo contract in ${status}`).toBeDefined();
      const orgId = party === "company" ? row.companyOrgId : row.providerOrgId;
      const [user] = await db
        .select({ email: users.email })
        .from(users)
        .where(and(eq(users.orgId, orgId), eq(users.role, "admin")))
        .limit(1);
      return { contract: row, email: user.email };
    }

    beforeAll(async () => {
      h = await startBrowserHarness({ locale: "zh-CN" });
      await seedDemo(h.api.services, h.api.clock.now());
      page = await h.open("/console/sign-in");

      await page.setViewportSize({ width: 1280, height: 900 });
    });
    afterAll(async () => {
      if (h) console.log(`admin pages transferred (bytes): ${JSON.stringify(weights)}`);
      await h?.close();
    });

    it("the bureau opens its subsidy policies and sets one", async () => {
      await signInByKeyboard(page, DEMO_BUREAU_EMAIL, DEMO_PASSWORD);
      await page.getByRole("link", { name: "补贴政策", exact: true }).click();
      expect(await page.locator("h1").textContent()).toBe("补贴政策");
      expect(await page.locator("#policy-ai_engineer").textContent()).toContain("¥2,000");
      await check("subsidies");
      await page
        .getByRole("link", { name: /^修改.*人工智能/ })
        .first()
        .click();
      await page.getByLabel("每名学员补贴（元）").fill("2500");
      await page.getByLabel("生效日期").fill("2026-01-01");
      await page.getByLabel("截止日期（可选，含当日；留空为长期有效）").fill("2026-12-31");
      await page.getByRole("button", { name: "保存补贴政策" }).click();
      await expect.poll(notice).toBe("补贴政策已保存。");
      const row = await page.locator("#policy-ai_engineer").textContent();
      expect(row).toContain("¥2,500");
      expect(row).toContain("2026-01-01 至 2026-12-31");
      // The redirect lands on the saved row; the screenshot shows the notice above the list.
      await page.evaluate("window.scrollTo(0, 0)");
      await check("subsidies-saved");
      await signOut();
    });

    it("a provider uploads a CSV file with an error, then a correct one", async () => {
      const { contract, email } = await demoContract("active", "provider");
      await signInByKeyboard(page, email, DEMO_PASSWORD);
      await page.goto(`/console/contracts/${contract.id}/trainees`);
      expect(await page.locator("h1").textContent()).toMatch(/^学员：/);
      const before = await page.locator("main").textContent();
      const enrolledBefore = Number(/已报名 (\d+) \//.exec(before ?? "")![1]);
      const upload = async (csv: string) => {
        await page.getByLabel("CSV 文件", { exact: true }).setInputFiles({
          name: "trainees.csv",
          mimeType: "text/csv",
          buffer: Buffer.from(`\uFEFF${csv}`, "utf8"),
        });
        await Promise.all([
          page.waitForLoadState("load"),
          page.getByRole("button", { name: "上传并报名" }).click(),
        ]);
      };
      await upload(
        "姓名,手机,邮箱,身份证后四位\r\n王小红,13800138000,,1234\r\n陈明,,,110101199003077777\r\n",
      );
      const errors = page.locator("#csv-errors");
      await expect.poll(() => errors.locator("tbody tr").count()).toBe(1);
      expect(await errors.locator("tbody tr").textContent()).toBe(
        "3身份证后四位这像是完整的身份证号，平台不保存；只填后四位。",
      );
      await errors.scrollIntoViewIfNeeded();
      await check("trainees-csv-errors");
      await upload(
        "姓名,手机,邮箱,身份证后四位\r\n王小红,13800138000,,1234\r\n陈明,,chen.ming@example.cn,077X\r\n",
      );
      await expect.poll(notice).toBe("已从 CSV 文件报名学员。");
      expect(await page.locator("main").textContent()).toContain(`已报名 ${enrolledBefore + 2} /`);
      expect(await page.locator("main table").last().textContent()).toContain("陈明");
      await check("trainees-csv-enrolled");
      await signOut();
    });

    it("a company changes a draft contract's terms, voiding the signatures", async () => {
      const { contract, email } = await demoContract("draft", "company");
      await signInByKeyboard(page, email, DEMO_PASSWORD);
      await page.goto(`/console/contracts/${contract.id}`);
      const version = contract.termsVersion;
      expect(await page.locator("#terms-title").textContent()).toBe(`合同条款（第 ${version} 版）`);
      await page.locator("summary", { hasText: "填写新条款" }).click();
      await page.getByLabel("特别条款（可选）").fill("培训机构每两周向企业提交一次培训进度报告。");
      await page.getByLabel("特别条款（可选）").scrollIntoViewIfNeeded();
      await check("contract-terms-form");
      await page.getByRole("button", { name: "保存条款并作废签署" }).click();
      await expect.poll(notice).toBe("条款已修改，双方签署已作废，请双方重新签署。");
      expect(await page.locator("#terms-title").textContent()).toBe(`合同条款（第 ${version + 1} 版）`);
      const signatures = await page.locator("section[aria-labelledby=signatures-title]").textContent();
      expect(signatures).toContain("尚未签署");
      expect(signatures).not.toContain("已签署");
      expect(await page.locator("section[aria-labelledby=versions-title]").textContent()).toContain(
        "变更：特别条款",
      );
      await check("contract-terms-changed");
      await signOut();
    });

    it("anyone reads an order's public OCDS page from its order page, with the JSON linked", async () => {
      const { contract, email } = await demoContract("active", "company");
      // The refused CSV file before was a 400 document, which the browser logs; nothing else may be.
      const errorsBefore = h.pageErrors().length;
      await signInByKeyboard(page, email, DEMO_PASSWORD);
      await page.goto(`/console/orders/${contract.orderId}`);
      await page.getByRole("link", { name: "公开采购数据（OCDS）" }).click();
      expect(await page.locator("h1").textContent()).toMatch(/^公开采购数据：/);
      const stages = await page.locator("section[aria-labelledby=releases-title] tbody th").allTextContents();
      expect(stages).toEqual(["招标", "定标", "合同", "履约"]);
      await check("order-ocds");
      await signOut();
      // Signed out, the same page (and its JSON) is public.
      await page.goto(`/console/orders/${contract.orderId}/ocds`);
      expect(await page.locator("h1").textContent()).toMatch(/^公开采购数据：/);
      const json = await page.request.get(`/v1/orders/${contract.orderId}/ocds`);
      expect(json.status()).toBe(200);
      expect((await json.json()).releases).toHaveLength(4);
      expect(h.blockedRequests()).toEqual([]);
      expect(h.pageErrors().slice(errorsBefore)).toEqual([]);
    });
  },
);
