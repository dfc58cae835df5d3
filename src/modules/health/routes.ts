/** Liveness and database reachability. */
import { z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { createRouter, defineRoute, json } from "../../platform/http";

const healthSchema = z
  .object({ status: z.enum(["ok", "degraded"]), database: z.enum(["ok", "unreachable"]) })
  .openapi("Health");

const healthRoute = defineRoute({
  operationId: "getHealth",
  auth: "public",
  method: "get",
  path: "/health",
  tags: ["Health"],
  summary: "Service health",
  responses: { 200: json(healthSchema, "Healthy"), 503: json(healthSchema, "The database is unreachable") },
});

export const healthRouter = createRouter().openapi(healthRoute, async (c) => {
  try {
    await c.var.services.db.execute(sql`select 1`);
    return c.json({ status: "ok" as const, database: "ok" as const }, 200);
  } catch (err) {
    c.var.services.logger.error("health check failed", { error: String(err) });
    return c.json({ status: "degraded" as const, database: "unreachable" as const }, 503);
  }
});
