/** HTTP routes of cohorts: plan, list, read, amend, start and graduate. */
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/context";
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

const createCohortRoute = createRoute({
  method: "post",
  path: "/cohorts",
  tags,
  security: bearer,
  summary: "Plan a cohort of one of your active programs — provider",
  description:
    "`size` is at most the program's `cohortCapacity`; `occupationCode` is copied from the program. Accepts `Idempotency-Key`.",
  request: { body: jsonBody(newCohortSchema, newCohortExample) },
  responses: { 201: json(cohortSchema, "Created (planned)"), ...problems(400, 401, 403, 404, 409, 422) },
});

const listCohortsRoute = createRoute({
  method: "get",
  path: "/cohorts",
  tags,
  security: bearer,
  summary: "List cohorts, newest first",
  description:
    "A provider sees only its own cohorts (full view). Verified companies and the bureau see open cohorts (no contract yet) as `CohortSummary`, without trainee data. Assessors and pending organisations see none.",
  request: { query: cohortListQuery.extend(pageQuery) },
  responses: { 200: json(pageSchema(cohortViewSchema), "A page of cohorts"), ...problems(400, 401) },
});

const getCohortRoute = createRoute({
  method: "get",
  path: "/cohorts/{id}",
  tags,
  security: bearer,
  summary: "Get a cohort",
  description:
    "The provider's full view, or the summary for a company or the bureau while the cohort is open.",
  request: { params },
  responses: { 200: json(cohortViewSchema, "The cohort (ETag: its version)"), ...problems(401, 404) },
});

const patchCohortRoute = createRoute({
  method: "patch",
  path: "/cohorts/{id}",
  tags,
  security: bearer,
  summary: "Amend a planned cohort — its provider",
  request: { params, headers: ifMatchHeader, body: jsonBody(cohortPatchSchema, { size: 28, readyDate: "2026-07-22" }) },
  responses: { 200: json(cohortSchema, "Updated"), ...problems(400, 401, 403, 404, 409, 412, 428) },
});

const transitionRoute = (action: "start" | "graduate", summary: string) =>
  createRoute({
    method: "post",
    path: `/cohorts/{id}/${action}`,
    tags,
    security: bearer,
    summary,
    request: { params, headers: optionalIfMatchHeader },
    responses: { 200: json(cohortSchema, "Moved"), ...problems(401, 403, 404, 409, 412) },
  });

const startRoute = transitionRoute("start", "Start training (`planned → in_training`) — its provider");
const graduateRoute = transitionRoute(
  "graduate",
  "Graduate the cohort (`in_training → graduated`) — its provider",
);

/** One handler for both transitions: they differ only in the action. */
const moveCohortHandler =
  (action: "start" | "graduate"): RouteHandler<typeof startRoute, AppEnv> =>
  async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const cohort = await service.moveCohort(db, actor, c.req.valid("param").id, action, optionalIfMatch(c), clock.now());
    setEtag(c, cohort.version);
    return c.json(cohort, 200);
  };

export const cohortsRouter = createRouter()
  .openapi(createCohortRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const cohort = await service.createCohort(db, actor, c.req.valid("json"), clock.now());
    setEtag(c, cohort.version);
    return c.json(cohort, 201);
  })
  .openapi(listCohortsRoute, async (c) => {
    const actor = await authenticate(c);
    return c.json(await service.listCohorts(c.var.services.db, actor, c.req.valid("query")), 200);
  })
  .openapi(getCohortRoute, async (c) => {
    const actor = await authenticate(c);
    const { cohort, version } = await service.getCohort(c.var.services.db, actor, c.req.valid("param").id);
    setEtag(c, version);
    return c.json(cohort, 200);
  })
  .openapi(patchCohortRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const id = c.req.valid("param").id;
    const cohort = await service.updateCohort(
      db,
      actor,
      id,
      ifMatchVersion(c),
      c.req.valid("json"),
      clock.now(),
    );
    setEtag(c, cohort.version);
    return c.json(cohort, 200);
  })
  .openapi(startRoute, moveCohortHandler("start"))
  .openapi(graduateRoute, moveCohortHandler("graduate"));
