/**
 * An order's bids for its company and the bureau: the comparison (sorted by query, no script needed), disqualifying
 * a bid with a reason, and the award, whose headcount total the awards service checks.
 */
import { Hono } from "hono";
import { getAward, awardOrder } from "../../modules/awards/service";
import { disqualifyBid } from "../../modules/bids/lifecycle";
import { listOrderBids } from "../../modules/bids/ranking";
import { disqualifySchema } from "../../modules/bids/schemas";
import { getBid } from "../../modules/bids/service";
import { getOrder } from "../../modules/orders/service";
import type { FactorResult, IneligibilityEvidence } from "../../matching";
import { AppError } from "../../platform/errors";
import type { ConsoleContext, ConsoleEnv } from "../env";
import { parseInput, postedValues, postedVersion } from "../forms/values";
import { BID_SORTS, type BidSortKey, type ComparedBid, ComparePage } from "../pages/bids/compare";
import { pageFrame, render, seeOther } from "../render";
import { consoleScopeOf } from "../session";
import { loadTaxonomy } from "../taxonomy";
import { orgNames } from "./orders";
import { afterPost, outcomeOf } from "./outcome";

const EVALUATED = ["submitted", "awarded", "not_awarded"];
const AWARDED = ["awarded", "contracted", "fulfilled"];

/** The orders of the other sorts, within the evaluated bids and within the excluded ones (stable otherwise). */
const ORDERING: Partial<Record<BidSortKey, (a: ComparedBid, b: ComparedBid) => number>> = {
  size: (a, b) => b.bid.cohortSize - a.bid.cohortSize,
  start: (a, b) => a.bid.startDate.localeCompare(b.bid.startDate),
  valid: (a, b) => b.bid.validUntil.localeCompare(a.bid.validUntil),
};

/** Why an ineligible bid is ineligible, from its skills evidence (the missing essential skill). */
function missingEssential(factors: FactorResult[]): IneligibilityEvidence | undefined {
  for (const f of factors) {
    if (f.evidence.code !== "skills_coverage") continue;
    const missing = f.evidence.params.skills.find((s) => s.outcome === "missing" && s.essential);
    if (missing) return { code: "missing_essential_skill", params: { skillId: missing.skillId } };
  }
  return undefined;
}

/** Renders the comparison; a refused award comes back to it with its ticks, its reason and the worded refusal. */
async function showComparison(
  c: ConsoleContext,
  refusal: { awardError: string; selected: string[]; reason: string } | null = null,
) {
  const scope = await consoleScopeOf(c);
  if (scope.actor.orgKind === "provider" || scope.actor.orgKind === "assessor")
    throw new AppError("forbidden", "An order's bids are compared by its company and the bureau");
  const id = c.req.param("id") ?? "";
  const wanted = c.req.query("sort") as BidSortKey;
  const sort: BidSortKey = BID_SORTS.includes(wanted) ? wanted : "score";
  const list = await listOrderBids(scope, { id, sort: sort === "price" ? "price" : "score" });
  const order = await getOrder(scope, { id });
  const [frame, tax, names, award] = await Promise.all([
    pageFrame(c),
    loadTaxonomy(scope, c.var.lang),
    orgNames(
      scope,
      list.data.map((r) => r.bid.providerOrgId),
    ),
    AWARDED.includes(order.status) ? getAward(scope, { orderId: id }).catch(() => null) : null,
  ]);
  const entries: ComparedBid[] = list.data.map((r) => ({
    ...r,
    reasonEvidence: r.eligible === false ? missingEssential(r.factors) : undefined,
    providerName: names.get(r.bid.providerOrgId) ?? "—",
  }));
  const by = ORDERING[sort];
  if (by) {
    const group = (e: ComparedBid) => Number(!EVALUATED.includes(e.bid.status));
    entries.sort((a, b) => group(a) - group(b) || by(a, b));
  }
  const view = {
    order,
    sealed: list.sealed,
    openedAt: list.openedAt,
    bidCount: list.bidCount,
    sort,
    bids: entries,
    award,
    canDecide: order.companyOrgId === scope.actor.orgId && order.status === "evaluation",
    selected: refusal?.selected ?? [],
    awardError: refusal?.awardError,
    reason: refusal?.reason,
    ...outcomeOf(c),
  };
  return render(c, <ComparePage frame={frame} tax={tax} view={view} />, refusal ? 400 : 200);
}

/** A refused award worded for the form: no bid ticked, no reason, the headcount total, or a bid not evaluated. */
function wordAwardRefusal(c: ConsoleContext, err: AppError, picked: number): string {
  const { t } = c.var;
  if (picked === 0) return t("award.pickOne");
  for (const e of err.errors ?? []) {
    const total = /cohortSize total (\d+) lies outside .* range (\d+)…(\d+)/.exec(e.message);
    if (total) return t("award.headcountOutside", { n: total[1], min: total[2], max: total[3] });
    if (e.path === "reason") return `${t("award.reason")}: ${t("validation.required")}`;
  }
  return t("award.notEvaluated");
}

/** `/console/orders/:id/bids`, `/console/orders/:id/award`, `/console/bids/:id/disqualify`. */
export const bidsRouter = new Hono<ConsoleEnv>()
  .get("/orders/:id/bids", (c) => showComparison(c))
  .post("/orders/:id/award", async (c) => {
    const id = c.req.param("id");
    const body = await c.req.parseBody({ all: true });
    const bidIds = [body.bidIds ?? []].flat().filter((v): v is string => typeof v === "string");
    const reason = typeof body.reason === "string" ? body.reason : "";
    const expectedVersion = postedVersion({ version: String(body.version ?? "") });
    try {
      await awardOrder(await consoleScopeOf(c), { orderId: id, bidIds, reason, expectedVersion });
      return seeOther(c, `/console/orders/${id}/bids?done=awarded`);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === "validation_failed")
        return showComparison(c, {
          awardError: wordAwardRefusal(c, err, bidIds.length),
          selected: bidIds,
          reason,
        });
      if (["invalid_state", "precondition_failed", "conflict", "forbidden"].includes(err.code))
        return seeOther(c, `/console/orders/${id}/bids?problem=${err.code}`);
      throw err;
    }
  })
  .post("/bids/:id/disqualify", async (c) => {
    const id = c.req.param("id");
    const values = await postedValues(c);
    const scope = await consoleScopeOf(c);
    const bid = await getBid(scope, { id });
    // Back to the comparison as it was sorted.
    const sort = BID_SORTS.find((s) => s === values.sort) ?? "score";
    return afterPost(c, `/console/orders/${bid.orderId}/bids?sort=${sort}`, "disqualified", async () => {
      const { reason } = parseInput(disqualifySchema, { reason: values.reason ?? "" });
      return disqualifyBid(scope, { id, reason, expectedVersion: postedVersion(values) });
    });
  });
