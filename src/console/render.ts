/** Rendering a console page: its frame (language, form token, who is signed in), security headers, the document. */
import { html } from "hono/html";
import { createMiddleware } from "hono/factory";
import type { HtmlEscapedString } from "hono/utils/html";
import { me } from "../modules/auth/service";
import { scopeFor } from "../platform/scope";
import { csrfToken } from "./csrf";
import type { ConsoleContext, ConsoleEnv } from "./env";
import { chooseLang, translator } from "./i18n";
import type { PageFrame } from "./layout";
import { consoleSession, LANG_COOKIE } from "./session";
import { getCookie } from "hono/cookie";

/**
 * The console's Content-Security-Policy: everything from this origin, no inline script or style, forms posting
 * only here. Bars are SVG presentation attributes, which a CSP does not treat as inline style.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Language and security headers for every console response. */
export const consoleBasics = createMiddleware<ConsoleEnv>(async (c, next) => {
  const lang = chooseLang(getCookie(c, LANG_COOKIE), c.req.header("Accept-Language"));
  c.set("lang", lang);
  c.set("t", translator(lang));
  await next();
  c.header("Content-Security-Policy", CONSOLE_CSP);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Referrer-Policy", "same-origin");
  c.header("X-Frame-Options", "DENY");
  c.header("Vary", "Cookie, Accept-Language");
  if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
});

/** The request's page frame; the viewer is null when nobody is signed in. */
export async function pageFrame(c: ConsoleContext): Promise<PageFrame> {
  const session = await consoleSession(c);
  let viewer: PageFrame["viewer"] = null;
  if (session) {
    const { user, organization } = await me(scopeFor(c.var.services, session.actor));
    viewer = { displayName: user.displayName, orgName: organization.name, orgKind: organization.kind };
  }
  const url = new URL(c.req.url);
  return {
    t: c.var.t,
    lang: c.var.lang,
    path: url.pathname + url.search,
    csrf: await csrfToken(c),
    viewer,
  };
}

/**
 * Sends a page as an HTML document.
 * @example return render(c, <OrderPage frame={frame} order={order} />);
 */
export function render(
  c: ConsoleContext,
  page: HtmlEscapedString | Promise<HtmlEscapedString>,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 412 | 413 | 422 | 429 | 500 | 503 = 200,
) {
  return c.html(html`<!doctype html>${page}`, status);
}

/** A redirect after a successful form post (303, so the browser follows with a GET). */
export const seeOther = (c: ConsoleContext, location: string) => c.redirect(location, 303);

/** A local console path to return to, or the console's home (no open redirect). */
export function safeBack(back: string | undefined): string {
  return back && /^\/console(?:[/?#]|$)/.test(back) && !back.startsWith("//") ? back : "/console";
}
