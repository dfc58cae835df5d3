/** HTTP routes of talent orders, their amendments and enquiries. */
import { createRoute, z } from "@hono/zod-openapi";
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
import { listAmendments, updateOrder } from "./amend";
import { answerEnquiry, askQuestion, listEnquiries } from "./enquiries";
import {
  amendmentSchema,
  answerSchema,
  cancelSchema,
  createOrderSchema,
  enquirySchema,
  orderListQuery,
  orderSchema,
  patchOrderSchema,
  questionSchema,
} from "./schemas";
import * as service from "./service";

const tags = ["Orders"];
const params = idParam("ord");

const createOrderRoute = createRoute({
  method: "post",
  path: "/orders",
  tags,
  security: bearer,
  summary: "Draft a talent order — company",
  description: "Cross-field rules (headcountMin ≤ headcountMax, hires ≤ headcountMax, salaryMinFen ≤ salaryMaxFen, enquiryDeadline ≤ bidDeadline < deliverBy) give a 400 naming the field.",
  request: { body: jsonBody(createOrderSchema, {
      title: "20 computer-vision engineers for smart-factory inspection",
      description: "Trainees build defect-detection models for our Yizhuang production lines and join the vision team.",
      occupationCode: "ai_engineer",
      requiredSkills: [
        { skillId: "skl_deep_learning", minLevel: 3, weight: 5, essential: true },
        { skillId: "skl_computer_vision", minLevel: 3, weight: 4, essential: false },
      ],
      headcountMin: 15,
      headcountMax: 20,
      location: { city: "Beijing", district: "Daxing", remoteAllowed: false },
      deliverBy: "2026-09-01",
      budgetPerTraineeFen: 1_500_000,
      hiringCommitment: { hires: 15, salaryMinFen: 1_800_000, salaryMaxFen: 2_600_000, servicePeriodMonths: 24 },
      enquiryDeadline: "2026-04-10T10:00:00+08:00",
      bidDeadline: "2026-04-20T18:00:00+08:00",
      matchWeights: { skills: 0.5, price: 0.1 },
    }) },
  responses: { 201: json(orderSchema, "The draft order"), ...problems(400, 401, 403, 413, 422) },
});

const listOrdersRoute = createRoute({
  method: "get",
  path: "/orders",
  tags,
  security: bearer,
  summary: "List visible orders, newest first",
  request: { query: orderListQuery.extend(pageQuery) },
  responses: { 200: json(pageSchema(orderSchema), "A page of orders"), ...problems(400, 401) },
});

const getOrderRoute = createRoute({
  method: "get",
  path: "/orders/{id}",
  tags,
  security: bearer,
  summary: "Get an order",
  request: { params },
  responses: { 200: json(orderSchema, "The order (ETag: its version)"), ...problems(401, 404) },
});

const patchOrderRoute = createRoute({
  method: "patch",
  path: "/orders/{id}",
  tags,
  security: bearer,
  summary: "Edit a draft, or amend an open order — the ordering company",
  description:
    "Needs `If-Match`. While open, the amendment needs `bidDeadline` ≥ 72 h ahead (it may extend it), bumps the version, is recorded in `/amendments`, and flags submitted bids `needsReconfirmation`.",
  request: { params, headers: ifMatchHeader, body: jsonBody(patchOrderSchema, { headcountMax: 25, bidDeadline: "2026-04-27T18:00:00+08:00" }) },
  responses: { 200: json(orderSchema, "The updated order"), ...problems(400, 401, 403, 404, 409, 412, 428) },
});

const publishRoute = createRoute({
  method: "post",
  path: "/orders/{id}/publish",
  tags,
  security: bearer,
  summary: "Publish a draft — verified company",
  description: "draft → open; needs a future `bidDeadline`.",
  request: { params, headers: optionalIfMatchHeader },
  responses: { 200: json(orderSchema, "The open order"), ...problems(400, 401, 403, 404, 409) },
});

const cancelRoute = createRoute({
  method: "post",
  path: "/orders/{id}/cancel",
  tags,
  security: bearer,
  summary: "Cancel an order — the ordering company",
  description: "From draft, open or evaluation.",
  request: { params, headers: optionalIfMatchHeader, body: jsonBody(cancelSchema, { reason: "Project postponed to next year" }) },
  responses: { 200: json(orderSchema, "The cancelled order"), ...problems(400, 401, 403, 404, 409) },
});

const amendmentsRoute = createRoute({
  method: "get",
  path: "/orders/{id}/amendments",
  tags,
  security: bearer,
  summary: "An order's amendment history (what changed, when, by whom)",
  request: { params },
  responses: { 200: json(z.object({ data: z.array(amendmentSchema) }), "Amendments, oldest first"), ...problems(401, 404) },
});

const askRoute = createRoute({
  method: "post",
  path: "/orders/{id}/enquiries",
  tags: ["Enquiries"],
  security: bearer,
  summary: "Ask about an open order — verified provider, before enquiryDeadline",
  request: { params, body: jsonBody(questionSchema, { question: "Is a hybrid delivery mode acceptable?" }) },
  responses: { 201: json(enquirySchema, "The enquiry"), ...problems(400, 401, 403, 404, 409) },
});

const listEnquiriesRoute = createRoute({
  method: "get",
  path: "/orders/{id}/enquiries",
  tags: ["Enquiries"],
  security: bearer,
  summary: "Questions and answers of an order (never who asked)",
  request: { params },
  responses: { 200: json(z.object({ data: z.array(enquirySchema) }), "Enquiries, oldest first"), ...problems(401, 404) },
});

const answerRoute = createRoute({
  method: "post",
  path: "/enquiries/{id}/answer",
  tags: ["Enquiries"],
  security: bearer,
  summary: "Answer an enquiry — the ordering company",
  request: { params: idParam("enq"), body: jsonBody(answerSchema, { answer: "Yes, as long as practical sessions are on site." }) },
  responses: { 200: json(enquirySchema, "The answered enquiry"), ...problems(400, 401, 403, 404, 409) },
});

export const ordersRouter = createRouter()
  .openapi(createOrderRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const order = await service.createOrder(db, actor, c.req.valid("json"), clock.now());
    setEtag(c, order.version);
    return c.json(order, 201);
  })
  .openapi(listOrdersRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    return c.json(await service.listOrders(db, actor, c.req.valid("query"), clock.now()), 200);
  })
  .openapi(getOrderRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const order = await service.getOrder(db, actor, c.req.valid("param").id, clock.now());
    setEtag(c, order.version);
    return c.json(order, 200);
  })
  .openapi(patchOrderRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const order = await updateOrder(db, actor, c.req.valid("param").id, ifMatchVersion(c), c.req.valid("json"), clock.now());
    setEtag(c, order.version);
    return c.json(order, 200);
  })
  .openapi(publishRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const order = await service.publishOrder(db, actor, c.req.valid("param").id, clock.now(), optionalIfMatch(c));
    setEtag(c, order.version);
    return c.json(order, 200);
  })
  .openapi(cancelRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    const order = await service.cancelOrder(db, actor, c.req.valid("param").id, c.req.valid("json").reason, clock.now(), optionalIfMatch(c));
    setEtag(c, order.version);
    return c.json(order, 200);
  })
  .openapi(amendmentsRoute, async (c) => {
    const actor = await authenticate(c);
    return c.json({ data: await listAmendments(c.var.services.db, actor, c.req.valid("param").id) }, 200);
  })
  .openapi(askRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    return c.json(await askQuestion(db, actor, c.req.valid("param").id, c.req.valid("json").question, clock.now()), 201);
  })
  .openapi(listEnquiriesRoute, async (c) => {
    const actor = await authenticate(c);
    return c.json({ data: await listEnquiries(c.var.services.db, actor, c.req.valid("param").id) }, 200);
  })
  .openapi(answerRoute, async (c) => {
    const actor = await authenticate(c);
    const { db, clock } = c.var.services;
    return c.json(await answerEnquiry(db, actor, c.req.valid("param").id, c.req.valid("json").answer, clock.now()), 200);
  });
