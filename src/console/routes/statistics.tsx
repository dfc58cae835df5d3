/** The bureau's statistics page and its CSV downloads, from the stats services the API uses. */
import { Hono } from "hono";
import { overviewCsv, providersCsv, sectorsCsv } from "../../modules/stats/export";
import { byProvider, bySector, overview } from "../../modules/stats/service";
import { requireKind } from "../../platform/actor";
import type { Scope } from "../../platform/scope";
import type { ConsoleContext, ConsoleEnv } from "../env";
import { StatisticsPage } from "../pages/bureau/statistics";
import { pageFrame, render } from "../render";
import { consoleScopeOf } from "../session";

/** The year asked for (`?year=`), else this year. */
function yearOf(c: ConsoleContext, scope: Scope): number {
  const year = Number(c.req.query("year"));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : scope.now.getUTCFullYear();
}

const TABLES = {
  overview: async (scope: Scope, year: number) => overviewCsv(await overview(scope, { year })),
  sectors: async (scope: Scope, year: number) => sectorsCsv(await bySector(scope, { year })),
  providers: async (scope: Scope, year: number) => providersCsv(await byProvider(scope, { year })),
};

/** `/console/statistics`, `/console/statistics/{overview,sectors,providers}.csv`. */
export const statisticsRouter = new Hono<ConsoleEnv>()
  .get("/statistics", async (c) => {
    const scope = await consoleScopeOf(c);
    requireKind(scope.actor, "bureau");
    const year = yearOf(c, scope);
    const [frame, o, sectors, providers] = await Promise.all([
      pageFrame(c),
      overview(scope, { year }),
      bySector(scope, { year }),
      byProvider(scope, { year }),
    ]);
    return render(c, <StatisticsPage frame={frame} view={{ year, overview: o, sectors, providers }} />);
  })
  .get("/statistics/:table{(?:overview|sectors|providers)\\.csv}", async (c) => {
    const scope = await consoleScopeOf(c);
    requireKind(scope.actor, "bureau");
    const table = c.req.param("table").replace(".csv", "") as keyof typeof TABLES;
    const year = yearOf(c, scope);
    const body = await TABLES[table](scope, year);
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename="orderbridge-${table}-${year}.csv"`);
    return c.body(body);
  });
