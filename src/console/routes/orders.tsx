/** Order pages: lists, one order with its enquiries, its matches; publishing, cancelling, asking and answering. */
import { Hono } from "hono";
import { answerSchema, questionSchema } from "../../modules/enquiries/schemas";
import { answerEnquiry, askQuestion, listEnquiries, unansweredCounts } from "../../modules/enquiries/service";
import { listInvitations } from "../../modules/invitations/service";
import { matchesForOrder } from "../../modules/matching/service";
import { cancelSchema, orderListQuery } from "../../modules/orders/schemas";
import type { Order } from "../../modules/orders/schemas";
import {
  cancelOrder,
  countOwnOrders,
  getOrder,
  listOrders,
  publishOrder,
} from "../../modules/orders/service";
import { ORDER_STATUSES } from "../../db/schema";
import { getOrganization } from "../../modules/organizations/service";
import { AppError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import type { ConsoleEnv } from "../env";
import { parseInput, postedValues, postedVersion } from "../forms/values";
import { OrderDetailPage } from "../pages/orders/detail";
import { CompanyOrdersPage, type OrderGroup, OrderListPage, type OrderRowView } from "../pages/orders/list";
import { MatchesPage } from "../pages/orders/matches";
import { pageFrame, render } from "../render";
import { consoleScopeOf } from "../session";
import { loadTaxonomy } from "../taxonomy";
import { afterPost, outcomeOf } from "./outcome";
import { biddingOpen, latestBidOn } from "./provider-bids";

/** Organisation names by id (a name the viewer may not see reads as "—"). */
export async function orgNames(scope: Scope, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = await Promise.all(
    unique.map((id) =>
      getOrganization(scope, { id }).then(
        (o) => o.name,
        () => "—",
      ),
    ),
  );
  return new Map(unique.map((id, i) => [id, names[i]]));
}

/** Orders with their counts of unanswered questions (one grouped count for the page). */
async function withUnanswered(scope: Scope, orders: Order[]): Promise<OrderRowView[]> {
  const waiting = await unansweredCounts(
    scope,
    orders.filter((o) => o.status === "open").map((o) => o.id),
  );
  return orders.map((order) => ({ order, unanswered: waiting.get(order.id) ?? 0 }));
}

/** Orders a state's group shows on the company's pages; the rest are a link away, a page at a time. */
const GROUP_SIZE = 10;

/**
 * The company's orders by state: each state's count and its newest orders. A bounded cost however many orders the
 * company has placed: one grouped count, one short page per state present.
 */
export async function companyOrderGroups(scope: Scope): Promise<OrderGroup[]> {
  const counts = await countOwnOrders(scope);
  const present = ORDER_STATUSES.filter((status) => counts.has(status));
  return Promise.all(
    present.map(async (status) => {
      const page = await listOrders(scope, { mine: "true", status, limit: GROUP_SIZE });
      return { status, total: counts.get(status)!, rows: await withUnanswered(scope, page.data) };
    }),
  );
}

/** Order lists and pages, publish, cancel, matches, enquiries. */
export const ordersRouter = new Hono<ConsoleEnv>()
  .get("/orders", async (c) => {
    const scope = await consoleScopeOf(c);
    const [frame, tax] = await Promise.all([pageFrame(c), loadTaxonomy(scope, c.var.lang)]);
    const mine = scope.actor.orgKind === "company";
    const status = c.req.query("status") || undefined;
    if (mine && !status) {
      const groups = await companyOrderGroups(scope);
      return render(
        c,
        <CompanyOrdersPage
          frame={frame}
          tax={tax}
          groups={groups}
          title={c.var.t("orders.mine")}
          current="orders"
        />,
      );
    }
    // One state of the company's own orders, or what any other viewer may see: a page at a time.
    const query = orderListQuery.safeParse({
      status,
      cursor: c.req.query("cursor"),
      limit: 20,
      ...(mine ? { mine: "true" } : {}),
    });
    const q = query.success ? query.data : { limit: 20, ...(mine ? { mine: "true" as const } : {}) };
    const page = await listOrders(scope, q);
    const nextHref = page.nextCursor
      ? `/console/orders?${new URLSearchParams({ status: status ?? "", cursor: page.nextCursor })}`
      : null;
    const rows = mine
      ? await withUnanswered(scope, page.data)
      : page.data.map((order) => ({ order, unanswered: 0 }));
    return render(
      c,
      <OrderListPage
        frame={frame}
        tax={tax}
        rows={rows}
        status={status ?? ""}
        mine={mine}
        nextHref={nextHref}
      />,
    );
  })
  .get("/orders/:id", async (c) => {
    const scope = await consoleScopeOf(c);
    const order = await getOrder(scope, { id: c.req.param("id") });
    const { actor, now } = scope;
    const [frame, tax, enquiries, names, ownBid] = await Promise.all([
      pageFrame(c),
      loadTaxonomy(scope, c.var.lang),
      listEnquiries(scope, { orderId: order.id, limit: 100 }),
      orgNames(scope, [order.companyOrgId]),
      actor.orgKind === "provider" ? latestBidOn(scope, order.id) : null,
    ]);
    const view = {
      order,
      companyName: names.get(order.companyOrgId) ?? "—",
      enquiries: enquiries.data,
      own: order.companyOrgId === actor.orgId,
      canAsk:
        actor.orgKind === "provider" &&
        actor.orgStatus === "verified" &&
        order.status === "open" &&
        new Date(order.enquiryDeadline) > now,
      bidding:
        actor.orgKind === "provider"
          ? {
              bid: ownBid,
              canBid: actor.orgStatus === "verified" && biddingOpen(order, now),
              open: biddingOpen(order, now),
            }
          : null,
      ...outcomeOf(c),
    };
    return render(c, <OrderDetailPage frame={frame} tax={tax} view={view} />);
  })
  .post("/orders/:id/publish", async (c) => {
    const id = c.req.param("id");
    const expectedVersion = postedVersion(await postedValues(c));
    return afterPost(c, `/console/orders/${id}`, "published", async () =>
      publishOrder(await consoleScopeOf(c), { id, expectedVersion }),
    );
  })
  .post("/orders/:id/cancel", async (c) => {
    const id = c.req.param("id");
    const values = await postedValues(c);
    return afterPost(c, `/console/orders/${id}`, "cancelled", async () => {
      const { reason } = parseInput(cancelSchema, { reason: values.reason ?? "" });
      return cancelOrder(await consoleScopeOf(c), { id, reason, expectedVersion: postedVersion(values) });
    });
  })
  .get("/orders/:id/matches", async (c) => {
    const scope = await consoleScopeOf(c);
    const id = c.req.param("id");
    const [order, result] = await Promise.all([
      getOrder(scope, { id }),
      matchesForOrder(scope, { id, limit: 20 }),
    ]);
    const canInvite = order.companyOrgId === scope.actor.orgId && order.status === "open";
    const invitations = canInvite ? await listInvitations(scope, { orderId: id, limit: 100 }) : { data: [] };
    const [frame, tax, names] = await Promise.all([
      pageFrame(c),
      loadTaxonomy(scope, c.var.lang),
      orgNames(
        scope,
        result.data.map((m) => m.cohort.providerOrgId),
      ),
    ]);
    const matches = result.data.map((m) => ({
      ...m,
      providerName: names.get(m.cohort.providerOrgId) ?? "—",
    }));
    return render(
      c,
      <MatchesPage
        frame={frame}
        tax={tax}
        order={order}
        weights={result.weights}
        matches={matches}
        canInvite={canInvite}
        invited={new Set(invitations.data.map((i) => i.providerOrgId))}
        {...outcomeOf(c)}
      />,
    );
  })
  .post("/orders/:id/enquiries", async (c) => {
    const orderId = c.req.param("id");
    const values = await postedValues(c);
    return afterPost(c, `/console/orders/${orderId}#enquiries`, "asked", async () => {
      const { question } = parseInput(questionSchema, { question: values.question ?? "" });
      return askQuestion(await consoleScopeOf(c), { orderId, question });
    });
  })
  .post("/enquiries/:id/answer", async (c) => {
    const id = c.req.param("id");
    const values = await postedValues(c);
    const orderId = /^ord_[0-9a-z_]{1,60}$/.test(values.orderId ?? "") ? values.orderId : null;
    if (!orderId) throw new AppError("not_found", "No such enquiry");
    return afterPost(c, `/console/orders/${orderId}#enquiries`, "answered", async () => {
      const { answer } = parseInput(answerSchema, { answer: values.answer ?? "" });
      return answerEnquiry(await consoleScopeOf(c), { id, answer });
    });
  });
