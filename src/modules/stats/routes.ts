/** HTTP routes of the bureau's statistics; each table is JSON, or CSV with `Accept: text/csv`. */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createRouter, defineRoute, json, jsonBody } from "../../platform/http";
import { scopeOf } from "../../platform/scope";
import { overviewCsv, providersCsv, sectorsCsv } from "./export";
import {
  overviewSchema,
  providerStatsSchema,
  sectorStatsSchema,
  targetInputSchema,
  targetSchema,
  yearParam,
  yearQuery,
} from "./schemas";
import * as service from "./service";

const tags = ["Statistics"];

/** A 200 that is JSON by default and CSV (RFC 4180, header row, UTF-8 with BOM) when the client asks for it. */
function jsonOrCsv<T extends z.ZodTypeAny>(schema: T, description: string) {
  return {
    description,
    content: {
      "application/json": { schema },
      "text/csv": {
        schema: z.string().openapi({ description: "RFC 4180, header row, CRLF, UTF-8 with a BOM" }),
      },
    },
  };
}

const statsRoute = (path: string, operationId: string, summary: string, schema: z.ZodTypeAny) =>
  defineRoute({
    operationId,
    auth: "bearer",
    errors: [403],
    method: "get",
    path,
    tags,
    summary,
    description:
      "The bureau only. Send `Accept: text/csv` for CSV. Each event counts in the year of its own date: enrolment, " +
      "completion, pass, hire; contracts and approved subsidies by the year their training starts.",
    request: { query: yearQuery },
    responses: { 200: jsonOrCsv(schema, "The figures") },
  });

const overviewRoute = statsRoute(
  "/stats/overview",
  "getStatsOverview",
  "The year against its target: trained, certified (by type and level), placed, subsidies, contracts",
  overviewSchema,
);
const sectorsRoute = statsRoute(
  "/stats/sectors",
  "getStatsBySector",
  "The same figures by sector",
  sectorStatsSchema,
);
const providersRoute = statsRoute(
  "/stats/providers",
  "getStatsByProvider",
  "Per provider: contracts, trainees, completion, certification and placement rates",
  providerStatsSchema,
);

const setTargetRoute = defineRoute({
  operationId: "setStatsTarget",
  auth: "bearer",
  errors: [403],
  method: "put",
  path: "/stats/targets/{year}",
  tags,
  summary: "Set the year's training target (default 10,000) — the bureau",
  request: { params: yearParam, body: jsonBody(targetInputSchema, { target: 12_000 }) },
  responses: { 200: json(targetSchema, "The target") },
});

const wantsCsv = (c: Context) => /\btext\/csv\b/i.test(c.req.header("Accept") ?? "");

function csv(c: Context, body: string, name: string) {
  return c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${name}.csv"`,
  });
}

export const statsRouter = createRouter()
  .openapi(overviewRoute, async (c) => {
    const o = await service.overview(await scopeOf(c), c.req.valid("query"));
    return wantsCsv(c) ? csv(c, overviewCsv(o), `overview-${o.year}`) : c.json(o, 200);
  })
  .openapi(sectorsRoute, async (c) => {
    const s = await service.bySector(await scopeOf(c), c.req.valid("query"));
    return wantsCsv(c) ? csv(c, sectorsCsv(s), `sectors-${s.year}`) : c.json(s, 200);
  })
  .openapi(providersRoute, async (c) => {
    const p = await service.byProvider(await scopeOf(c), c.req.valid("query"));
    return wantsCsv(c) ? csv(c, providersCsv(p), `providers-${p.year}`) : c.json(p, 200);
  })
  .openapi(setTargetRoute, async (c) => {
    const input = { year: c.req.valid("param").year, ...c.req.valid("json") };
    return c.json(await service.setTarget(await scopeOf(c), input), 200);
  });
