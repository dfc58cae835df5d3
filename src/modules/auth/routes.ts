/** HTTP routes of authentication: register, login, logout, me. */
import { z } from "@hono/zod-openapi";
import { bearerToken } from "../../platform/auth";
import { createRouter, defineRoute, json, jsonBody } from "../../platform/http";
import { publicScopeOf, scopeOf } from "../../platform/scope";
import { organizationSchema, registerBodySchema, userSchema } from "../organizations/schemas";
import { registerOrganization } from "../organizations/service";
import { loginBodySchema, meSchema, sessionSchema } from "./schemas";
import * as service from "./service";

const tags = ["Auth"];

const registerRoute = defineRoute({
  operationId: "register",
  auth: "public",
  idempotent: false,
  rateLimit: "ip",
  errors: [409],
  method: "post",
  path: "/auth/register",
  tags,
  summary: "Register an organisation and its first admin",
  description:
    "The organisation starts `pending` until the bureau verifies it. Anonymous calls are never replayed under `Idempotency-Key`: a retry after a lost response gets 409 for the taken USCC, and logging in shows the organisation.",
  request: {
    body: jsonBody(registerBodySchema, {
      organization: {
        kind: "company",
        name: "Beijing Zhiyuan Data Technology Co., Ltd.",
        uscc: "91110108551385082Q",
        city: "Beijing",
        district: "Haidian",
      },
      user: { email: "li.wei@zhiyuan.example.cn", password: "correct-horse-battery", displayName: "Li Wei" },
    }),
  },
  responses: {
    201: json(
      z.object({ organization: organizationSchema, user: userSchema }).openapi("Registration"),
      "Registered",
    ),
  },
});

const loginRoute = defineRoute({
  operationId: "login",
  auth: "public",
  idempotent: false,
  rateLimit: "ip",
  errors: [401, 403, 429],
  method: "post",
  path: "/auth/login",
  tags,
  summary: "Log in",
  description:
    "At most 5 passwords per account are checked within 15 minutes (a success gives its attempt back only when no other attempt shares the window); beyond that, 429 with `Retry-After` until the window passes. Never replayed under `Idempotency-Key`, so no token is stored.",
  request: {
    body: jsonBody(loginBodySchema, { email: "company1@demo.orderbridge.cn", password: "orderbridge-demo" }),
  },
  responses: { 200: json(sessionSchema, "A bearer token") },
});

const logoutRoute = defineRoute({
  operationId: "logout",
  auth: "bearer",
  idempotent: false,
  method: "post",
  path: "/auth/logout",
  tags,
  summary: "Revoke the presented token",
  responses: { 204: { description: "Revoked" } },
});

const meRoute = defineRoute({
  operationId: "getMe",
  auth: "bearer",
  method: "get",
  path: "/me",
  tags,
  summary: "The caller and their organisation",
  responses: { 200: json(meSchema, "The caller") },
});

export const authRouter = createRouter()
  .openapi(registerRoute, async (c) =>
    c.json(await registerOrganization(await publicScopeOf(c), c.req.valid("json")), 201),
  )
  .openapi(loginRoute, async (c) =>
    c.json(await service.login(await publicScopeOf(c), c.req.valid("json")), 200),
  )
  .openapi(logoutRoute, async (c) => {
    const scope = await scopeOf(c);
    await service.logout(scope, { token: bearerToken(c)! });
    return c.body(null, 204);
  })
  .openapi(meRoute, async (c) => c.json(await service.me(await scopeOf(c)), 200));
