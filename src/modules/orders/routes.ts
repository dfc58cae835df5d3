/** HTTP routes of talent orders and their amendment history. */
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
import { pageQuery, pageSchema } from "../../platform/pagination";
import { idParam } from "../../platform/schemas";
import { scopeOf } from "../../platform/scope";
import {
  amendmentSchema,
  cancelSchema,
  newOrderExample,
  newOrderSchema,
  orderListQuery,
  orderPatchSchema,
  orderSchema,
} from "./schemas";
import * as service from "./service";

const tags = ["Orders"];
const params = idParam("ord");

const createOrderRoute = defineRoute({
  operationId: "createOrder",
  auth: "bearer",
  quota: "openOrders",
  errors: [403],
  method: "post",
  path: "/orders",
  tags,
  summary: "Draft a talent order — company",
  description:
    "Cross-field rules (headcountMin ≤ headcountMax, hires ≤ headcountMax, salaryMinFen ≤ salaryMaxFen, enquiryDeadline ≤ bidDeadline < deliverBy) and unknown skills or occupations give a 400 naming the field.",
  request: { body: jsonBody(newOrderSchema, newOrderExample) },
  responses: { 201: json(orderSchema, "The draft order", { etag: true, location: true }) },
});

const listOrdersRoute = defineRoute({
  operationId: "listOrders",
  auth: "bearer",
  method: "get",
  path: "/orders",
  tags,
  summary: "List visible orders, newest first",
  description:
    "Drafts are listed only to their company; published orders to verified organisations and the bureau.",
  request: { query: orderListQuery },
  responses: { 200: json(pageSchema(orderSchema), "A page of orders") },
});

const getOrderRoute = defineRoute({
  operationId: "getOrder",
  auth: "bearer",
  errors: [404],
  method: "get",
  path: "/orders/{id}",
  tags,
  summary: "Get an order",
  request: { params },
  responses: { 200: json(orderSchema, "The order", { etag: true }) },
});

const updateOrderRoute = defineRoute({
  operationId: "updateOrder",
  auth: "bearer",
  ifMatch: "required",
  errors: [403, 404, 409],
  method: "patch",
  path: "/orders/{id}",
  tags,
  summary: "Edit a draft, or amend an open order — the ordering company",
  description:
    "While open, the amendment needs `bidDeadline` ≥ 72 h ahead (it may extend it), bumps the version, is recorded in `/amendments`, and flags submitted bids `needsReconfirmation`.",
  request: {
    params,
    body: jsonBody(orderPatchSchema, { headcountMax: 25, bidDeadline: "2031-04-27T18:00:00+08:00" }),
  },
  responses: { 200: json(orderSchema, "The updated order", { etag: true }) },
});

const publishOrderRoute = defineRoute({
  operationId: "publishOrder",
  auth: "bearer",
  ifMatch: "optional",
  errors: [403, 404, 409],
  method: "post",
  path: "/orders/{id}/publish",
  tags,
  summary: "Publish a draft — verified company",
  description: "`draft → open`; needs a future `bidDeadline` (400 otherwise).",
  request: { params },
  responses: { 200: json(orderSchema, "The open order", { etag: true }) },
});

const cancelOrderRoute = defineRoute({
  operationId: "cancelOrder",
  auth: "bearer",
  ifMatch: "optional",
  errors: [403, 404, 409],
  method: "post",
  path: "/orders/{id}/cancel",
  tags,
  summary: "Cancel an order — the ordering company",
  description: "From draft, open or evaluation.",
  request: { params, body: jsonBody(cancelSchema, { reason: "Project postponed to next year" }) },
  responses: { 200: json(orderSchema, "The cancelled order", { etag: true }) },
});

const listAmendmentsRoute = defineRoute({
  operationId: "listOrderAmendments",
  auth: "bearer",
  errors: [404],
  method: "get",
  path: "/orders/{id}/amendments",
  tags,
  summary: "An order's amendment history: what changed and when, oldest first",
  description:
    "The editing user is shown to the ordering company and the bureau; others see the organisation.",
  request: { params, query: pageQuery },
  responses: { 200: json(pageSchema(amendmentSchema), "A page of amendments") },
});

export const ordersRouter = createRouter()
  .openapi(createOrderRoute, async (c) => {
    const order = await service.createOrder(await scopeOf(c), c.req.valid("json"));
    return c.json(created(c, `/v1/orders/${order.id}`, order), 201);
  })
  .openapi(listOrdersRoute, async (c) =>
    c.json(await service.listOrders(await scopeOf(c), c.req.valid("query")), 200),
  )
  .openapi(getOrderRoute, async (c) => {
    const order = await service.getOrder(await scopeOf(c), c.req.valid("param"));
    return c.json(tagged(c, order), 200);
  })
  .openapi(updateOrderRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = {
      id: c.req.valid("param").id,
      expectedVersion: ifMatchVersion(c),
      patch: c.req.valid("json"),
    };
    return c.json(tagged(c, await service.updateOrder(scope, input)), 200);
  })
  .openapi(publishOrderRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = { id: c.req.valid("param").id, expectedVersion: optionalIfMatch(c) };
    return c.json(tagged(c, await service.publishOrder(scope, input)), 200);
  })
  .openapi(cancelOrderRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = {
      id: c.req.valid("param").id,
      reason: c.req.valid("json").reason,
      expectedVersion: optionalIfMatch(c),
    };
    return c.json(tagged(c, await service.cancelOrder(scope, input)), 200);
  })
  .openapi(listAmendmentsRoute, async (c) => {
    const input = { ...c.req.valid("param"), ...c.req.valid("query") };
    return c.json(await service.listAmendments(await scopeOf(c), input), 200);
  });
