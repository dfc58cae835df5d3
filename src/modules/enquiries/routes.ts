/** HTTP routes of enquiries: ask about an open order, list questions and answers, answer. */
import { createRouter, defineRoute, json, jsonBody } from "../../platform/http";
import { pageQuery, pageSchema } from "../../platform/pagination";
import { idParam } from "../../platform/schemas";
import { scopeOf } from "../../platform/scope";
import { answerSchema, enquirySchema, questionSchema } from "./schemas";
import * as service from "./service";

const tags = ["Enquiries"];

const askQuestionRoute = defineRoute({
  operationId: "askQuestion",
  auth: "bearer",
  errors: [403, 404, 409],
  method: "post",
  path: "/orders/{id}/enquiries",
  tags,
  summary: "Ask about an open order — verified provider, before enquiryDeadline",
  request: {
    params: idParam("ord"),
    body: jsonBody(questionSchema, { question: "Is a hybrid delivery mode acceptable?" }),
  },
  responses: { 201: json(enquirySchema, "The enquiry") },
});

const listEnquiriesRoute = defineRoute({
  operationId: "listEnquiries",
  auth: "bearer",
  errors: [404],
  method: "get",
  path: "/orders/{id}/enquiries",
  tags,
  summary: "Questions and answers of an order, oldest first (never who asked)",
  request: { params: idParam("ord"), query: pageQuery },
  responses: { 200: json(pageSchema(enquirySchema), "A page of enquiries") },
});

const answerEnquiryRoute = defineRoute({
  operationId: "answerEnquiry",
  auth: "bearer",
  errors: [403, 404, 409],
  method: "post",
  path: "/enquiries/{id}/answer",
  tags,
  summary: "Answer an enquiry — the ordering company",
  request: {
    params: idParam("enq"),
    body: jsonBody(answerSchema, { answer: "Yes, as long as practical sessions are on site." }),
  },
  responses: { 200: json(enquirySchema, "The answered enquiry") },
});

export const enquiriesRouter = createRouter()
  .openapi(askQuestionRoute, async (c) => {
    const input = { orderId: c.req.valid("param").id, question: c.req.valid("json").question };
    return c.json(await service.askQuestion(await scopeOf(c), input), 201);
  })
  .openapi(listEnquiriesRoute, async (c) => {
    const input = { orderId: c.req.valid("param").id, ...c.req.valid("query") };
    return c.json(await service.listEnquiries(await scopeOf(c), input), 200);
  })
  .openapi(answerEnquiryRoute, async (c) => {
    const input = { id: c.req.valid("param").id, answer: c.req.valid("json").answer };
    return c.json(await service.answerEnquiry(await scopeOf(c), input), 200);
  });
