/** HTTP routes of organisations: listing, verification, suspension, members and accreditations. */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, json, jsonBody, optionalIfMatch, tagged } from "../../platform/http";
import { pageQuery, pageSchema } from "../../platform/pagination";
import { idParam } from "../../platform/schemas";
import { scopeOf } from "../../platform/scope";
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

const listOrganizationsRoute = defineRoute({
  operationId: "listOrganizations",
  auth: "bearer",
  method: "get",
  path: "/organizations",
  tags,
  summary: "List organisations, newest first",
  description:
    "The bureau sees every organisation (filter by `kind`, `status`); others see verified organisations' public summaries.",
  request: { query: orgListQuery },
  responses: { 200: json(pageSchema(organizationSchema), "A page of organisations") },
});

const getOrganizationRoute = defineRoute({
  operationId: "getOrganization",
  auth: "bearer",
  errors: [404],
  method: "get",
  path: "/organizations/{id}",
  tags,
  summary: "Get an organisation",
  request: { params },
  responses: { 200: json(organizationSchema, "The organisation", { etag: true }) },
});

const verifyOrganizationRoute = defineRoute({
  operationId: "verifyOrganization",
  auth: "bearer",
  ifMatch: "optional",
  errors: [403, 404, 409],
  method: "post",
  path: "/organizations/{id}/verify",
  tags,
  summary: "Verify (or reinstate) an organisation — bureau",
  description: "`pending → verified`, or `suspended → verified`.",
  request: { params },
  responses: { 200: json(organizationSchema, "Verified", { etag: true }) },
});

const suspendOrganizationRoute = defineRoute({
  operationId: "suspendOrganization",
  auth: "bearer",
  ifMatch: "optional",
  errors: [403, 404, 409],
  method: "post",
  path: "/organizations/{id}/suspend",
  tags,
  summary: "Suspend an organisation — bureau",
  description: "Every session of its users is revoked at once; reinstating it later does not revive them.",
  request: { params, body: jsonBody(suspendBodySchema, { reason: "Business licence revoked" }) },
  responses: { 200: json(organizationSchema, "Suspended", { etag: true }) },
});

const addMemberRoute = defineRoute({
  operationId: "addMember",
  auth: "bearer",
  errors: [403, 404, 409],
  method: "post",
  path: "/organizations/{id}/members",
  tags,
  summary: "Add a user to an organisation — its admin",
  request: {
    params,
    body: jsonBody(memberBodySchema, {
      email: "wang.fang@zhiyuan.example.cn",
      password: "another-long-password",
      displayName: "Wang Fang",
    }),
  },
  responses: { 201: json(z.object({ user: userSchema }), "Created") },
});

const accreditRoute = defineRoute({
  operationId: "accredit",
  auth: "bearer",
  errors: [403, 404, 409],
  method: "post",
  path: "/organizations/{id}/accreditations",
  tags,
  summary: "Accredit a provider or assessor for an occupation — bureau",
  description: "Accrediting again for the same occupation renews `validUntil`.",
  request: {
    params,
    body: jsonBody(accreditBodySchema, { occupationCode: "ai_engineer", validUntil: "2032-12-31" }),
  },
  responses: { 201: json(accreditationSchema, "Accredited") },
});

const listAccreditationsRoute = defineRoute({
  operationId: "listAccreditations",
  auth: "bearer",
  errors: [403, 404],
  method: "get",
  path: "/organizations/{id}/accreditations",
  tags,
  summary: "List an organisation's accreditations — bureau, or the provider/assessor itself",
  request: { params, query: pageQuery },
  responses: { 200: json(pageSchema(accreditationSchema), "A page of accreditations, by occupation code") },
});

export const organizationsRouter = createRouter()
  .openapi(listOrganizationsRoute, async (c) =>
    c.json(await service.listOrganizations(await scopeOf(c), c.req.valid("query")), 200),
  )
  .openapi(getOrganizationRoute, async (c) =>
    c.json(tagged(c, await service.getOrganization(await scopeOf(c), c.req.valid("param"))), 200),
  )
  .openapi(verifyOrganizationRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = { id: c.req.valid("param").id, expectedVersion: optionalIfMatch(c) };
    return c.json(tagged(c, await service.verifyOrganization(scope, input)), 200);
  })
  .openapi(suspendOrganizationRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = {
      id: c.req.valid("param").id,
      reason: c.req.valid("json").reason,
      expectedVersion: optionalIfMatch(c),
    };
    return c.json(tagged(c, await service.suspendOrganization(scope, input)), 200);
  })
  .openapi(addMemberRoute, async (c) => {
    const input = { orgId: c.req.valid("param").id, member: c.req.valid("json") };
    return c.json({ user: await service.addMember(await scopeOf(c), input) }, 201);
  })
  .openapi(accreditRoute, async (c) => {
    const input = { orgId: c.req.valid("param").id, ...c.req.valid("json") };
    return c.json(await service.accredit(await scopeOf(c), input), 201);
  })
  .openapi(listAccreditationsRoute, async (c) => {
    const input = { orgId: c.req.valid("param").id, ...c.req.valid("query") };
    return c.json(await service.listAccreditations(await scopeOf(c), input), 200);
  });
