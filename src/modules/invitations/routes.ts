/** HTTP routes of invitations to bid. */
import { createRouter, defineRoute, json, jsonBody } from "../../platform/http";
import { pageSchema } from "../../platform/pagination";
import { idParam } from "../../platform/schemas";
import { scopeOf } from "../../platform/scope";
import { invitationListQuery, invitationSchema, newInvitationSchema } from "./schemas";
import * as service from "./service";

const tags = ["Bids"];

const inviteProviderRoute = defineRoute({
  operationId: "inviteProvider",
  auth: "bearer",
  errors: [403, 404, 409],
  method: "post",
  path: "/orders/{id}/invitations",
  tags,
  summary: "Invite a provider to bid on an open order — the ordering company",
  description:
    "Once per provider and order (409 again). `providerOrgId` must be a verified provider and `cohortId` one of its open cohorts (400 naming the field). An invitation reveals nothing about bids; the invited provider must still meet every bid rule.",
  request: {
    params: idParam("ord"),
    body: jsonBody(newInvitationSchema, {
      providerOrgId: "org_8c4b6n0p5r2t7w9y3v9k2m7q1x",
      message: "Your spring CV cohort fits our inspection project; we would welcome a bid.",
    }),
  },
  responses: { 201: json(invitationSchema, "The invitation") },
});

const listInvitationsRoute = defineRoute({
  operationId: "listInvitations",
  auth: "bearer",
  errors: [403],
  method: "get",
  path: "/invitations",
  tags,
  summary: "Invitations: a provider's received, a company's sent (the bureau: all), newest first",
  request: { query: invitationListQuery },
  responses: { 200: json(pageSchema(invitationSchema), "A page of invitations") },
});

export const invitationsRouter = createRouter()
  .openapi(inviteProviderRoute, async (c) => {
    const input = { orderId: c.req.valid("param").id, ...c.req.valid("json") };
    return c.json(await service.inviteProvider(await scopeOf(c), input), 201);
  })
  .openapi(listInvitationsRoute, async (c) =>
    c.json(await service.listInvitations(await scopeOf(c), c.req.valid("query")), 200),
  );
