/** `/docs` is served from the app itself: the page, its script and the swagger-ui-dist files, with strict headers. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCS_ASSET_FILES, DOCS_ASSET_PREFIX } from "../../src/platform/docs";
import { swaggerUiDistDir } from "../../src/platform/docs-assets-node";
import { type TestContext, createTestContext } from "../helpers";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("/docs", () => {
  it("serves a page that loads only same-origin files, under a CSP that allows only 'self'", async () => {
    const res = await t.app.request("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:|unsafe-eval|\*/);
    const html = await res.text();
    expect(html).toContain('data-openapi-url="/openapi.json"');
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(2);
    for (const url of urls) expect(url, url).toMatch(/^(\/|data:)/);
  });

  it("serves the swagger-ui-dist files byte for byte, cacheable for a year under their versioned path", async () => {
    for (const [file, type] of Object.entries(DOCS_ASSET_FILES)) {
      const res = await t.app.request(`${DOCS_ASSET_PREFIX}/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get("content-type")).toBe(type);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const served = Buffer.from(await res.arrayBuffer());
      expect(served.equals(await readFile(join(swaggerUiDistDir, file))), file).toBe(true);
    }
  });

  it("serves the start-up script as a same-origin file, revalidated on each load", async () => {
    const res = await t.app.request("/docs/init.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("javascript");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(await res.text()).toContain("validatorUrl: null");
  });

  it("answers an unknown asset with a 404 problem", async () => {
    for (const path of [
      `${DOCS_ASSET_PREFIX}/package.json`,
      `${DOCS_ASSET_PREFIX}/..%2Fpackage.json`,
      "/docs/assets/swagger-ui-0.0.0/swagger-ui.css",
    ]) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });
});
