/** HTTP routes of the award of an order. */
import { created, createRouter, defineRoute, json, jsonBody, optionalIfMatch } from "../../platform/http";
import { idParam } from "../../platform/schemas";
import { scopeOf } from "../../platform/scope";
import { awardRequestSchema, awardSchema } from "./schemas";
import * as service from "./service";

const tags = ["Bids"];
const params = idParam("ord");

const awardOrderRoute = defineRoute({
  operationId: "awardOrder",
  auth: "bearer",
  ifMatch: "optional",
  errors: [403, 404, 409],
  method: "post",
  path: "/orders/{id}/award",
  tags,
  summary: "Award an order in evaluation to one or more bids — the ordering company",
  description:
    "Only evaluated bids (submitted, not disqualified, reconfirmed) that are still valid (`validUntil`), whose cohortSize sum lies in headcountMin…headcountMax (400 naming the entry otherwise). In one transaction the order becomes `awarded`, the chosen bids `awarded`, every other evaluated bid `not_awarded`, and one `draft` contract per awarded bid is created. `If-Match` names the order's version.",
  request: {
    params,
    body: jsonBody(awardRequestSchema, {
      bidIds: ["bid_7q1x8c4b6n0p5r2t7w9y3v9k2m"],
      reason: "Best skills coverage and the only cohort ready a month before deliverBy, within budget.",
    }),
  },
  responses: { 201: json(awardSchema, "The award, with its draft contracts", { location: true }) },
});

const getAwardRoute = defineRoute({
  operationId: "getAward",
  auth: "bearer",
  errors: [403, 404],
  method: "get",
  path: "/orders/{id}/award",
  tags,
  summary: "An order's award — the ordering company and the bureau (with bids and contracts), its bidders",
  request: { params },
  responses: { 200: json(awardSchema, "The award") },
});

export const awardsRouter = createRouter()
  .openapi(awardOrderRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = {
      orderId: c.req.valid("param").id,
      ...c.req.valid("json"),
      expectedVersion: optionalIfMatch(c),
    };
    const award = await service.awardOrder(scope, input);
    return c.json(created(c, `/v1/orders/${award.orderId}/award`, award), 201);
  })
  .openapi(getAwardRoute, async (c) =>
    c.json(await service.getAward(await scopeOf(c), { orderId: c.req.valid("param").id }), 200),
  );
