/** HTTP routes of training programs: offer, list, read, amend and archive. */
import { createRoute } from "@hono/zod-openapi";
import { authenticate } from "../../platform/auth";
import {
  bearer,
  createRouter,
  idParam,
  ifMatchHeader,
  ifMatchVersion,
  json,
  jsonBody,
  optionalIfMatch,
  optionalIfMatchHeader,
  problems,
  setEtag,
} from "../../platform/http";
import { pageQuery, pageSchema } from "../../platform/pagination";
import { newProgramExample, newProgramSchema, programListQuery, programPatchSchema, programSchema } from "./schemas";
import * as service from "./service";

const tags = ["Programs"];
const params = idParam("prg");


const createProgramRoute = createRoute({
  method: "post",
  path: "/programs",
  tags,
  security: bearer,
  summary: "Offer a training program — verified provider accredited for the occupation",
  description: "Accepts `Idempotency-Key`. Every skill must exist in the taxonomy and appear once.",
  request: { body: jsonBody(newProgramSchema, newProgramExample) },
  responses: { 201: json(programSchema, "Created (active)"), ...problems(400, 401, 403, 422) },
});

const listProgramsRoute = createRoute({
  method: "get",
  path: "/programs",
  tags,
  security: bearer,
  summary: "List programs, newest first",
  description:
    "Users of verified organisations and the bureau see active programs; archived ones only their provider and the bureau. A pending organisation sees only its own.",
  request: { query: programListQuery.extend(pageQuery) },
  responses: { 200: json(pageSchema(programSchema), "A page of programs"), ...problems(400, 401) },
});

const getProgramRoute = createRoute({
  method: "get",
  path: "/programs/{id}",
  tags,
  security: bearer,
  summary: "Get a program",
  request: { params },
  responses: { 200: json(programSchema, "The program (ETag: its version)"), ...problems(401, 404) },
});

const patchProgramRoute = createRoute({
  method: "patch",
  path: "/programs/{id}",
  tags,
  security: bearer,
  summary: "Amend an active program — its provider",
  description:
    "`skills` replaces the list. `occupationCode` cannot change (400). `cohortCapacity` cannot drop below a planned cohort's size.",
  request: { params, headers: ifMatchHeader, body: jsonBody(programPatchSchema, { pricePerTraineeFen: 1_180_000, cohortCapacity: 45 }) },
  responses: { 200: json(programSchema, "Updated"), ...problems(400, 401, 403, 404, 409, 412, 428) },
});

const archiveProgramRoute = createRoute({
  method: "post",
  path: "/programs/{id}/archive",
  tags,
  security: bearer,
  summary: "Archive a program — its provider",
  description: "`active → archived`: no new cohorts or bids; existing cohorts carry on.",
  request: { params, headers: optionalIfMatchHeader },
  responses: { 200: json(programSchema, "Archived"), ...problems(401, 403, 404, 409, 412) },
});

export const programsRouter = createRouter()
  .openapi(createProgramRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const program = await service.createProgram(db, actor, c.req.valid("json"), clock.now());
    setEtag(c, program.version);
    return c.json(program, 201);
  })
  .openapi(listProgramsRoute, async (c) => {
    const actor = await authenticate(c);
    return c.json(await service.listPrograms(c.var.services.db, actor, c.req.valid("query")), 200);
  })
  .openapi(getProgramRoute, async (c) => {
    const actor = await authenticate(c);
    const program = await service.getProgram(c.var.services.db, actor, c.req.valid("param").id);
    setEtag(c, program.version);
    return c.json(program, 200);
  })
  .openapi(patchProgramRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const id = c.req.valid("param").id;
    const program = await service.updateProgram(
      db,
      actor,
      id,
      ifMatchVersion(c),
      c.req.valid("json"),
      clock.now(),
    );
    setEtag(c, program.version);
    return c.json(program, 200);
  })
  .openapi(archiveProgramRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const program = await service.archiveProgram(
      db,
      actor,
      c.req.valid("param").id,
      optionalIfMatch(c),
      clock.now(),
    );
    setEtag(c, program.version);
    return c.json(program, 200);
  });
