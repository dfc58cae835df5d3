/** HTTP routes of contracts: reading the drafts an award creates. */
import { createRouter, defineRoute, json, tagged } from "../../platform/http";
import { pageSchema } from "../../platform/pagination";
import { idParam } from "../../platform/schemas";
import { scopeOf } from "../../platform/scope";
import { contractListQuery, contractSchema } from "./schemas";
import * as service from "./service";

const tags = ["Contracts"];

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
  request: { params: idParam("ctr") },
  responses: { 200: json(contractSchema, "The contract", { etag: true }) },
});

export const contractsRouter = createRouter()
  .openapi(listContractsRoute, async (c) =>
    c.json(await service.listContracts(await scopeOf(c), c.req.valid("query")), 200),
  )
  .openapi(getContractRoute, async (c) => {
    const contract = await service.getContract(await scopeOf(c), c.req.valid("param"));
    return c.json(tagged(c, contract), 200);
  });
