/** HTTP routes of training programs: offer, list, read, amend and archive. */
import {
  created,
  createRouter,
  defineRoute,
  ifMatchVersion,
  json,
  jsonBody,
  optionalIfMatch,
  tagged,
} from "../../platform/http";
import { pageSchema } from "../../platform/pagination";
import { idParam } from "../../platform/schemas";
import { scopeOf } from "../../platform/scope";
import {
  newProgramExample,
  newProgramSchema,
  programListQuery,
  programPatchSchema,
  programSchema,
} from "./schemas";
import * as service from "./service";

const tags = ["Programs"];
const params = idParam("prg");

const createProgramRoute = defineRoute({
  operationId: "createProgram",
  auth: "bearer",
  quota: "activePrograms",
  errors: [403],
  method: "post",
  path: "/programs",
  tags,
  summary: "Offer a training program — verified provider accredited for the occupation",
  description: "Every skill must exist in the taxonomy and appear once.",
  request: { body: jsonBody(newProgramSchema, newProgramExample) },
  responses: { 201: json(programSchema, "Created (active)", { etag: true, location: true }) },
});

const listProgramsRoute = defineRoute({
  operationId: "listPrograms",
  auth: "bearer",
  method: "get",
  path: "/programs",
  tags,
  summary: "List programs, newest first",
  description:
    "Users of verified organisations and the bureau see active programs; archived ones only their provider and the bureau. A pending organisation sees only its own.",
  request: { query: programListQuery },
  responses: { 200: json(pageSchema(programSchema), "A page of programs") },
});

const getProgramRoute = defineRoute({
  operationId: "getProgram",
  auth: "bearer",
  errors: [404],
  method: "get",
  path: "/programs/{id}",
  tags,
  summary: "Get a program",
  request: { params },
  responses: { 200: json(programSchema, "The program", { etag: true }) },
});

const updateProgramRoute = defineRoute({
  operationId: "updateProgram",
  auth: "bearer",
  ifMatch: "required",
  errors: [403, 404, 409],
  method: "patch",
  path: "/programs/{id}",
  tags,
  summary: "Amend an active program — its provider",
  description:
    "`skills` replaces the list. `occupationCode` cannot change (400). `cohortCapacity` cannot drop below a planned cohort's size.",
  request: {
    params,
    body: jsonBody(programPatchSchema, { pricePerTraineeFen: 1_180_000, cohortCapacity: 45 }),
  },
  responses: { 200: json(programSchema, "Updated", { etag: true }) },
});

const archiveProgramRoute = defineRoute({
  operationId: "archiveProgram",
  auth: "bearer",
  ifMatch: "optional",
  errors: [403, 404, 409],
  method: "post",
  path: "/programs/{id}/archive",
  tags,
  summary: "Archive a program — its provider",
  description: "`active → archived`: no new cohorts or bids; existing cohorts carry on.",
  request: { params },
  responses: { 200: json(programSchema, "Archived", { etag: true }) },
});

export const programsRouter = createRouter()
  .openapi(createProgramRoute, async (c) => {
    const program = await service.createProgram(await scopeOf(c), c.req.valid("json"));
    return c.json(created(c, `/v1/programs/${program.id}`, program), 201);
  })
  .openapi(listProgramsRoute, async (c) =>
    c.json(await service.listPrograms(await scopeOf(c), c.req.valid("query")), 200),
  )
  .openapi(getProgramRoute, async (c) =>
    c.json(tagged(c, await service.getProgram(await scopeOf(c), c.req.valid("param"))), 200),
  )
  .openapi(updateProgramRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = {
      id: c.req.valid("param").id,
      expectedVersion: ifMatchVersion(c),
      patch: c.req.valid("json"),
    };
    return c.json(tagged(c, await service.updateProgram(scope, input)), 200);
  })
  .openapi(archiveProgramRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = { id: c.req.valid("param").id, expectedVersion: optionalIfMatch(c) };
    return c.json(tagged(c, await service.archiveProgram(scope, input)), 200);
  });
