/** HTTP routes of organisations: listing, verification, suspension, members and accreditations. */
import { createRoute, z } from "@hono/zod-openapi";
import { authenticate } from "../../platform/auth";
import { bearer, createRouter, idParam, json, jsonBody, problems, setEtag } from "../../platform/http";
import { pageQuery, pageSchema } from "../../platform/pagination";
import {
  accreditationSchema,
  accreditBodySchema,
  memberBodySchema,
  organizationSchema,
  orgListQuery,
  suspendBodySchema,
  userSchema,
} from "./schemas";
import * as service from "./service";

const tags = ["Organizations"];
const params = idParam("org");

const listRoute = createRoute({
  method: "get",
  path: "/organizations",
  tags,
  security: bearer,
  summary: "List organisations",
  description: "The bureau sees every organisation (filter by `kind`, `status`); others see verified organisations' public summaries.",
  request: { query: orgListQuery.extend(pageQuery) },
  responses: { 200: json(pageSchema(organizationSchema), "A page of organisations"), ...problems(400, 401) },
});

const getRoute = createRoute({
  method: "get",
  path: "/organizations/{id}",
  tags,
  security: bearer,
  summary: "Get an organisation",
  request: { params },
  responses: { 200: json(organizationSchema, "The organisation"), ...problems(401, 404) },
});

const verifyRoute = createRoute({
  method: "post",
  path: "/organizations/{id}/verify",
  tags,
  security: bearer,
  summary: "Verify (or reinstate) an organisation — bureau",
  request: { params },
  responses: { 200: json(organizationSchema, "Verified"), ...problems(401, 403, 404, 409) },
});

const suspendRoute = createRoute({
  method: "post",
  path: "/organizations/{id}/suspend",
  tags,
  security: bearer,
  summary: "Suspend an organisation — bureau",
  description: "Its users' tokens stop working at once.",
  request: { params, body: jsonBody(suspendBodySchema, { reason: "Business licence revoked" }) },
  responses: { 200: json(organizationSchema, "Suspended"), ...problems(400, 401, 403, 404, 409) },
});

const addMemberRoute = createRoute({
  method: "post",
  path: "/organizations/{id}/members",
  tags,
  security: bearer,
  summary: "Add a user to an organisation — its admin",
  request: { params, body: jsonBody(memberBodySchema, { email: "wang.fang@zhiyuan.example.cn", password: "another-long-password", displayName: "Wang Fang", role: "member" }) },
  responses: { 201: json(z.object({ user: userSchema }), "Created"), ...problems(400, 401, 403, 404, 409) },
});

const accreditRoute = createRoute({
  method: "post",
  path: "/organizations/{id}/accreditations",
  tags,
  security: bearer,
  summary: "Accredit a provider or assessor for an occupation — bureau",
  description: "Accrediting again for the same occupation renews `validUntil`.",
  request: { params, body: jsonBody(accreditBodySchema, { occupationCode: "ai_engineer", validUntil: "2028-12-31" }) },
  responses: { 201: json(accreditationSchema, "Accredited"), ...problems(400, 401, 403, 404, 409) },
});

const listAccreditationsRoute = createRoute({
  method: "get",
  path: "/organizations/{id}/accreditations",
  tags,
  security: bearer,
  summary: "List an organisation's accreditations — bureau, or the provider/assessor itself",
  request: { params },
  responses: { 200: json(z.object({ data: z.array(accreditationSchema) }), "Accreditations"), ...problems(401, 403, 404) },
});

export const organizationsRouter = createRouter()
  .openapi(listRoute, async (c) => {
    const actor = await authenticate(c);
    return c.json(await service.listOrganizations(c.var.services.db, actor, c.req.valid("query")), 200);
  })
  .openapi(getRoute, async (c) => {
    const actor = await authenticate(c);
    const org = await service.getOrganization(c.var.services.db, actor, c.req.valid("param").id);
    if (org.version) setEtag(c, org.version);
    return c.json(org, 200);
  })
  .openapi(verifyRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const org = await service.verifyOrganization(db, actor, c.req.valid("param").id, clock.now());
    if (org.version) setEtag(c, org.version);
    return c.json(org, 200);
  })
  .openapi(suspendRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const org = await service.suspendOrganization(db, actor, c.req.valid("param").id, c.req.valid("json").reason, clock.now());
    if (org.version) setEtag(c, org.version);
    return c.json(org, 200);
  })
  .openapi(addMemberRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, hasher, clock } = c.var.services;
    const user = await service.addMember(db, hasher, actor, c.req.valid("param").id, c.req.valid("json"), clock.now());
    return c.json({ user }, 201);
  })
  .openapi(accreditRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    return c.json(await service.accredit(db, actor, c.req.valid("param").id, c.req.valid("json"), clock.now()), 201);
  })
  .openapi(listAccreditationsRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    return c.json({ data: await service.listAccreditations(db, actor, c.req.valid("param").id, clock.now()) }, 200);
  });
