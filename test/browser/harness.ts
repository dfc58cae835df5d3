/**
 * Browser harness: the app on a real port (PGlite in memory, through the test helpers) and Debian's Chromium driven
 * by playwright-core, with the network limited to the app's origin. The docs test and the web console's tests use it.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ServerType, serve } from "@hono/node-server";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import { type TestContext, createTestContext } from "../helpers";

/** Debian's `chromium` package; `CHROMIUM_PATH` points elsewhere. Playwright cannot download browsers here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Chromium's flags: no sandbox (CI runs as root), no GPU, and no traffic of the browser's own. */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Where `screenshot()` writes; gitignored. */
export const SCREENSHOT_DIR = fileURLToPath(new URL("./screenshots", import.meta.url));

/**
 * Whether browser tests can run: the reason to skip them when Chromium is missing, or null when it is there.
 * With `REQUIRE_BROWSER=1` (set by CI) a missing Chromium throws instead, so the suite fails rather than skips.
 */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  const missing = `Chromium is not installed at ${CHROMIUM_PATH}`;
  const hint = "install it with `apt-get install -y chromium`, or set CHROMIUM_PATH";
  if (process.env.REQUIRE_BROWSER === "1")
    throw new Error(`${missing}, and REQUIRE_BROWSER=1 makes that a failure: ${hint}`);
  return `${missing}: browser tests skipped (${hint})`;
}

/** A request the harness refused because it was not for the app's origin. */
export interface BlockedRequest {
  url: string;
  /** The kind of resource: document, script, stylesheet, image, font, fetch, … */
  resourceType: string;
}

export interface BrowserHarness {
  /** The test context behind the server (database, clock, fixtures such as `org()` and `login()`). */
  api: TestContext;
  /** The app's origin, e.g. `http://127.0.0.1:40123`. */
  origin: string;
  /** Opens a new page at a path of the app and waits until its network is idle. */
  open(path: string): Promise<Page>;
  /** Every request to another origin, aborted so far. */
  blockedRequests(): BlockedRequest[];
  /** Console errors and uncaught page errors so far (CSP violations show up here). */
  pageErrors(): string[];
  /**
   * Saves a PNG under `SCREENSHOT_DIR` (or `opts.dir`, e.g. the README's docs/screenshots) and returns its path:
   * the full page unless `opts.fullPage` is false (the viewport only, for small committed images).
   */
  screenshot(page: Page, name: string, opts?: { dir?: string; fullPage?: boolean }): Promise<string>;
  /** Closes the browser, the server and the database. */
  close(): Promise<void>;
}

function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<ServerType> {
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(server));
  });
}

/**
 * Starts the app and Chromium. Call `browserSkipReason()` first. `locale` sets the browser's language (its
 * Accept-Language and navigator.language); Chromium's own default is en-US.
 * @example const h = await startBrowserHarness(); const page = await h.open("/docs"); await h.close();
 */
export async function startBrowserHarness(opts: { locale?: string } = {}): Promise<BrowserHarness> {
  const api = await createTestContext();
  const server = await listen(api.app.fetch);
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  let browser: Browser | undefined;
  let context: BrowserContext;
  try {
    // Playwright's launch() gives each run a fresh temporary --user-data-dir and removes it on close.
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    // Service workers could fetch outside the routes below, so there are none.
    context = await browser.newContext({ serviceWorkers: "block", baseURL: origin, locale: opts.locale });
  } catch (err) {
    await browser?.close();
    server.close();
    await api.close();
    throw err;
  }

  const blocked: BlockedRequest[] = [];
  const errors: string[] = [];
  await context.route("**/*", (route) => {
    const request = route.request();
    if (new URL(request.url()).origin === origin) return route.continue();
    blocked.push({ url: request.url(), resourceType: request.resourceType() });
    return route.abort("blockedbyclient");
  });
  context.on("weberror", (error) => errors.push(`page error: ${error.error().message}`));
  context.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });

  return {
    api,
    origin,
    async open(path) {
      const page = await context.newPage();
      await page.goto(path, { waitUntil: "networkidle" });
      return page;
    },
    blockedRequests: () => [...blocked],
    pageErrors: () => [...errors],
    async screenshot(page, name, opts = {}) {
      const dir = opts.dir ?? SCREENSHOT_DIR;
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${name}.png`);
      await page.screenshot({ path, fullPage: opts.fullPage ?? true });
      return path;
    },
    async close() {
      await context.close().catch(() => {});
      await browser?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      await api.close();
    },
  };
}
