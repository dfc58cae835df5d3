/** HTTP routes of the taxonomy: occupations and skills (read by anyone, curated by the bureau). */
import { createRoute, z } from "@hono/zod-openapi";
import { authenticate } from "../../platform/auth";
import { bearer, createRouter, idParam, ifMatchHeader, ifMatchVersion, json, jsonBody, problems, setEtag } from "../../platform/http";
import { pageQuery, pageSchema } from "../../platform/pagination";
import {
  newOccupationSchema,
  newSkillSchema,
  occupationPatchSchema,
  occupationSchema,
  sectorSchema,
  skillListQuery,
  skillPatchSchema,
  skillSchema,
  toOccupation,
  toSkill,
} from "./schemas";
import * as service from "./service";

const tags = ["Taxonomy"];
const codeParam = z.object({ code: z.string().min(1).max(64).openapi({ param: { name: "code", in: "path" }, example: "ai_engineer" }) });

const listOccupationsRoute = createRoute({
  method: "get",
  path: "/occupations",
  tags,
  summary: "List occupations (public)",
  request: { query: z.object({ sector: sectorSchema.optional() }).extend(pageQuery) },
  responses: { 200: json(pageSchema(occupationSchema), "Occupations by code"), ...problems(400) },
});

const getOccupationRoute = createRoute({
  method: "get",
  path: "/occupations/{code}",
  tags,
  summary: "Get an occupation (public)",
  request: { params: codeParam },
  responses: { 200: json(occupationSchema, "The occupation"), ...problems(404) },
});

const createOccupationRoute = createRoute({
  method: "post",
  path: "/occupations",
  tags,
  security: bearer,
  summary: "Add an occupation — bureau",
  request: { body: jsonBody(newOccupationSchema, { code: "quantum_engineer", nameEn: "Quantum computing engineering technician", nameZh: "量子计算工程技术人员", sector: "cloud" }) },
  responses: { 201: json(occupationSchema, "Created"), ...problems(400, 401, 403, 409) },
});

const patchOccupationRoute = createRoute({
  method: "patch",
  path: "/occupations/{code}",
  tags,
  security: bearer,
  summary: "Correct an occupation — bureau",
  request: { params: codeParam, headers: ifMatchHeader, body: jsonBody(occupationPatchSchema, { nationalCode: "2-02-10-14" }) },
  responses: { 200: json(occupationSchema, "Updated"), ...problems(400, 401, 403, 404, 412, 428) },
});

const listSkillsRoute = createRoute({
  method: "get",
  path: "/skills",
  tags,
  summary: "List skills (public)",
  description: "Filter by `parentId` (children), `sector`, or `occupationCode` (skills of the occupation's sector).",
  request: { query: skillListQuery.extend(pageQuery) },
  responses: { 200: json(pageSchema(skillSchema), "Skills by id"), ...problems(400) },
});

const getSkillRoute = createRoute({
  method: "get",
  path: "/skills/{id}",
  tags,
  summary: "Get a skill (public)",
  request: { params: idParam("skl") },
  responses: { 200: json(skillSchema, "The skill"), ...problems(404) },
});

const createSkillRoute = createRoute({
  method: "post",
  path: "/skills",
  tags,
  security: bearer,
  summary: "Add a skill — bureau",
  request: { body: jsonBody(newSkillSchema, { nameEn: "Agent engineering", nameZh: "智能体开发", parentId: "skl_deep_learning", sector: "ai" }) },
  responses: { 201: json(skillSchema, "Created"), ...problems(400, 401, 403) },
});

const patchSkillRoute = createRoute({
  method: "patch",
  path: "/skills/{id}",
  tags,
  security: bearer,
  summary: "Rename or move a skill — bureau",
  request: { params: idParam("skl"), headers: ifMatchHeader, body: jsonBody(skillPatchSchema, { nameZh: "深度学习（含大模型）" }) },
  responses: { 200: json(skillSchema, "Updated"), ...problems(400, 401, 403, 404, 412, 428) },
});

export const taxonomyRouter = createRouter()
  .openapi(listOccupationsRoute, async (c) => c.json(await service.listOccupations(c.var.services.db, c.req.valid("query")), 200))
  .openapi(getOccupationRoute, async (c) => {
    const row = toOccupation(await service.getOccupation(c.var.services.db, c.req.valid("param").code));
    setEtag(c, row.version);
    return c.json(row, 200);
  })
  .openapi(createOccupationRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const row = await service.createOccupation(db, actor, c.req.valid("json"), clock.now());
    setEtag(c, row.version);
    return c.json(row, 201);
  })
  .openapi(patchOccupationRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const row = await service.updateOccupation(db, actor, c.req.valid("param").code, ifMatchVersion(c), c.req.valid("json"), clock.now());
    setEtag(c, row.version);
    return c.json(row, 200);
  })
  .openapi(listSkillsRoute, async (c) => c.json(await service.listSkills(c.var.services.db, c.req.valid("query")), 200))
  .openapi(getSkillRoute, async (c) => {
    const row = toSkill(await service.getSkill(c.var.services.db, c.req.valid("param").id));
    setEtag(c, row.version);
    return c.json(row, 200);
  })
  .openapi(createSkillRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const row = await service.createSkill(db, actor, c.req.valid("json"), clock.now());
    setEtag(c, row.version);
    return c.json(row, 201);
  })
  .openapi(patchSkillRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const row = await service.updateSkill(db, actor, c.req.valid("param").id, ifMatchVersion(c), c.req.valid("json"), clock.now());
    setEtag(c, row.version);
    return c.json(row, 200);
  });
