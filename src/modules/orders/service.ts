/** Order rules: creation, visibility, listing, publication, cancellation and the bid-deadline sweep. */
import { and, count, eq, inArray, isNotNull, lte, ne, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { bids, orderSkills, orders } from "../../db/schema";
import { type Actor, isBureau, requireKind, requireVerified } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { AppError, invalidField } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { keyset, toPage } from "../../platform/pagination";
import { transition } from "../../platform/transition";
import type { JobDeps } from "../../jobs/types";
import { checkOrder } from "./rules";
import type { OrderInput, OrderView } from "./schemas";

export type OrderRow = typeof orders.$inferSelect;
type SkillRow = typeof orderSkills.$inferSelect;

/** An open order whose bid deadline has passed is in evaluation, whether or not the sweep has run. */
export function effectiveStatus(row: Pick<OrderRow, "status" | "bidDeadline">, now: Date): OrderRow["status"] {
  return row.status === "open" && row.bidDeadline <= now ? "evaluation" : row.status;
}

/** The order's columns for an insert or update, from the API's input shape. */
export function orderColumns(o: OrderInput) {
  return {
    title: o.title,
    description: o.description,
    occupationCode: o.occupationCode,
    headcountMin: o.headcountMin,
    headcountMax: o.headcountMax,
    city: o.location.city,
    district: o.location.district ?? null,
    remoteAllowed: o.location.remoteAllowed,
    deliverBy: o.deliverBy,
    budgetPerTraineeFen: o.budgetPerTraineeFen,
    hires: o.hiringCommitment.hires,
    salaryMinFen: o.hiringCommitment.salaryMinFen,
    salaryMaxFen: o.hiringCommitment.salaryMaxFen,
    servicePeriodMonths: o.hiringCommitment.servicePeriodMonths,
    enquiryDeadline: new Date(o.enquiryDeadline),
    bidDeadline: new Date(o.bidDeadline),
    matchWeights: o.matchWeights ?? null,
  };
}

export const skillRows = (orderId: string, o: Pick<OrderInput, "requiredSkills">) =>
  o.requiredSkills.map((s, position) => ({ orderId, position, ...s }));

/** The API's input shape of a stored order (the base that a PATCH merges into). */
export function orderInput(row: OrderRow, skillList: SkillRow[]): OrderInput {
  return {
    title: row.title,
    description: row.description,
    occupationCode: row.occupationCode,
    requiredSkills: [...skillList]
      .sort((a, b) => a.position - b.position)
      .map(({ skillId, minLevel, weight, essential }) => ({ skillId, minLevel, weight, essential })),
    headcountMin: row.headcountMin,
    headcountMax: row.headcountMax,
    location: { city: row.city, district: row.district, remoteAllowed: row.remoteAllowed },
    deliverBy: row.deliverBy,
    budgetPerTraineeFen: row.budgetPerTraineeFen,
    hiringCommitment: {
      hires: row.hires,
      salaryMinFen: row.salaryMinFen,
      salaryMaxFen: row.salaryMaxFen,
      servicePeriodMonths: row.servicePeriodMonths,
    },
    enquiryDeadline: row.enquiryDeadline.toISOString(),
    bidDeadline: row.bidDeadline.toISOString(),
    matchWeights: row.matchWeights ?? null,
  };
}

export function toOrder(row: OrderRow, skillList: SkillRow[], bidCount: number, now: Date): OrderView {
  const input = orderInput(row, skillList);
  return {
    id: row.id,
    companyOrgId: row.companyOrgId,
    ...input,
    location: { ...input.location, district: input.location.district ?? null },
    matchWeights: input.matchWeights ?? null,
    status: effectiveStatus(row, now),
    version: row.version,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    cancelReason: row.cancelReason,
    bidCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Required skills and submitted-bid counts for a set of orders, in two queries. */
export async function loadDetails(db: Database, ids: string[]) {
  const skillsByOrder = new Map<string, SkillRow[]>(ids.map((id) => [id, []]));
  const bidCounts = new Map<string, number>();
  if (ids.length === 0) return { skillsByOrder, bidCounts };
  const [skillList, counts] = await Promise.all([
    db.select().from(orderSkills).where(inArray(orderSkills.orderId, ids)),
    db
      .select({ orderId: bids.orderId, n: count() })
      .from(bids)
      .where(and(inArray(bids.orderId, ids), isNotNull(bids.submittedAt), ne(bids.status, "withdrawn")))
      .groupBy(bids.orderId),
  ]);
  for (const s of skillList) skillsByOrder.get(s.orderId)?.push(s);
  for (const c of counts) bidCounts.set(c.orderId, c.n);
  return { skillsByOrder, bidCounts };
}

export async function viewOrders(db: Database, rows: OrderRow[], now: Date): Promise<OrderView[]> {
  const { skillsByOrder, bidCounts } = await loadDetails(db, rows.map((r) => r.id));
  return rows.map((r) => toOrder(r, skillsByOrder.get(r.id) ?? [], bidCounts.get(r.id) ?? 0, now));
}

/** Drafts only to their company; published orders to verified organisations' users and the bureau. */
function visibleTo(actor: Actor): SQL {
  const own = eq(orders.companyOrgId, actor.orgId);
  if (isBureau(actor)) return isNotNull(orders.publishedAt);
  if (actor.orgStatus !== "verified") return own;
  return or(own, isNotNull(orders.publishedAt))!;
}

/** The order if the actor may see it, else 404. */
export async function findVisibleOrder(db: Database, actor: Actor, id: string): Promise<OrderRow> {
  const [row] = await db.select().from(orders).where(and(eq(orders.id, id), visibleTo(actor)));
  if (!row) throw new AppError("not_found", `Order ${id} does not exist`);
  return row;
}

/** 403 unless the actor belongs to the ordering company. */
export function requireOrderOwner(actor: Actor, row: OrderRow): void {
  if (actor.orgId !== row.companyOrgId) throw new AppError("forbidden", "Only the ordering company may do this");
}

/** A company drafts an order; it is private to the company until published. */
export async function createOrder(db: Database, actor: Actor, input: OrderInput, now: Date): Promise<OrderView> {
  requireKind(actor, "company");
  await checkOrder(db, input);
  const id = newId("ord");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(orders)
      .values({ id, companyOrgId: actor.orgId, createdBy: actor.userId, ...orderColumns(input), status: "draft", createdAt: now, updatedAt: now })
      .returning();
    const skillList = await tx.insert(orderSkills).values(skillRows(id, input)).returning();
    await writeAudit(tx, actor, now, { entityType: "order", entityId: id, action: "create", toState: "draft" });
    return toOrder(row, skillList, 0, now);
  });
}

export async function getOrder(db: Database, actor: Actor, id: string, now: Date): Promise<OrderView> {
  const [view] = await viewOrders(db, [await findVisibleOrder(db, actor, id)], now);
  return view;
}

export interface OrderListQuery {
  status?: OrderRow["status"];
  occupationCode?: string;
  skillId?: string;
  city?: string;
  q?: string;
  mine?: "true" | "false";
  limit: number;
  cursor?: string;
}

function statusFilter(status: OrderRow["status"], now: Date): SQL {
  if (status === "open") return and(eq(orders.status, "open"), sql`${orders.bidDeadline} > ${now.toISOString()}`)!;
  if (status === "evaluation") {
    return or(eq(orders.status, "evaluation"), and(eq(orders.status, "open"), lte(orders.bidDeadline, now)))!;
  }
  return eq(orders.status, status);
}

/** The page query of `listOrders` (exposed so tests can EXPLAIN it). */
export function listOrdersQuery(db: Database, actor: Actor, q: OrderListQuery, now: Date) {
  const { after, orderBy } = keyset({ sortBy: orders.createdAt, id: orders.id, direction: "desc" }, q.cursor);
  const pattern = q.q ? `%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : undefined;
  return db
    .select()
    .from(orders)
    .where(
      and(
        visibleTo(actor),
        q.mine === "true" ? eq(orders.companyOrgId, actor.orgId) : undefined,
        q.status ? statusFilter(q.status, now) : undefined,
        q.occupationCode ? eq(orders.occupationCode, q.occupationCode) : undefined,
        q.city ? eq(orders.city, q.city) : undefined,
        q.skillId
          ? sql`exists (select 1 from ${orderSkills} where ${orderSkills.orderId} = ${orders.id} and ${orderSkills.skillId} = ${q.skillId})`
          : undefined,
        pattern ? sql`(${orders.title} ilike ${pattern} or ${orders.description} ilike ${pattern})` : undefined,
        after,
      ),
    )
    .orderBy(...orderBy)
    .limit(q.limit + 1);
}

/** Visible orders, newest first, filtered; `mine=true` keeps the caller's own. */
export async function listOrders(db: Database, actor: Actor, q: OrderListQuery, now: Date) {
  const rows = await listOrdersQuery(db, actor, q, now);
  const page = toPage(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id], (r) => r);
  return { data: await viewOrders(db, page.data, now), nextCursor: page.nextCursor };
}

/** draft → open: a verified company's order with a future bid deadline becomes visible and biddable. */
export async function publishOrder(db: Database, actor: Actor, id: string, now: Date, expectedVersion?: number): Promise<OrderView> {
  requireOrderOwner(actor, await findVisibleOrder(db, actor, id));
  requireVerified(actor);
  const row = await transition(db, {
    table: orders,
    entityType: "order",
    id,
    action: "publish",
    from: ["draft"],
    to: "open",
    actor,
    now,
    expectedVersion,
    guard: (o) => {
      if (o.bidDeadline <= now) throw invalidField("bidDeadline", "must be in the future to publish");
    },
    set: { publishedAt: now, updatedAt: now },
  });
  return (await viewOrders(db, [row], now))[0];
}

/** The company cancels its order from draft, open or evaluation. */
export async function cancelOrder(
  db: Database,
  actor: Actor,
  id: string,
  reason: string,
  now: Date,
  expectedVersion?: number,
): Promise<OrderView> {
  requireOrderOwner(actor, await findVisibleOrder(db, actor, id));
  const row = await transition(db, {
    table: orders,
    entityType: "order",
    id,
    action: "cancel",
    from: ["draft", "open", "evaluation"],
    to: "cancelled",
    actor,
    now,
    expectedVersion,
    set: { cancelReason: reason, updatedAt: now },
    data: { reason },
  });
  return (await viewOrders(db, [row], now))[0];
}

/** The sweep: persists `evaluation` for open orders whose bid deadline has passed. Returns how many moved. */
export async function closeBidding({ db, clock }: JobDeps): Promise<number> {
  const now = clock.now();
  const due = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, "open"), lte(orders.bidDeadline, now)));
  let moved = 0;
  for (const { id } of due) {
    try {
      await transition(db, { table: orders, entityType: "order", id, action: "close_bidding", from: ["open"], to: "evaluation", actor: null, now, set: { updatedAt: now } });
      moved++;
    } catch (err) {
      if (!(err instanceof AppError && err.code === "invalid_state")) throw err; // already moved by a concurrent sweep
    }
  }
  return moved;
}
