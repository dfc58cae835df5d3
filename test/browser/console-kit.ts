/** What the console's browser tests share: axe-core injected into the page, page weight, and phone-width checks. */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

/** The README's screenshots (committed). */
export const DOCS_SCREENSHOTS = fileURLToPath(new URL("../../docs/screenshots", import.meta.url));

let axeSource: Promise<string> | undefined;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page and returns its serious and critical violations. The source is evaluated through the
 * DevTools protocol, which the page's CSP does not govern, so the page keeps its strict policy.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(await axeSource);
  // Expressions as strings: they run in the page, and this project's TypeScript has no DOM library.
  const violations = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Bytes the page transferred: the document and every resource it loaded (as the browser counted them). */
export function transferredBytes(page: Page): Promise<number> {
  // A resource served from cache reports a transferSize of 0; its body counts then (a new visitor loads it).
  return page.evaluate(`performance.getEntriesByType("navigation")
    .concat(performance.getEntriesByType("resource"))
    .reduce((n, e) => n + (e.transferSize || e.encodedBodySize), 0)`) as Promise<number>;
}

/** Whether the page fits its viewport's width (nothing scrolls sideways but tables inside their own wrapper). */
export const fitsWidth = (page: Page) =>
  page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1") as Promise<boolean>;
