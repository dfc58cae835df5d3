/** A cookie-keeping form client for console tests through `app.request`: sign in, read pages, post forms. */
import { CATALOGUES } from "../../src/console/i18n";
import { seedDemo } from "../../src/demo/seed";
import type { TestContext } from "../helpers";

export interface PageResult {
  status: number;
  html: string;
  headers: Headers;
  location: string | null;
}

/** The value of the first hidden CSRF field of a page. */
export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";

/**
 * A browser-like client: keeps the cookies the console sets (honouring deletions), sends Accept-Language and
 * an Origin on posts, and never follows redirects (tests look at them).
 */
export function consoleClient(t: TestContext, opts: { acceptLanguage?: string; origin?: string } = {}) {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (headers: Headers) => {
    // Node's Headers has getSetCookie(); the Workers types in this project do not declare it.
    for (const line of (headers as unknown as { getSetCookie(): string[] }).getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const [name, ...rest] = pair.split("=");
      const expired = attrs.some(
        (a: string) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()),
      );
      if (expired) jar.delete(name.trim());
      else jar.set(name.trim(), rest.join("="));
    }
  };
  async function request(
    method: string,
    path: string,
    body?: Record<string, string>,
    extra: Record<string, string> = {},
  ) {
    const headers: Record<string, string> = { Cookie: cookieHeader(), ...extra };
    // An empty Origin in `extra` means "send none" (as some clients do), so the Referer check can be tested.
    const noOrigin = extra.Origin === "";
    if (noOrigin) delete headers.Origin;
    if (opts.acceptLanguage) headers["Accept-Language"] = opts.acceptLanguage;
    let payload: string | undefined;
    if (body) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      if (!noOrigin) headers.Origin ??= opts.origin ?? "http://localhost";
      payload = new URLSearchParams(body).toString();
    }
    const res = await t.app.request(`http://localhost${path}`, {
      method,
      headers,
      body: payload,
      redirect: "manual",
    });
    keep(res.headers);
    return {
      status: res.status,
      html: await res.text(),
      headers: res.headers,
      location: res.headers.get("Location"),
    };
  }
  const client = {
    jar,
    get: (path: string, extra?: Record<string, string>): Promise<PageResult> =>
      request("GET", path, undefined, extra),
    /** Posts a form with the CSRF token of `from` (a page path) unless the body carries its own. */
    async post(
      path: string,
      body: Record<string, string>,
      from = "/console",
      extra?: Record<string, string>,
    ) {
      const token = body._csrf ?? csrfOf((await client.get(from)).html);
      return request("POST", path, { _csrf: token, ...body }, extra);
    },
    async signIn(email: string, password: string) {
      const page = await client.get("/console/sign-in");
      return request("POST", "/console/sign-in", {
        _csrf: csrfOf(page.html),
        email,
        password,
        next: "/console",
      });
    },
  };
  return client;
}

export type ConsoleClient = ReturnType<typeof consoleClient>;

/** Seeds the demo marketplace into a test context's database (password `orderbridge-demo`). */
export const seedDemoInto = (t: TestContext) => seedDemo(t.services, t.clock.now());

const NAMESPACES = [...new Set(Object.keys(CATALOGUES.en).map((k) => k.split(".")[0]))];
const KEY_LIKE = new RegExp(
  `\\b(?:${NAMESPACES.join("|")})\\.[A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*`,
  "g",
);

/**
 * Message keys that a page shows instead of their text (a key missing from a catalogue renders as itself): in its
 * text, and in the labels and titles a screen reader reads.
 */
export function rawKeys(html: string): string[] {
  const labels = [...html.matchAll(/(?:aria-label|title|placeholder)="([^"]*)"/g)].map((m) => m[1]);
  const text = html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]*>/g, " ");
  return [...`${text} ${labels.join(" ")}`.matchAll(KEY_LIKE)].map((m) => m[0]);
}
