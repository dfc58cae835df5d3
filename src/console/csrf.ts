/**
 * CSRF protection of every console form that changes something: a synchronizer token bound to the session (an HMAC of
 * a fixed label keyed by the session token, so nothing is stored and no other session's token fits), and an Origin
 * check. Before sign-in the key is a random pre-session cookie instead (login CSRF).
 */
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { AppError } from "../platform/errors";
import type { ConsoleContext, ConsoleEnv } from "./env";
import { PRESESSION_COOKIE, SESSION_COOKIE, publicOrigin, setConsoleCookie } from "./session";

/** The hidden form field that carries the token. */
export const CSRF_FIELD = "_csrf";
const LABEL = new TextEncoder().encode("orderbridge console csrf v1");

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (ch) => ({ "+": "-", "/": "_", "=": "" })[ch]!);

/** The token of the forms of a session (or pre-session) keyed by `secret`. */
export async function csrfTokenFor(secret: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return base64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, LABEL)));
}

/** Equal strings, compared in time independent of where they differ. */
function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The CSRF token for the forms of this response: keyed by the session cookie when signed in, else by the
 * pre-session cookie, which is set here when the browser has none.
 */
export async function csrfToken(c: ConsoleContext): Promise<string> {
  const session = getCookie(c, SESSION_COOKIE);
  if (session) return csrfTokenFor(session);
  let pre = getCookie(c, PRESESSION_COOKIE);
  if (!pre) {
    pre = base64url(crypto.getRandomValues(new Uint8Array(32)));
    setConsoleCookie(c, PRESESSION_COOKIE, pre);
  }
  return csrfTokenFor(pre);
}

function refererOrigin(referer: string): string | null {
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

const refused = (why: string) => new AppError("forbidden", `Form refused: ${why}`);

/**
 * Checks every POST: a same-origin Origin (or Referer) when the browser sends one, and the form's token for the
 * session (or pre-session) cookie the browser sent. A 403 page otherwise.
 */
export const verifyCsrf = createMiddleware<ConsoleEnv>(async (c, next) => {
  if (c.req.method !== "POST") return next();
  const expected = publicOrigin(c);
  const origin = c.req.header("Origin");
  const referer = c.req.header("Referer");
  if (origin !== undefined && origin !== expected) throw refused("another origin");
  if (origin === undefined && referer !== undefined && refererOrigin(referer) !== expected) {
    throw refused("another origin");
  }
  const secret = getCookie(c, SESSION_COOKIE) ?? getCookie(c, PRESESSION_COOKIE);
  const body = await c.req.parseBody();
  const sent = body[CSRF_FIELD];
  if (!secret || typeof sent !== "string" || !sameToken(sent, await csrfTokenFor(secret))) {
    throw refused("missing or stale form token; reload the page");
  }
  return next();
});
