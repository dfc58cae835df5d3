/** HTTP routes of matching: ranked matches for orders and cohorts, and allocation jobs. */
import { created, createRouter, defineRoute, json, jsonBody } from "../../platform/http";
import { idParam } from "../../platform/schemas";
import { scopeOf } from "../../platform/scope";
import { pageSchema } from "../../platform/pagination";
import { createAllocation, getAllocation, listAllocations } from "./allocations";
import {
  allocationListQuery,
  allocationRequestSchema,
  allocationSchema,
  cohortMatchesSchema,
  matchesQuery,
  orderMatchesSchema,
} from "./schemas";
import * as service from "./service";

const tags = ["Matching"];

const orderMatchesRoute = defineRoute({
  operationId: "listOrderMatches",
  auth: "bearer",
  errors: [403, 404],
  method: "get",
  path: "/orders/{id}/matches",
  tags,
  summary: "Top open cohorts for an order, with explanations — the ordering company, bureau",
  description:
    "Exact top-k by score (ties by id) among open cohorts of the order's occupation, retrieved through a skills index. Each result explains every factor; `weights` are the order's `matchWeights` merged into the defaults.",
  request: { params: idParam("ord"), query: matchesQuery },
  responses: { 200: json(orderMatchesSchema, "Ranked cohorts") },
});

const cohortMatchesRoute = defineRoute({
  operationId: "listCohortMatches",
  auth: "bearer",
  errors: [403, 404],
  method: "get",
  path: "/cohorts/{id}/matches",
  tags,
  summary: "Top open orders for a cohort, with explanations — the cohort's provider, bureau",
  request: { params: idParam("coh"), query: matchesQuery },
  responses: { 200: json(cohortMatchesSchema, "Ranked orders") },
});

const createAllocationRoute = defineRoute({
  operationId: "createAllocation",
  auth: "bearer",
  errors: [403, 422],
  method: "post",
  path: "/matching/allocations",
  tags,
  summary: "Queue an allocation of open cohorts to open orders — bureau",
  description:
    "Answers at once with the queued job; poll `Location` until `status` is `succeeded` (the result) or `failed` (a problem). `optimal`: maximises Σ score × headcount within every order's headcountMax and cohort's size, solved exactly as a min-cost flow over each order's top-50 candidate cohorts; orders left below headcountMin are reported. `stable`: deferred acceptance with the proposing side of your choice, reported with the number of blocking pairs (0 = stable). A recommendation only: no order or cohort changes. On Workers an allocation larger than the CPU limit allows is refused with 422 `too_large_for_runtime` (run it with the Node CLI).",
  request: {
    body: jsonBody(allocationRequestSchema, {
      mode: "optimal",
      allowSplit: true,
      filter: { occupationCodes: ["ai_engineer"], city: "Beijing" },
    }),
  },
  responses: { 202: json(allocationSchema, "The queued job", { location: true }) },
});

const getAllocationRoute = defineRoute({
  operationId: "getAllocation",
  auth: "bearer",
  errors: [403, 404],
  method: "get",
  path: "/matching/allocations/{id}",
  tags,
  summary: "Read an allocation job: its status, progress, result or problem — bureau",
  request: { params: idParam("alc") },
  responses: { 200: json(allocationSchema, "The allocation job") },
});

const listAllocationsRoute = defineRoute({
  operationId: "listAllocations",
  auth: "bearer",
  errors: [403],
  method: "get",
  path: "/matching/allocations",
  tags,
  summary: "Allocation jobs, newest first — bureau",
  request: { query: allocationListQuery },
  responses: { 200: json(pageSchema(allocationSchema), "A page of jobs") },
});

export const matchingRouter = createRouter()
  .openapi(orderMatchesRoute, async (c) => {
    const input = { id: c.req.valid("param").id, limit: c.req.valid("query").limit };
    const matches = await service.matchesForOrder(await scopeOf(c), input);
    // Serialised once per remembered list (the same object for every reader of its key).
    const text = service.serialized(matches);
    // Typed as `c.json(matches, 200)` would be, so the route's response schema still checks `matches`.
    return c.body(text, 200, { "Content-Type": "application/json" }) as unknown as ReturnType<
      typeof c.json<typeof matches, 200>
    >;
  })
  .openapi(cohortMatchesRoute, async (c) => {
    const input = { id: c.req.valid("param").id, limit: c.req.valid("query").limit };
    return c.json(await service.matchesForCohort(await scopeOf(c), input), 200);
  })
  .openapi(createAllocationRoute, async (c) => {
    const job = await createAllocation(await scopeOf(c), { request: c.req.valid("json") });
    return c.json(created(c, `/v1/matching/allocations/${job.id}`, job), 202);
  })
  .openapi(getAllocationRoute, async (c) =>
    c.json(await getAllocation(await scopeOf(c), c.req.valid("param")), 200),
  )
  .openapi(listAllocationsRoute, async (c) =>
    c.json(await listAllocations(await scopeOf(c), c.req.valid("query")), 200),
  );
