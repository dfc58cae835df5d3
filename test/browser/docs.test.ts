/** `/docs` in headless Chromium with the network limited to the app's origin: the reference renders, offline. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "../../src/platform/openapi";
import { type BrowserHarness, browserSkipReason, startBrowserHarness } from "./harness";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)("/docs in a browser", () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  });
  afterAll(() => h?.close());

  it("lists the operations with nothing fetched from another origin and no CSP violation", async () => {
    const doc = openApiDocument(h.api.app);
    const operationCount = Object.values(doc.paths ?? {}).reduce(
      (n, item) => n + Object.keys(item).length,
      0,
    );
    const createOrderSummary = doc.paths?.["/v1/orders"]?.post?.summary ?? "";
    expect(createOrderSummary).not.toBe("");

    const page = await h.open("/docs");
    await expect.poll(() => page.locator(".opblock").count(), { timeout: 15_000 }).toBe(operationCount);
    expect(await page.locator(".info .title").textContent()).toContain("OrderBridge API");
    const createOrder = page.locator(".opblock-post", {
      has: page.locator('.opblock-summary-path[data-path="/v1/orders"]'),
    });
    expect(await createOrder.locator(".opblock-summary-method").textContent()).toBe("POST");
    expect(await createOrder.locator(".opblock-summary-description").textContent()).toBe(createOrderSummary);

    await h.screenshot(page, "docs");
    expect(h.blockedRequests()).toEqual([]);
    expect(h.pageErrors()).toEqual([]);
  });

  it("aborts and records a request to another origin (the harness's own guard)", async () => {
    // /health sends no CSP, so only the harness stands between the page and the other origin (.invalid never resolves).
    const page = await h.open("/health");
    const outcome = await page.evaluate(() =>
      fetch("http://cdn.example.invalid/ui.js").then(
        () => "loaded",
        () => "failed",
      ),
    );
    expect(outcome).toBe("failed");
    expect(h.blockedRequests()).toEqual([{ url: "http://cdn.example.invalid/ui.js", resourceType: "fetch" }]);
  });
});
