/** HTTP routes of authentication: register, login, logout, me. */
import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, bearerToken } from "../../platform/auth";
import { bearer, createRouter, json, jsonBody, problems } from "../../platform/http";
import { emailSchema, organizationSchema, registerBodySchema, userSchema } from "../organizations/schemas";
import { registerOrganization } from "../organizations/service";
import * as service from "./service";

const tags = ["Auth"];

const registerRoute = createRoute({
  method: "post",
  path: "/auth/register",
  tags,
  summary: "Register an organisation and its first admin",
  description: "The organisation starts `pending` until the bureau verifies it. Accepts `Idempotency-Key`.",
  request: { body: jsonBody(registerBodySchema, {
      organization: { kind: "company", name: "Beijing Zhiyuan Data Technology Co., Ltd.", uscc: "91110108551385082Q", city: "Beijing", district: "Haidian" },
      user: { email: "li.wei@zhiyuan.example.cn", password: "correct-horse-battery", displayName: "Li Wei" },
    }) },
  responses: {
    201: json(z.object({ organization: organizationSchema, user: userSchema }), "Registered"),
    ...problems(400, 409, 413, 422),
  },
});

const loginRoute = createRoute({
  method: "post",
  path: "/auth/login",
  tags,
  summary: "Log in",
  description: "After 5 failures for an account within 15 minutes, attempts get 429 with `Retry-After` until the window passes.",
  request: { body: jsonBody(z.strictObject({ email: emailSchema, password: z.string().min(1).max(128) }).openapi("LoginRequest"), {
      email: "company1@demo.orderbridge.cn",
      password: "orderbridge-demo",
    }) },
  responses: {
    200: json(
      z.object({ token: z.string(), expiresAt: z.string(), user: userSchema, organization: organizationSchema }).openapi("Session"),
      "A bearer token",
    ),
    ...problems(400, 401, 403, 429),
  },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/auth/logout",
  tags,
  security: bearer,
  summary: "Revoke the presented token",
  responses: { 204: { description: "Revoked" }, ...problems(401) },
});

const meRoute = createRoute({
  method: "get",
  path: "/me",
  tags,
  security: bearer,
  summary: "The caller and their organisation",
  responses: { 200: json(z.object({ user: userSchema, organization: organizationSchema }), "The caller"), ...problems(401) },
});

export const authRouter = createRouter()
  .openapi(registerRoute, async (c) => {
    const { db, hasher, clock } = c.var.services;
    return c.json(await registerOrganization(db, hasher, c.req.valid("json"), clock.now()), 201);
  })
  .openapi(loginRoute, async (c) => {
    const { db, hasher, config, clock } = c.var.services;
    return c.json(await service.login(db, hasher, config, c.req.valid("json"), clock.now()), 200);
  })
  .openapi(logoutRoute, async (c) => {
    await authenticate(c);
    const { db, clock } = c.var.services;
    await service.logout(db, bearerToken(c)!, clock.now());
    return c.body(null, 204);
  })
  .openapi(meRoute, async (c) => {
    const actor = await authenticate(c);
    return c.json(await service.me(c.var.services.db, actor), 200);
  });
