/** HTTP routes of matching: ranked matches for orders and cohorts, and allocation runs. */
import { createRoute } from "@hono/zod-openapi";
import { authenticate } from "../../platform/auth";
import { bearer, createRouter, idParam, json, jsonBody, problems } from "../../platform/http";
import { allocationRequestSchema, allocationSchema, cohortMatchesSchema, matchesQuery, orderMatchesSchema } from "./schemas";
import * as service from "./service";

const tags = ["Matching"];

const orderMatchesRoute = createRoute({
  method: "get",
  path: "/orders/{id}/matches",
  tags,
  security: bearer,
  summary: "Top open cohorts for an order, with explanations — the ordering company, bureau",
  description:
    "Exact top-k by score (ties by id) among open cohorts of the order's occupation, retrieved through a skills index. Each result explains every factor; `weights` are the order's `matchWeights` merged into the defaults.",
  request: { params: idParam("ord"), query: matchesQuery },
  responses: { 200: json(orderMatchesSchema, "Ranked cohorts"), ...problems(400, 401, 403, 404) },
});

const cohortMatchesRoute = createRoute({
  method: "get",
  path: "/cohorts/{id}/matches",
  tags,
  security: bearer,
  summary: "Top open orders for a cohort, with explanations — the cohort's provider, bureau",
  request: { params: idParam("coh"), query: matchesQuery },
  responses: { 200: json(cohortMatchesSchema, "Ranked orders"), ...problems(400, 401, 403, 404) },
});

const allocateRoute = createRoute({
  method: "post",
  path: "/matching/allocations",
  tags,
  security: bearer,
  summary: "Allocate open cohorts to open orders — bureau",
  description:
    "`optimal`: maximises Σ score × headcount within every order's headcountMax and cohort's size, solved exactly as a min-cost flow over each order's top-50 candidate cohorts; orders left below headcountMin are reported. `stable`: deferred acceptance with the proposing side of your choice, reported with the number of blocking pairs (0 = stable). A recommendation only: no order or cohort changes.",
  request: { body: jsonBody(allocationRequestSchema, { mode: "optimal", allowSplit: true, filter: { occupationCodes: ["ai_engineer"], city: "Beijing" } }) },
  responses: { 201: json(allocationSchema, "The stored allocation"), ...problems(400, 401, 403, 422) },
});

const getAllocationRoute = createRoute({
  method: "get",
  path: "/matching/allocations/{id}",
  tags,
  security: bearer,
  summary: "Read a stored allocation — bureau",
  request: { params: idParam("alc") },
  responses: { 200: json(allocationSchema, "The allocation"), ...problems(401, 403, 404) },
});

export const matchingRouter = createRouter()
  .openapi(orderMatchesRoute, async (c) => {
    const actor = await authenticate(c);
    return c.json(await service.matchesForOrder(c.var.services.db, actor, c.req.valid("param").id, c.req.valid("query").limit), 200);
  })
  .openapi(cohortMatchesRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    return c.json(await service.matchesForCohort(db, actor, c.req.valid("param").id, c.req.valid("query").limit, clock.now()), 200);
  })
  .openapi(allocateRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    return c.json(await service.runAllocation(db, actor, { request: c.req.valid("json") }, clock.now()), 201);
  })
  .openapi(getAllocationRoute, async (c) => {
    const actor = await authenticate(c);
    return c.json(await service.getAllocation(c.var.services.db, actor, c.req.valid("param").id), 200);
  });
