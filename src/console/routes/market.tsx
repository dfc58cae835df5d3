/** `GET /console/market`: open orders ranked for the provider's cohorts (all, or one). */
import { Hono } from "hono";
import { requireKind } from "../../platform/actor";
import type { ConsoleEnv } from "../env";
import { offeredCohorts, rankedOrders } from "../market";
import { MarketPage } from "../pages/provider/market";
import { pageFrame, render } from "../render";
import { consoleScopeOf } from "../session";
import { loadTaxonomy } from "../taxonomy";
import { orgNames } from "./orders";

/** `GET /console/market`. */
export const marketRouter = new Hono<ConsoleEnv>().get("/market", async (c) => {
  const scope = await consoleScopeOf(c);
  requireKind(scope.actor, "provider");
  const cohorts = await offeredCohorts(scope);
  // One cohort at a time by default (each is one call of the matches service); `all` merges every cohort.
  const wanted = c.req.query("cohort");
  const selected = wanted === "all" ? undefined : (cohorts.find((x) => x.id === wanted) ?? cohorts[0]);
  const ranked = await rankedOrders(scope, selected ? [selected] : cohorts, 20);
  const [frame, tax, names] = await Promise.all([
    pageFrame(c),
    loadTaxonomy(scope, c.var.lang),
    orgNames(
      scope,
      ranked.map((r) => r.order.companyOrgId),
    ),
  ]);
  return render(
    c,
    <MarketPage
      frame={frame}
      tax={tax}
      cohorts={cohorts}
      selected={selected?.id ?? "all"}
      ranked={ranked}
      names={names}
    />,
  );
});
