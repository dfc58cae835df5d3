/** What the console's browser tests share: axe-core, page weight, phone-width checks, the per-page checks, sign-in. */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { rawKeys } from "../console/client";
import type { BrowserHarness } from "./harness";

/** Each console page stays under this many bytes transferred. */
export const PAGE_BUDGET_BYTES = 200 * 1024;

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

/**
 * The checks every console page in the browser tests passes (axe: no serious or critical violation; under
 * 200 KB; no raw message key) and its screenshot: to docs/screenshots/ with `UPDATE_SCREENSHOTS=1`, else to the
 * harness's gitignored folder. Returns the bytes the page transferred.
 */
export async function checkPage(h: BrowserHarness, page: Page, name: string): Promise<number> {
  expect(await seriousViolations(page), `${name}: axe`).toEqual([]);
  const bytes = await transferredBytes(page);
  expect(bytes, `${name}: bytes transferred`).toBeLessThan(PAGE_BUDGET_BYTES);
  expect(rawKeys(await page.content()), `${name}: raw keys`).toEqual([]);
  const dir = process.env.UPDATE_SCREENSHOTS === "1" ? DOCS_SCREENSHOTS : undefined;
  await h.screenshot(page, name, { dir, fullPage: false });
  return bytes;
}

/** Signs in through the form, by keyboard (the email field, Tab to the password, Enter), and waits for home. */
export async function signInByKeyboard(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/console/sign-in");
  await page.focus("#f-email");
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(password);
  await Promise.all([page.waitForURL("**/console"), page.keyboard.press("Enter")]);
}
