/** HTTP routes of subsidy policies: everyone signed in reads them, the bureau sets them. */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, json, jsonBody, tagged } from "../../platform/http";
import { scopeOf } from "../../platform/scope";
import { occupationParam, subsidyPolicyRequestSchema, subsidyPolicySchema } from "./schemas";
import * as service from "./service";

const tags = ["Contracts"];

const listSubsidyPoliciesRoute = defineRoute({
  operationId: "listSubsidyPolicies",
  auth: "bearer",
  method: "get",
  path: "/subsidy-policies",
  tags,
  summary: "The subsidy policy of each occupation",
  responses: { 200: json(z.object({ data: z.array(subsidyPolicySchema) }), "The policies") },
});

const putSubsidyPolicyRoute = defineRoute({
  operationId: "putSubsidyPolicy",
  auth: "bearer",
  errors: [403, 404],
  method: "put",
  path: "/subsidy-policies/{occupationCode}",
  tags,
  summary: "Set an occupation's subsidy per trainee — the bureau",
  description:
    "Creates (201) or replaces (200) the occupation's policy. Contracts already approved keep their subsidy.",
  request: {
    params: occupationParam,
    body: jsonBody(subsidyPolicyRequestSchema, {
      perTraineeFen: 300_000,
      validFrom: "2031-01-01",
      validUntil: "2031-12-31",
    }),
  },
  responses: {
    200: json(subsidyPolicySchema, "Replaced", { etag: true }),
    201: json(subsidyPolicySchema, "Created", { etag: true }),
  },
});

export const subsidiesRouter = createRouter()
  .openapi(listSubsidyPoliciesRoute, async (c) =>
    c.json({ data: await service.listSubsidyPolicies(await scopeOf(c)) }, 200),
  )
  .openapi(putSubsidyPolicyRoute, async (c) => {
    const input = { ...c.req.valid("param"), ...c.req.valid("json") };
    const { policy, created } = await service.putSubsidyPolicy(await scopeOf(c), input);
    return created ? c.json(tagged(c, policy), 201) : c.json(tagged(c, policy), 200);
  });
