/** Headers every response carries: the request id, and the security headers of an API that holds bearer tokens. */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context";

/** A client-supplied `X-Request-Id` is echoed only when it looks like this; otherwise the server makes one. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Sets `requestId` (echoed from a well-formed `X-Request-Id`, else a UUID) and puts `X-Request-Id` on the response,
 * error or not. Runs first, so every later middleware and the error handler can quote it.
 */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const offered = c.req.header("X-Request-Id");
  const id = offered && CLIENT_REQUEST_ID.test(offered) ? offered : crypto.randomUUID();
  c.set("requestId", id);
  await next();
  c.res.headers.set("X-Request-Id", id);
});

/** Responses to these paths carry credentials or account data even without an Authorization header. */
const SESSION_PATHS = /^\/v1\/auth\//;

/**
 * `X-Content-Type-Options: nosniff` everywhere; `X-Frame-Options: DENY` unless a route set its own framing policy;
 * `Cache-Control: no-store` on every response to a request with credentials and on the session routes (login),
 * so no shared or browser cache keeps a token or another tenant's data.
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set("X-Content-Type-Options", "nosniff");
  if (!headers.has("X-Frame-Options")) headers.set("X-Frame-Options", "DENY");
  if (c.req.header("Authorization") !== undefined || SESSION_PATHS.test(c.req.path)) {
    headers.set("Cache-Control", "no-store");
  }
});
