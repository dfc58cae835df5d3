/**
 * The console's session: the login token in an HttpOnly cookie, resolved by the same lookup as bearer tokens, and the
 * console's scope helper. Cookies are `SameSite=Lax`, `Path=/console`, and `Secure` whenever the request came over
 * HTTPS (its URL, or X-Forwarded-Proto when TRUST_PROXY is set).
 */
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { resolveActor } from "../platform/auth";
import { AppError } from "../platform/errors";
import { type Scope, scopeFor } from "../platform/scope";
import type { ConsoleContext, ConsoleSession } from "./env";

/** Where the console is mounted; the `Path` of its cookies. */
export const CONSOLE_PATH = "/console";
/** The session token (an `obt_…` login token). */
export const SESSION_COOKIE = "ob_session";
/** A random pre-session secret that keys the sign-in form's CSRF token (login CSRF). */
export const PRESESSION_COOKIE = "ob_presession";
/** The explicit language choice. */
export const LANG_COOKIE = "ob_lang";

/** Whether the browser reached us over HTTPS (directly, or through a trusted proxy that says so). */
export function isHttps(c: ConsoleContext): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  const forwarded = c.req.header("X-Forwarded-Proto")?.split(",")[0].trim().toLowerCase();
  return c.var.services.config.TRUST_PROXY && forwarded === "https";
}

/** The origin the browser sees, for the Origin check of form posts. */
export function publicOrigin(c: ConsoleContext): string {
  const url = new URL(c.req.url);
  return `${isHttps(c) ? "https:" : url.protocol}//${url.host}`;
}

/**
 * Sets a console cookie with the attributes every console cookie has.
 * @example setConsoleCookie(c, LANG_COOKIE, "en", { maxAge: 365 * 24 * 3600 });
 */
export function setConsoleCookie(
  c: ConsoleContext,
  name: string,
  value: string,
  opts: { expires?: Date; maxAge?: number } = {},
): void {
  setCookie(c, name, value, {
    ...opts,
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttps(c),
    path: CONSOLE_PATH,
  });
}

/** Deletes a console cookie (same attributes as when it was set). */
export function clearConsoleCookie(c: ConsoleContext, name: string): void {
  deleteCookie(c, name, { path: CONSOLE_PATH, secure: isHttps(c), httpOnly: true, sameSite: "Lax" });
}

/** The signed-in session of the request, or null. Memoised per request. */
export function consoleSession(c: ConsoleContext): Promise<ConsoleSession | null> {
  let pending = c.get("sessionPromise");
  if (!pending) {
    const token = getCookie(c, SESSION_COOKIE);
    // The same shape check as a bearer token, so a junk cookie never reaches the database.
    pending =
      token && /^\S{1,200}$/.test(token)
        ? resolveActor(c, token).then((actor) => (actor ? { actor, token } : null))
        : Promise.resolve(null);
    c.set("sessionPromise", pending);
  }
  return pending;
}

/**
 * The signed-in user's scope, from the session cookie; `unauthenticated` (a redirect to the sign-in page) without.
 * @example const order = await getOrder(await consoleScopeOf(c), { id });
 */
export async function consoleScopeOf(c: ConsoleContext): Promise<Scope> {
  const session = await consoleSession(c);
  if (!session) throw new AppError("unauthenticated", "Sign in to use the console");
  return scopeFor(c.var.services, session.actor);
}
