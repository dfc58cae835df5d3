/** HTTP routes of objections to an award: file, list, read, answer, decide. */
import { z } from "@hono/zod-openapi";
import {
  created,
  createRouter,
  defineRoute,
  json,
  jsonBody,
  optionalIfMatch,
  tagged,
} from "../../platform/http";
import { idParam } from "../../platform/schemas";
import { scopeOf } from "../../platform/scope";
import {
  objectionAnswerSchema,
  objectionDecisionSchema,
  objectionRequestSchema,
  objectionSchema,
} from "./schemas";
import * as service from "./service";

const tags = ["Objections"];
const params = idParam("obj");

const fileObjectionRoute = defineRoute({
  operationId: "fileObjection",
  auth: "bearer",
  errors: [403, 404, 409],
  method: "post",
  path: "/orders/{id}/objections",
  tags,
  summary: "Object to an order's award during its publicity period — a bidder whose bid was not awarded",
  description:
    "One objection per bidder per award. Contracts are not signed while an objection is undecided.",
  request: {
    params: idParam("ord"),
    body: jsonBody(objectionRequestSchema, { reason: "Our bid met every essential skill at a lower price." }),
  },
  responses: { 201: json(objectionSchema, "The objection", { location: true, etag: true }) },
});

const listObjectionsRoute = defineRoute({
  operationId: "listObjections",
  auth: "bearer",
  errors: [403, 404],
  method: "get",
  path: "/orders/{id}/objections",
  tags,
  summary: "An order's objections, oldest first — its company, the bureau and its bidders",
  description: "The objector is named only to the ordering company, the bureau and the objector itself.",
  request: { params: idParam("ord") },
  responses: { 200: json(z.object({ data: z.array(objectionSchema) }), "The objections") },
});

const getObjectionRoute = defineRoute({
  operationId: "getObjection",
  auth: "bearer",
  errors: [404],
  method: "get",
  path: "/objections/{id}",
  tags,
  summary: "Get an objection — the order's company, the bureau and its bidders",
  request: { params },
  responses: { 200: json(objectionSchema, "The objection", { etag: true }) },
});

const answerObjectionRoute = defineRoute({
  operationId: "answerObjection",
  auth: "bearer",
  ifMatch: "optional",
  errors: [403, 404, 409],
  method: "post",
  path: "/objections/{id}/answer",
  tags,
  summary: "Answer an open objection (`open → answered`) — the ordering company",
  request: {
    params,
    body: jsonBody(objectionAnswerSchema, { answer: "The winning cohort is ready a month earlier." }),
  },
  responses: { 200: json(objectionSchema, "Answered", { etag: true }) },
});

const decideObjectionRoute = defineRoute({
  operationId: "decideObjection",
  auth: "bearer",
  ifMatch: "optional",
  errors: [403, 404, 409],
  method: "post",
  path: "/objections/{id}/decide",
  tags,
  summary: "Uphold or dismiss an undecided objection — the bureau",
  description:
    "`upheld` annuls the award in one transaction: the order returns to `evaluation`, its draft contracts are `cancelled`, its bids return to evaluated, and the company may award again.",
  request: {
    params,
    body: jsonBody(objectionDecisionSchema, {
      decision: "dismissed",
      reason: "The award followed the stated criteria.",
    }),
  },
  responses: { 200: json(objectionSchema, "Decided", { etag: true }) },
});

export const objectionsRouter = createRouter()
  .openapi(fileObjectionRoute, async (c) => {
    const input = { orderId: c.req.valid("param").id, ...c.req.valid("json") };
    const objection = await service.fileObjection(await scopeOf(c), input);
    return c.json(created(c, `/v1/objections/${objection.id}`, objection), 201);
  })
  .openapi(listObjectionsRoute, async (c) =>
    c.json(
      { data: await service.listObjections(await scopeOf(c), { orderId: c.req.valid("param").id }) },
      200,
    ),
  )
  .openapi(getObjectionRoute, async (c) =>
    c.json(tagged(c, await service.getObjection(await scopeOf(c), c.req.valid("param"))), 200),
  )
  .openapi(answerObjectionRoute, async (c) => {
    const input = {
      id: c.req.valid("param").id,
      expectedVersion: optionalIfMatch(c),
      ...c.req.valid("json"),
    };
    return c.json(tagged(c, await service.answerObjection(await scopeOf(c), input)), 200);
  })
  .openapi(decideObjectionRoute, async (c) => {
    const input = {
      id: c.req.valid("param").id,
      expectedVersion: optionalIfMatch(c),
      ...c.req.valid("json"),
    };
    return c.json(tagged(c, await service.decideObjection(await scopeOf(c), input)), 200);
  });
