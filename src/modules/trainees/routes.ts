/** HTTP routes of trainees: enrolment and listing under a cohort, status changes, placement, a contract's delivery. */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, ifMatchVersion, json, jsonBody, tagged } from "../../platform/http";
import { pageSchema } from "../../platform/pagination";
import { idParam } from "../../platform/schemas";
import { scopeOf } from "../../platform/scope";
import { getContractDelivery, recordPlacement } from "./placement";
import {
  contractDeliverySchema,
  enrolmentExample,
  enrolmentSchema,
  placementInputSchema,
  placementSchema,
  traineeListQuery,
  traineePatchSchema,
  traineeSchema,
  traineeViewSchema,
} from "./schemas";
import * as service from "./service";

const tags = ["Trainees"];

const enrolRoute = defineRoute({
  operationId: "enrolTrainees",
  auth: "bearer",
  errors: [403, 404, 409],
  method: "post",
  path: "/cohorts/{id}/trainees",
  tags,
  summary: "Enrol 1–500 trainees in a cohort of an active contract — its provider",
  description:
    "Never a full national ID number: any string that looks like one is refused (400); send `idLast4` at most. " +
    "Enrolment stops at the contract's headcount (409), and needs the cohort's contract to be active (409).",
  request: { params: idParam("coh"), body: jsonBody(enrolmentSchema, enrolmentExample) },
  responses: { 201: json(z.object({ data: z.array(traineeSchema) }), "The enrolled trainees") },
});

const listRoute = defineRoute({
  operationId: "listCohortTrainees",
  auth: "bearer",
  errors: [404],
  method: "get",
  path: "/cohorts/{id}/trainees",
  tags,
  summary: "A cohort's trainees in enrolment order — its provider, the contracted company, the bureau",
  description:
    "The provider and the bureau get `Trainee` (with contact data); the contracted company `TraineeRecord` " +
    "(names, status, certificates, placement). Anyone else, and every open cohort's viewer, gets 404.",
  request: { params: idParam("coh"), query: traineeListQuery },
  responses: { 200: json(pageSchema(traineeViewSchema), "A page of trainees") },
});

const getRoute = defineRoute({
  operationId: "getTrainee",
  auth: "bearer",
  errors: [404],
  method: "get",
  path: "/trainees/{id}",
  tags,
  summary: "Get a trainee — provider, contracted company, its assessors, the bureau",
  request: { params: idParam("trn") },
  responses: { 200: json(traineeViewSchema, "The trainee", { etag: true }) },
});

const settleRoute = defineRoute({
  operationId: "updateTrainee",
  auth: "bearer",
  ifMatch: "required",
  errors: [403, 404, 409],
  method: "patch",
  path: "/trainees/{id}",
  tags,
  summary: "Record completion or dropout (`enrolled → completed | dropped`) — the provider",
  request: {
    params: idParam("trn"),
    body: jsonBody(traineePatchSchema, { status: "completed", statusDate: "2031-07-15" }),
  },
  responses: { 200: json(traineeSchema, "Updated", { etag: true }) },
});

const placementRoute = defineRoute({
  operationId: "recordPlacement",
  auth: "bearer",
  errors: [403, 404, 409],
  method: "post",
  path: "/trainees/{id}/placement",
  tags,
  summary: "Record (or correct) a completed trainee's placement — the contracted company",
  description: "A hire counts toward the contract's hiring commitment (`hiresMade`).",
  request: {
    params: idParam("trn"),
    body: jsonBody(placementInputSchema, { hired: true, hiredOn: "2031-08-01", salaryFen: 2_000_000 }),
  },
  responses: {
    200: json(placementSchema, "Corrected", { etag: true }),
    201: json(placementSchema, "Recorded", { etag: true }),
  },
});

const deliveryRoute = defineRoute({
  operationId: "getContractDelivery",
  auth: "bearer",
  errors: [404],
  method: "get",
  path: "/contracts/{id}/delivery",
  tags: ["Contracts"],
  summary:
    "A contract's delivery: enrolment, outcomes, `hiresCommitted` and `hiresMade` — its parties, the bureau",
  request: { params: idParam("ctr") },
  responses: { 200: json(contractDeliverySchema, "The delivery figures") },
});

export const traineesRouter = createRouter()
  .openapi(enrolRoute, async (c) => {
    const input = { cohortId: c.req.valid("param").id, ...c.req.valid("json") };
    return c.json({ data: await service.enrolTrainees(await scopeOf(c), input) }, 201);
  })
  .openapi(listRoute, async (c) => {
    const input = { cohortId: c.req.valid("param").id, ...c.req.valid("query") };
    return c.json(await service.listCohortTrainees(await scopeOf(c), input), 200);
  })
  .openapi(getRoute, async (c) =>
    c.json(tagged(c, await service.getTrainee(await scopeOf(c), c.req.valid("param"))), 200),
  )
  .openapi(settleRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = {
      id: c.req.valid("param").id,
      expectedVersion: ifMatchVersion(c),
      patch: c.req.valid("json"),
    };
    return c.json(tagged(c, await service.settleTrainee(scope, input)), 200);
  })
  .openapi(placementRoute, async (c) => {
    const input = { traineeId: c.req.valid("param").id, ...c.req.valid("json") };
    const { placement, created } = await recordPlacement(await scopeOf(c), input);
    return c.json(tagged(c, placement), created ? 201 : 200);
  })
  .openapi(deliveryRoute, async (c) =>
    c.json(await getContractDelivery(await scopeOf(c), c.req.valid("param")), 200),
  );
