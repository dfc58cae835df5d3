/**
 * The assessor's journey and the public certificate check in headless Chromium on the demo data, in Chinese: the
 * demo assessor signs in, opens a waiting trainee from its queue and certifies it (after a refused, worded
 * attempt), then anyone verifies that certificate at `/verify` and sees the masked name; the result is also read in
 * English. Every page: axe, weight, raw keys, a screenshot.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../src/demo/seed";
import { DEMO_CERTIFICATES } from "../../src/demo/trainees";
import { checkPage, signInByKeyboard } from "./console-kit";
import { type BrowserHarness, browserSkipReason, startBrowserHarness } from "./harness";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

const ASSESSOR = "assessor1@demo.orderbridge.cn";
const CERTIFICATE = "S2026110100777";

describe.skipIf(skipReason !== null)(
  "assessor and public verification in a browser",
  { timeout: 120_000 },
  () => {
    let h: BrowserHarness;
    let page: Page;
    /** The trainee the assessor certified (the public check shows its name masked). */
    let certifiedName = "";
    const weights: Record<string, number> = {};
    const check = async (name: string) => {
      weights[name] = await checkPage(h, page, name);
    };

    beforeAll(async () => {
      h = await startBrowserHarness({ locale: "zh-CN" });
      await seedDemo(h.api.services, h.api.clock.now());
      page = await h.open("/console/sign-in");
      await page.setViewportSize({ width: 1280, height: 860 });
    });
    afterAll(async () => {
      if (h) console.log(`assessor and verify pages transferred (bytes): ${JSON.stringify(weights)}`);
      await h?.close();
    });

    it("the assessor certifies a waiting trainee from its queue", async () => {
      await signInByKeyboard(page, ASSESSOR, DEMO_PASSWORD);
      expect(await page.locator("main h2").first().textContent()).toMatch(/^待评价学员（\d+）$/);
      await check("assessor-home");
      await page.getByRole("link", { name: "评价", exact: true }).click();
      expect(await page.locator("h1").textContent()).toBe("评价队列");
      await page.getByLabel("评价情况", { exact: true }).selectOption("false");
      await page.getByRole("button", { name: "筛选" }).click();
      await page.waitForURL("**/console/assessments?**assessed=false**");
      await check("assessment-queue");
      const record = page.getByRole("link", { name: /^为 .+ 录入评价$/ }).first();
      const name = /^为 (.+) 录入评价$/.exec((await record.getAttribute("aria-label")) ?? "")![1];
      await record.click();
      expect(await page.locator("h1").textContent()).toBe(`评价：${name}`);
      await check("assessment-trainee");

      // A pass without a certificate number is refused beside the field, by keyboard to the button.
      await page.getByLabel("评价结果", { exact: true }).selectOption("pass");
      await page.getByLabel("证书编号", { exact: true }).fill("");
      await page.getByLabel("证书编号", { exact: true }).press("Enter");
      await expect
        .poll(() => page.locator("#certificateNo-error").textContent())
        .toBe("通过时须填写证书编号。");
      expect(await page.getByLabel("证书编号", { exact: true }).getAttribute("aria-invalid")).toBe("true");
      await check("assessment-refused");

      // A number already issued (a demo certificate) is refused too; a new one records the pass.
      await page.getByLabel("证书编号", { exact: true }).fill(DEMO_CERTIFICATES[0]);
      await page.getByRole("button", { name: "保存评价结果" }).click();
      await expect
        .poll(() => page.locator("#certificateNo-error").textContent())
        .toMatch(/^该证书编号已被使用/);
      await page.getByLabel("证书类型", { exact: true }).selectOption("vocational_skill_level");
      await page.getByLabel("等级", { exact: true }).selectOption("3");
      await page.getByLabel("证书编号", { exact: true }).fill(CERTIFICATE);
      await page.getByRole("button", { name: "保存评价结果" }).click();
      await expect.poll(() => page.locator(".notice").first().textContent()).toBe("评价结果已保存。");
      expect(await page.locator("main table").textContent()).toContain(CERTIFICATE);
      await check("assessment-recorded");
      await page.getByRole("link", { name: "证书", exact: true }).click();
      expect(await page.locator("main").textContent()).toContain(CERTIFICATE);
      await check("assessor-certificates");
      await Promise.all([
        page.waitForURL("**/console/sign-in"),
        page.locator("header .account button[type=submit]").click(),
      ]);
      certifiedName = name;
    });

    it("anyone verifies the certificate at /verify and sees the masked name, also in English", async () => {
      const name = certifiedName;
      expect(name, "the first test certified a trainee").not.toBe("");
      await page.goto("/console/sign-in");
      await page.getByRole("link", { name: "查验证书（无需登录）" }).click();
      await page.waitForURL("**/verify");
      expect(await page.locator("h1").textContent()).toBe("证书查验");
      await check("verify-form");
      await page.getByLabel("证书编号", { exact: true }).fill(CERTIFICATE.toLowerCase());
      await Promise.all([
        page.waitForURL(`**/verify/${CERTIFICATE.toLowerCase()}`),
        page.getByLabel("证书编号", { exact: true }).press("Enter"),
      ]);
      expect(await page.locator("h1").textContent()).toBe(`证书 ${CERTIFICATE}`);
      const facts = (await page.locator("dl.facts").textContent()) ?? "";
      const chars = [...name];
      const masked = `${chars[0]}${"*".repeat(Math.max(1, chars.length - 2))}${chars.length > 2 ? chars[chars.length - 1] : ""}`;
      expect(facts).toContain(masked);
      expect(facts).not.toContain(name);
      expect(facts).toContain("3 级（三级/高级工）");
      expect(facts).toContain("Beijing Vocational Skill Assessment Center");
      await check("verify-result");

      await page.getByRole("link", { name: "English" }).click();
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.locator("h1").textContent()).toBe(`Certificate ${CERTIFICATE}`);
      expect(await page.locator("main").textContent()).toContain("This certificate is genuine.");
      await check("verify-result-en");

      // The form below the result keeps the chosen language.
      await page.getByLabel("Certificate number", { exact: true }).fill("NO-SUCH-CERT-1");
      await Promise.all([
        page.waitForURL("**/verify/NO-SUCH-CERT-1?lang=en"),
        page.getByRole("button", { name: "Check" }).click(),
      ]);
      expect(await page.locator("h1").textContent()).toBe("Certificate not found");
      await check("verify-not-found-en");
    });

    it("the verification pages fit a phone-width screen", async () => {
      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto(`/verify/${CERTIFICATE}`);
      expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")).toBe(true);
    });
  },
);
