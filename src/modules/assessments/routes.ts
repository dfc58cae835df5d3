/** HTTP routes of assessments and the public certificate check. */
import { createRouter, defineRoute, json, jsonBody } from "../../platform/http";
import { pageSchema } from "../../platform/pagination";
import { idParam } from "../../platform/schemas";
import { publicScopeOf, scopeOf } from "../../platform/scope";
import {
  assessmentListQuery,
  assessmentSchema,
  certificateCheckSchema,
  certificateParam,
  newAssessmentExample,
  newAssessmentSchema,
} from "./schemas";
import { listAssessmentQueue } from "./queue";
import { assessmentQueueEntrySchema, assessmentQueueQuery } from "./queue-schemas";
import * as service from "./service";

const tags = ["Assessments"];

const recordRoute = defineRoute({
  operationId: "recordAssessment",
  auth: "bearer",
  errors: [403, 404, 409],
  method: "post",
  path: "/trainees/{id}/assessments",
  tags,
  summary: "Record an assessment — an assessor accredited for the trainee's occupation",
  description:
    "`certificationType` defaults to the certification the trainee's program offers. " +
    "`vocational_skill_level` has levels 1–5, `professional_technical_grade` 1–3. " +
    "A pass needs a `certificateNo`, unique across the system (409 on reuse).",
  request: { params: idParam("trn"), body: jsonBody(newAssessmentSchema, newAssessmentExample) },
  responses: { 201: json(assessmentSchema, "Recorded") },
});

const listRoute = defineRoute({
  operationId: "listAssessments",
  auth: "bearer",
  errors: [404],
  method: "get",
  path: "/trainees/{id}/assessments",
  tags,
  summary: "A trainee's assessments — provider, contracted company, the bureau; an assessor its own",
  request: { params: idParam("trn"), query: assessmentListQuery },
  responses: { 200: json(pageSchema(assessmentSchema), "A page of assessments") },
});

const queueRoute = defineRoute({
  operationId: "listAssessmentQueue",
  auth: "bearer",
  errors: [403],
  method: "get",
  path: "/assessments/queue",
  tags,
  summary: "The trainees an assessor may assess, and those it has assessed — assessors",
  description:
    "Trainees training for an occupation the assessor is accredited for today (not dropped out), and every " +
    "trainee it has assessed, oldest enrolment first. A minimal record (no contact data, no placement), the " +
    "certification the program offers, and this assessor's latest assessment. Other organisations get 403.",
  request: { query: assessmentQueueQuery },
  responses: { 200: json(pageSchema(assessmentQueueEntrySchema), "A page of the queue") },
});

const checkRoute = defineRoute({
  operationId: "checkCertificate",
  auth: "public",
  rateLimit: "ip",
  errors: [404],
  method: "get",
  path: "/certificates/{certificateNo}",
  tags,
  summary: "Verify a certificate — anyone",
  description:
    "The holder's masked name, the occupation, certification and level, the date and the issuing assessor; nothing else. " +
    "Rate limited per client IP like other public lookups.",
  request: { params: certificateParam },
  responses: { 200: json(certificateCheckSchema, "The certificate") },
});

export const assessmentsRouter = createRouter()
  .openapi(recordRoute, async (c) => {
    const input = { traineeId: c.req.valid("param").id, ...c.req.valid("json") };
    return c.json(await service.recordAssessment(await scopeOf(c), input), 201);
  })
  .openapi(listRoute, async (c) => {
    const input = { traineeId: c.req.valid("param").id, ...c.req.valid("query") };
    return c.json(await service.listAssessments(await scopeOf(c), input), 200);
  })
  .openapi(queueRoute, async (c) =>
    c.json(await listAssessmentQueue(await scopeOf(c), c.req.valid("query")), 200),
  )
  .openapi(checkRoute, async (c) =>
    c.json(await service.checkCertificate(await publicScopeOf(c), c.req.valid("param")), 200),
  );
