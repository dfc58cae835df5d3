/**
 * An order's public OCDS page: the release package of the OCDS service, read as anyone may read it (the API's
 * `GET /v1/orders/{id}/ocds` is public once the order is published), shown by stage, with a link to its JSON.
 */
import { Hono } from "hono";
import { orderReleasePackage } from "../../modules/ocds/service";
import { scopeFor } from "../../platform/scope";
import type { ConsoleEnv } from "../env";
import { type OcdsPackage, OcdsPage } from "../pages/orders/ocds";
import { pageFrame, render } from "../render";
import { consoleSession } from "../session";

/** `/console/orders/:id/ocds`, signed in or not. */
export const ocdsRouter = new Hono<ConsoleEnv>().get("/orders/:id/ocds", async (c) => {
  const session = await consoleSession(c);
  const scope = scopeFor(c.var.services, session?.actor ?? null);
  const id = c.req.param("id");
  const [frame, pkg] = await Promise.all([pageFrame(c), orderReleasePackage(scope, { orderId: id })]);
  return render(c, <OcdsPage frame={frame} orderId={id} pkg={pkg as unknown as OcdsPackage} />);
});
