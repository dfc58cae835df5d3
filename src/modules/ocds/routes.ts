/** HTTP route of the OCDS export of an order's contracting process. */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, json } from "../../platform/http";
import { idParam } from "../../platform/schemas";
import { publicScopeOf } from "../../platform/scope";
import * as service from "./service";

const releasePackageSchema = z
  .object({
    version: z.literal("1.1"),
    extensions: z.array(z.string()),
    publishedDate: z.string(),
    publisher: z.object({ name: z.string() }),
    releases: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi("OcdsReleasePackage", {
    description:
      "An OCDS 1.1 release package with the bids extension: one release per stage reached (tender, award, contract, implementation). Amounts in CNY. Sealed terms appear only after the opening; objectors and trainees never.",
  });

const orderOcdsRoute = defineRoute({
  operationId: "getOrderOcds",
  auth: "public",
  errors: [404],
  method: "get",
  path: "/orders/{id}/ocds",
  tags: ["Orders"],
  summary:
    "The order's contracting process as an OCDS 1.1 release package — public once the order is published",
  request: { params: idParam("ord") },
  responses: { 200: json(releasePackageSchema, "The release package") },
});

export const ocdsRouter = createRouter().openapi(orderOcdsRoute, async (c) => {
  const pkg = await service.orderReleasePackage(await publicScopeOf(c), { orderId: c.req.valid("param").id });
  return c.json(pkg as z.infer<typeof releasePackageSchema>, 200);
});
