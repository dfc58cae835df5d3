/** HTTP routes of contracts: reading, changing terms, and the lifecycle from signing to completion. */
import { z } from "@hono/zod-openapi";
import {
  createRouter,
  defineRoute,
  type ErrorStatus,
  ifMatchVersion,
  json,
  jsonBody,
  optionalIfMatch,
  tagged,
} from "../../platform/http";
import { pageSchema } from "../../platform/pagination";
import { idParam } from "../../platform/schemas";
import { scopeOf } from "../../platform/scope";
import * as changes from "./changes";
import * as delivery from "./delivery";
import * as lifecycle from "./lifecycle";
import {
  contractListQuery,
  contractPatchSchema,
  contractSchema,
  contractVersionSchema,
  reviewRequestSchema,
  startRequestSchema,
  terminateRequestSchema,
} from "./schemas";
import * as service from "./service";

const tags = ["Contracts"];
const params = idParam("ctr");

const listContractsRoute = defineRoute({
  operationId: "listContracts",
  auth: "bearer",
  method: "get",
  path: "/contracts",
  tags,
  summary: "Contracts the caller is a party to (the bureau: all), newest first",
  request: { query: contractListQuery },
  responses: { 200: json(pageSchema(contractSchema), "A page of contracts") },
});

const getContractRoute = defineRoute({
  operationId: "getContract",
  auth: "bearer",
  errors: [404],
  method: "get",
  path: "/contracts/{id}",
  tags,
  summary: "Get a contract — its company, its provider, the bureau",
  request: { params },
  responses: { 200: json(contractSchema, "The contract", { etag: true }) },
});

const updateContractRoute = defineRoute({
  operationId: "updateContract",
  auth: "bearer",
  ifMatch: "required",
  errors: [403, 404, 409],
  method: "patch",
  path: "/contracts/{id}",
  tags,
  summary: "Change the terms of a draft or changes_requested contract — either party",
  description:
    "Changes the schedule, subsidyRequestedFen (at most the occupation's subsidy policy in force on startDate × headcount) and special terms. A change of terms bumps termsVersion, keeps the new terms as a version, voids both signatures and makes the contract a draft again.",
  request: {
    params,
    body: jsonBody(contractPatchSchema, { subsidyRequestedFen: 5_400_000, specialTerms: "Monthly reports" }),
  },
  responses: { 200: json(contractSchema, "Changed", { etag: true }) },
});

const listVersionsRoute = defineRoute({
  operationId: "listContractVersions",
  auth: "bearer",
  errors: [404],
  method: "get",
  path: "/contracts/{id}/versions",
  tags,
  summary: "Every terms version of a contract, oldest first, with who changed which fields",
  request: { params },
  responses: { 200: json(z.object({ data: z.array(contractVersionSchema) }), "The versions") },
});

/** A lifecycle step without a body: POST /contracts/{id}/<action>, optional If-Match, the contract back. */
const step = (action: string, operationId: string, summary: string, description: string) =>
  defineRoute({
    operationId,
    auth: "bearer",
    ifMatch: "optional",
    errors: [403, 404, 409],
    method: "post",
    path: `/contracts/{id}/${action}`,
    tags,
    summary,
    description,
    request: { params },
    responses: { 200: json(contractSchema, "The contract", { etag: true }) },
  });

/** A lifecycle step with a JSON body. */
const stepWith = <B extends z.ZodTypeAny>(
  action: string,
  operationId: string,
  summary: string,
  description: string,
  body: { schema: B; example: z.input<B> },
  errors: ErrorStatus[] = [403, 404, 409],
) =>
  defineRoute({
    operationId,
    auth: "bearer",
    ifMatch: "optional",
    errors,
    method: "post",
    path: `/contracts/{id}/${action}`,
    tags,
    summary,
    description,
    request: { params, body: jsonBody(body.schema, body.example) },
    responses: { 200: json(contractSchema, "The contract", { etag: true }) },
  });

const signRoute = step(
  "sign",
  "signContract",
  "Sign the current terms — an admin of the company or of the provider",
  "Stores the SHA-256 of the canonical terms with the terms version. When both parties have signed the current version, the contract is `signed`. 409 during the award's publicity period, while an objection is open, or when this party has signed already.",
);
const submitRoute = step(
  "submit",
  "submitContract",
  "Submit a signed contract to the bureau (`signed → under_review`) — either party",
  "Needs both signatures on the current terms version.",
);
const reviewRoute = stepWith(
  "review",
  "reviewContract",
  "Review a contract under review — the bureau",
  "`approve` (with subsidyApprovedFen ≤ subsidyRequestedFen ≤ policy cap × headcount; default the requested subsidy) → `approved`; `reject` → `rejected`; `request_changes` → `changes_requested`. When every contract of the order is approved, the order is `contracted`.",
  {
    schema: reviewRequestSchema,
    example: {
      decision: "approve",
      reason: "Terms and subsidy within policy",
      subsidyApprovedFen: 5_400_000,
    },
  },
  [400, 403, 404, 409],
);
const startRoute = stepWith(
  "start",
  "startContract",
  "Start training on an approved contract (`approved → active`) — the provider",
  "Binds the given planned cohort (the provider's own, in the contract's occupation, bound to no other contract) to the contract and moves it to `in_training`.",
  { schema: startRequestSchema, example: { cohortId: "coh_4n8p2r6t0w3y7c1b5m9q3v7x1z" } },
  [400, 403, 404, 409],
);
const completeRoute = step(
  "complete",
  "completeContract",
  "Complete an active contract (`active → completed`) — either party",
  "When every contract of the order is completed, the order is `fulfilled`.",
);
const terminateRoute = stepWith(
  "terminate",
  "terminateContract",
  "Terminate an approved or active contract — either party or the bureau",
  "The reason is kept on the contract and in the audit trail.",
  { schema: terminateRequestSchema, example: { reason: "The provider lost its training site" } },
  [400, 403, 404, 409],
);

export const contractsRouter = createRouter()
  .openapi(listContractsRoute, async (c) =>
    c.json(await service.listContracts(await scopeOf(c), c.req.valid("query")), 200),
  )
  .openapi(getContractRoute, async (c) => {
    const contract = await service.getContract(await scopeOf(c), c.req.valid("param"));
    return c.json(tagged(c, contract), 200);
  })
  .openapi(updateContractRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = {
      id: c.req.valid("param").id,
      expectedVersion: ifMatchVersion(c),
      patch: c.req.valid("json"),
    };
    return c.json(tagged(c, await changes.updateContract(scope, input)), 200);
  })
  .openapi(listVersionsRoute, async (c) =>
    c.json({ data: await changes.listContractVersions(await scopeOf(c), c.req.valid("param")) }, 200),
  )
  .openapi(signRoute, async (c) => {
    const input = { id: c.req.valid("param").id, expectedVersion: optionalIfMatch(c) };
    return c.json(tagged(c, await lifecycle.signContract(await scopeOf(c), input)), 200);
  })
  .openapi(submitRoute, async (c) => {
    const input = { id: c.req.valid("param").id, expectedVersion: optionalIfMatch(c) };
    return c.json(tagged(c, await lifecycle.submitContract(await scopeOf(c), input)), 200);
  })
  .openapi(reviewRoute, async (c) => {
    const body = c.req.valid("json");
    const input = { id: c.req.valid("param").id, expectedVersion: optionalIfMatch(c), ...body };
    return c.json(tagged(c, await lifecycle.reviewContract(await scopeOf(c), input)), 200);
  })
  .openapi(startRoute, async (c) => {
    const body = c.req.valid("json");
    const input = { id: c.req.valid("param").id, expectedVersion: optionalIfMatch(c), ...body };
    return c.json(tagged(c, await delivery.startContract(await scopeOf(c), input)), 200);
  })
  .openapi(completeRoute, async (c) => {
    const input = { id: c.req.valid("param").id, expectedVersion: optionalIfMatch(c) };
    return c.json(tagged(c, await delivery.completeContract(await scopeOf(c), input)), 200);
  })
  .openapi(terminateRoute, async (c) => {
    const body = c.req.valid("json");
    const input = { id: c.req.valid("param").id, expectedVersion: optionalIfMatch(c), ...body };
    return c.json(tagged(c, await delivery.terminateContract(await scopeOf(c), input)), 200);
  });
