/** HTTP route of the audit trail. */
import { createRouter, defineRoute, json } from "../../platform/http";
import { pageSchema } from "../../platform/pagination";
import { scopeOf } from "../../platform/scope";
import { auditEventSchema, auditQuery } from "./schemas";
import * as service from "./service";

const listAuditEventsRoute = defineRoute({
  operationId: "listAuditEvents",
  auth: "bearer",
  errors: [404],
  method: "get",
  path: "/audit",
  tags: ["Audit"],
  summary:
    "The audit trail, oldest first — the bureau: every event; others: the events of an entity of their own",
  description:
    "Every transition of orders, bids, objections, contracts, organisations and more, with its actor, time, from and to states and what changed. Nothing in it can be changed or deleted, not even by the application's database role. A company or provider must give entityType and entityId of an entity it owns or is a party to.",
  request: { query: auditQuery },
  responses: { 200: json(pageSchema(auditEventSchema), "A page of events") },
});

export const auditRouter = createRouter().openapi(listAuditEventsRoute, async (c) =>
  c.json(await service.listAuditEvents(await scopeOf(c), c.req.valid("query")), 200),
);
