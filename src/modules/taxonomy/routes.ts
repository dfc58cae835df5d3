/** HTTP routes of the taxonomy: occupations and skills (read by anyone, curated by the bureau). */
import { z } from "@hono/zod-openapi";
import {
  created,
  createRouter,
  defineRoute,
  ifMatchVersion,
  json,
  jsonBody,
  tagged,
} from "../../platform/http";
import { pageSchema } from "../../platform/pagination";
import { idParam, occupationCode } from "../../platform/schemas";
import { publicScopeOf, scopeOf } from "../../platform/scope";
import {
  newOccupationSchema,
  newSkillSchema,
  occupationListQuery,
  occupationPatchSchema,
  occupationSchema,
  skillListQuery,
  skillPatchSchema,
  skillSchema,
} from "./schemas";
import * as service from "./service";

const tags = ["Taxonomy"];
const codeParam = z.object({
  code: occupationCode.openapi({ param: { name: "code", in: "path" }, example: "ai_engineer" }),
});

const listOccupationsRoute = defineRoute({
  operationId: "listOccupations",
  auth: "public",
  method: "get",
  path: "/occupations",
  tags,
  summary: "List occupations (public)",
  request: { query: occupationListQuery },
  responses: { 200: json(pageSchema(occupationSchema), "Occupations by code") },
});

const getOccupationRoute = defineRoute({
  operationId: "getOccupation",
  auth: "public",
  errors: [404],
  method: "get",
  path: "/occupations/{code}",
  tags,
  summary: "Get an occupation (public)",
  request: { params: codeParam },
  responses: { 200: json(occupationSchema, "The occupation", { etag: true }) },
});

const createOccupationRoute = defineRoute({
  operationId: "createOccupation",
  auth: "bearer",
  errors: [403, 409],
  method: "post",
  path: "/occupations",
  tags,
  summary: "Add an occupation — bureau",
  request: {
    body: jsonBody(newOccupationSchema, {
      code: "quantum_engineer",
      nameEn: "Quantum computing engineering technician",
      nameZh: "量子计算工程技术人员",
      sector: "cloud",
    }),
  },
  responses: { 201: json(occupationSchema, "Created", { etag: true, location: true }) },
});

const updateOccupationRoute = defineRoute({
  operationId: "updateOccupation",
  auth: "bearer",
  ifMatch: "required",
  errors: [403, 404],
  method: "patch",
  path: "/occupations/{code}",
  tags,
  summary: "Correct an occupation — bureau",
  request: { params: codeParam, body: jsonBody(occupationPatchSchema, { nationalCode: "2-02-10-14" }) },
  responses: { 200: json(occupationSchema, "Updated", { etag: true }) },
});

const listSkillsRoute = defineRoute({
  operationId: "listSkills",
  auth: "public",
  method: "get",
  path: "/skills",
  tags,
  summary: "List skills (public)",
  description:
    "Filter by `parentId` (children), `sector`, or `occupationCode` (skills of the occupation's sector).",
  request: { query: skillListQuery },
  responses: { 200: json(pageSchema(skillSchema), "Skills by id") },
});

const getSkillRoute = defineRoute({
  operationId: "getSkill",
  auth: "public",
  errors: [404],
  method: "get",
  path: "/skills/{id}",
  tags,
  summary: "Get a skill (public)",
  request: { params: idParam("skl") },
  responses: { 200: json(skillSchema, "The skill", { etag: true }) },
});

const createSkillRoute = defineRoute({
  operationId: "createSkill",
  auth: "bearer",
  errors: [403],
  method: "post",
  path: "/skills",
  tags,
  summary: "Add a skill — bureau",
  request: {
    body: jsonBody(newSkillSchema, {
      nameEn: "Agent engineering",
      nameZh: "智能体开发",
      parentId: "skl_deep_learning",
      sector: "ai",
    }),
  },
  responses: { 201: json(skillSchema, "Created", { etag: true, location: true }) },
});

const updateSkillRoute = defineRoute({
  operationId: "updateSkill",
  auth: "bearer",
  ifMatch: "required",
  errors: [403, 404],
  method: "patch",
  path: "/skills/{id}",
  tags,
  summary: "Rename or move a skill — bureau",
  request: { params: idParam("skl"), body: jsonBody(skillPatchSchema, { nameZh: "深度学习（含大模型）" }) },
  responses: { 200: json(skillSchema, "Updated", { etag: true }) },
});

export const taxonomyRouter = createRouter()
  .openapi(listOccupationsRoute, async (c) =>
    c.json(await service.listOccupations(await publicScopeOf(c), c.req.valid("query")), 200),
  )
  .openapi(getOccupationRoute, async (c) =>
    c.json(tagged(c, await service.getOccupation(await publicScopeOf(c), c.req.valid("param"))), 200),
  )
  .openapi(createOccupationRoute, async (c) => {
    const occupation = await service.createOccupation(await scopeOf(c), c.req.valid("json"));
    return c.json(created(c, `/v1/occupations/${occupation.code}`, occupation), 201);
  })
  .openapi(updateOccupationRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = {
      code: c.req.valid("param").code,
      expectedVersion: ifMatchVersion(c),
      patch: c.req.valid("json"),
    };
    return c.json(tagged(c, await service.updateOccupation(scope, input)), 200);
  })
  .openapi(listSkillsRoute, async (c) =>
    c.json(await service.listSkills(await publicScopeOf(c), c.req.valid("query")), 200),
  )
  .openapi(getSkillRoute, async (c) =>
    c.json(tagged(c, await service.getSkill(await publicScopeOf(c), c.req.valid("param"))), 200),
  )
  .openapi(createSkillRoute, async (c) => {
    const skill = await service.createSkill(await scopeOf(c), c.req.valid("json"));
    return c.json(created(c, `/v1/skills/${skill.id}`, skill), 201);
  })
  .openapi(updateSkillRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = {
      id: c.req.valid("param").id,
      expectedVersion: ifMatchVersion(c),
      patch: c.req.valid("json"),
    };
    return c.json(tagged(c, await service.updateSkill(scope, input)), 200);
  });
