/** HTTP routes of cohorts: plan, list, read, amend, start and graduate. */
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
  cohortListQuery,
  cohortPatchSchema,
  cohortSchema,
  cohortViewSchema,
  newCohortExample,
  newCohortSchema,
} from "./schemas";
import * as service from "./service";

const tags = ["Cohorts"];
const params = idParam("coh");

const createCohortRoute = defineRoute({
  operationId: "createCohort",
  auth: "bearer",
  quota: "openCohorts",
  errors: [403, 404, 409],
  method: "post",
  path: "/cohorts",
  tags,
  summary: "Plan a cohort of one of your active programs — provider",
  description:
    "`size` is at most the program's `cohortCapacity`; `occupationCode` is copied from the program.",
  request: { body: jsonBody(newCohortSchema, newCohortExample) },
  responses: { 201: json(cohortSchema, "Created (planned)", { etag: true, location: true }) },
});

const listCohortsRoute = defineRoute({
  operationId: "listCohorts",
  auth: "bearer",
  method: "get",
  path: "/cohorts",
  tags,
  summary: "List cohorts, newest first",
  description:
    "A provider sees only its own cohorts (full view). Verified companies and the bureau see open cohorts (no contract yet) as `CohortSummary`, without trainee data. Assessors and pending organisations see none.",
  request: { query: cohortListQuery },
  responses: { 200: json(pageSchema(cohortViewSchema), "A page of cohorts") },
});

const getCohortRoute = defineRoute({
  operationId: "getCohort",
  auth: "bearer",
  errors: [404],
  method: "get",
  path: "/cohorts/{id}",
  tags,
  summary: "Get a cohort",
  description:
    "The provider's full view, or the summary for a company or the bureau while the cohort is open.",
  request: { params },
  responses: { 200: json(cohortViewSchema, "The cohort", { etag: true }) },
});

const updateCohortRoute = defineRoute({
  operationId: "updateCohort",
  auth: "bearer",
  ifMatch: "required",
  errors: [403, 404, 409],
  method: "patch",
  path: "/cohorts/{id}",
  tags,
  summary: "Amend a planned cohort — its provider",
  request: { params, body: jsonBody(cohortPatchSchema, { size: 28, readyDate: "2031-07-22" }) },
  responses: { 200: json(cohortSchema, "Updated", { etag: true }) },
});

const moveRoute = (action: service.CohortMove, operationId: string, summary: string) =>
  defineRoute({
    operationId,
    auth: "bearer",
    ifMatch: "optional",
    errors: [403, 404, 409],
    method: "post",
    path: `/cohorts/{id}/${action}`,
    tags,
    summary,
    request: { params },
    responses: { 200: json(cohortSchema, "Moved", { etag: true }) },
  });

const startCohortRoute = moveRoute(
  "start",
  "startCohort",
  "Start training (`planned → in_training`) — its provider",
);
const graduateCohortRoute = moveRoute(
  "graduate",
  "graduateCohort",
  "Graduate the cohort (`in_training → graduated`) — its provider",
);

export const cohortsRouter = createRouter()
  .openapi(createCohortRoute, async (c) => {
    const cohort = await service.createCohort(await scopeOf(c), c.req.valid("json"));
    return c.json(created(c, `/v1/cohorts/${cohort.id}`, cohort), 201);
  })
  .openapi(listCohortsRoute, async (c) =>
    c.json(await service.listCohorts(await scopeOf(c), c.req.valid("query")), 200),
  )
  .openapi(getCohortRoute, async (c) =>
    c.json(tagged(c, await service.getCohort(await scopeOf(c), c.req.valid("param"))), 200),
  )
  .openapi(updateCohortRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = {
      id: c.req.valid("param").id,
      expectedVersion: ifMatchVersion(c),
      patch: c.req.valid("json"),
    };
    return c.json(tagged(c, await service.updateCohort(scope, input)), 200);
  })
  .openapi(startCohortRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = {
      id: c.req.valid("param").id,
      action: "start" as const,
      expectedVersion: optionalIfMatch(c),
    };
    return c.json(tagged(c, await service.moveCohort(scope, input)), 200);
  })
  .openapi(graduateCohortRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = {
      id: c.req.valid("param").id,
      action: "graduate" as const,
      expectedVersion: optionalIfMatch(c),
    };
    return c.json(tagged(c, await service.moveCohort(scope, input)), 200);
  });
