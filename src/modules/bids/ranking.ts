/** An order's bids: nothing but their count while sealed; once opened, ranked and explained by the matching engine. */
import { and, eq, isNotNull, ne, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { bids } from "../../db/schema";
import { resolveWeights, type ScoreResult, score } from "../../matching";
import { AppError } from "../../platform/errors";
import { prepared } from "../../platform/prepared";
import type { Scope } from "../../platform/scope";
import { loadBidCandidates, toMatchOrder } from "../matching/load";
import { scoringFor } from "../matching/service";
import { findOrderView } from "../orders/service";
import { type BidRow, evaluatesOrder } from "./access";
import { isDue, openDueBids } from "./opening";
import type { Bid } from "./schemas";
import { viewBids } from "./service";

export type BidSort = "score" | "price";

/** Evaluated bids take part in the ranking; disqualified (and unreconfirmed) ones are listed after them, marked. */
const EVALUATED: readonly Bid["status"][] = ["submitted", "awarded", "not_awarded"];

const tendered: SQL = and(isNotNull(bids.submittedAt), ne(bids.status, "withdrawn"))!;

// The reads of every bid list, prepared once per database.
const orderIs = eq(bids.orderId, sql.placeholder("orderId"));
const prepareTendered = (db: Database) =>
  db.select().from(bids).where(and(orderIs, tendered)).prepare("bids_tendered");
const prepareOwn = (db: Database) =>
  db
    .select()
    .from(bids)
    .where(and(orderIs, eq(bids.providerOrgId, sql.placeholder("orgId"))))
    .prepare("bids_of_provider");

interface Entry {
  bid: Bid;
  result: ScoreResult | null;
}

const byScore = (a: Entry, b: Entry) =>
  (b.result?.score ?? 0) - (a.result?.score ?? 0) || a.bid.id.localeCompare(b.bid.id);
const byPrice = (a: Entry, b: Entry) => a.bid.pricePerTraineeFen - b.bid.pricePerTraineeFen || byScore(a, b);

/**
 * The bids of an order as the actor may see them. The ordering company and the bureau see only `bidCount` until
 * the opening, then every submitted bid with its `score()` (the bid as a `kind: "bid"` candidate), evaluated ones
 * ranked first. A provider sees only its own bids, never a rank. Reading after the deadline opens the bids.
 * @example const list = await listOrderBids(scope, { id: "ord_…", sort: "price" });
 */
export async function listOrderBids(scope: Scope, input: { id: string; sort: BidSort }) {
  const { db, actor } = scope;
  // The order with its skills and its count of tendered bids, in one statement.
  let order = await findOrderView(scope, input.id);
  if (isDue(order, scope.now)) {
    await openDueBids(scope, [order.id]);
    order = await findOrderView(scope, input.id);
  }
  const evaluator = evaluatesOrder(actor, order);
  if (!evaluator && actor.orgKind !== "provider") {
    throw new AppError("forbidden", "An order's bids are for its company, the bureau, and each bidder's own");
  }
  const opened = order.bidsOpenedAt !== null;
  let rows: BidRow[] = [];
  if (evaluator && opened) {
    rows = await prepared(db, "bids_tendered", prepareTendered).execute({ orderId: order.id });
  } else if (!evaluator) {
    rows = await prepared(db, "bids_of_provider", prepareOwn).execute({
      orderId: order.id,
      orgId: actor.orgId,
    });
  }
  const views = await viewBids(scope, rows);
  const weights = resolveWeights(order.matchWeights);
  let entries: Entry[] = views.map((bid) => ({ bid, result: null }));
  if (opened && views.length > 0) {
    // The context and track records come from the match index's memory while nothing they depend on has changed.
    const { context, records } = await scoringFor(scope, [...new Set(views.map((b) => b.providerOrgId))]);
    const candidates = await loadBidCandidates(db, views, records);
    const matchOrder = toMatchOrder(order, order.requiredSkills);
    entries = views.map((bid, i) => ({ bid, result: score(matchOrder, candidates[i], context) }));
  }
  const evaluated = entries.filter((e) => EVALUATED.includes(e.bid.status));
  const excluded = entries.filter((e) => !EVALUATED.includes(e.bid.status));
  const rankOf = new Map([...evaluated].sort(byScore).map((e, i) => [e.bid.id, i + 1]));
  const sorted = [...evaluated, ...excluded].sort((a, b) => {
    const group = Number(excluded.includes(a)) - Number(excluded.includes(b));
    return group || (input.sort === "price" ? byPrice(a, b) : byScore(a, b));
  });
  return {
    orderId: order.id,
    bidDeadline: order.bidDeadline.toISOString(),
    sealed: !opened,
    openedAt: order.bidsOpenedAt?.toISOString() ?? null,
    bidCount: order.bidCount,
    sort: input.sort,
    weights,
    data: sorted.map(({ bid, result }) => ({
      rank: evaluator && opened ? (rankOf.get(bid.id) ?? null) : null,
      score: result?.score ?? null,
      eligible: result?.eligible ?? null,
      ...(result?.reason ? { reason: result.reason } : {}),
      factors: result?.factors ?? [],
      bid,
    })),
  };
}
