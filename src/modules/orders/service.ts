/** Order use cases: draft, read, list, publish, cancel, edit and amend, and the amendment history. */
import {
  and,
  count,
  eq,
  getTableColumns,
  inArray,
  isNotNull,
  ne,
  or,
  type Placeholder,
  type SQL,
  sql,
} from "drizzle-orm";
import type { Database } from "../../db/client";
import { bids, orderAmendments, orderSkills, orders } from "../../db/schema";
import { isBureau, requireKind, requireVerified } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { hasChild, loadGrouped, replaceChildren } from "../../platform/children";
import { AppError, invalidField } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { keyset, type PageQuery, toPage } from "../../platform/pagination";
import { prepared, textArray } from "../../platform/prepared";
import { checkQuota } from "../../platform/quotas";
import type { Scope } from "../../platform/scope";
import { transition, updateVersioned } from "../../platform/transition";
import { findOwnOrder, findVisibleOrder, type OrderRow, type Viewer, viewerOf, visibleTo } from "./access";
import { AMENDMENT_NOTICE_MS, checkOrder, effectiveStatus } from "./rules";
import {
  type Order,
  type OrderInput,
  type OrderListQuery,
  type OrderPatch,
  type OrderSkillRow,
  toAmendment,
  toOrder,
  toOrderInput,
} from "./schemas";

/** The order's columns for an insert or update, from the API's input shape. */
function orderColumns(o: OrderInput) {
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

const skillRows = (orderId: string, o: Pick<OrderInput, "requiredSkills">) =>
  o.requiredSkills.map((s, position) => ({ orderId, position, ...s }));

/** The bids an order's `bidCount` counts: submitted and not withdrawn. */
const countedBid = () => and(isNotNull(bids.submittedAt), ne(bids.status, "withdrawn"));

/** Submitted-bid counts of a set of orders (one array parameter: the same statement for any number of orders). */
const prepareBidCounts = (db: Database) =>
  db
    .select({ orderId: bids.orderId, n: count() })
    .from(bids)
    .where(and(sql`${bids.orderId} = any(${sql.placeholder("ids")}::text[])`, countedBid()))
    .groupBy(bids.orderId)
    .prepare("order_bid_counts");

/** An order's required skills as a JSON array, in position order (a subquery on the outer `orders` row). */
const skillsJson = sql`(
  select coalesce(json_agg(json_build_object('skillId', ${orderSkills.skillId}, 'position', ${orderSkills.position},
    'minLevel', ${orderSkills.minLevel}, 'weight', ${orderSkills.weight}, 'essential', ${orderSkills.essential})
    order by ${orderSkills.position}), '[]'::json)
  from ${orderSkills} where ${eq(orderSkills.orderId, orders.id)})`;

/** An order's submitted-bid count (a subquery on the outer `orders` row). */
const bidCountSql = sql`(select count(*)::int from ${bids} where ${and(eq(bids.orderId, orders.id), countedBid())})`;

/**
 * An order's columns plus what the API adds, computed by the same statement: its required skills and its
 * submitted-bid count. The order reads (list, one order) run one statement instead of three, since round trips,
 * not the SQL, are their cost (`npm run bench:http`). The subqueries are nested `sql`, so that drizzle keeps their
 * table names (it drops them from a single-table select's own columns).
 */
const viewColumns = {
  ...getTableColumns(orders),
  requiredSkills: sql<OrderSkillRow[]>`${skillsJson}`,
  bidCount: sql<number>`${bidCountSql}`,
};
export type OrderViewRow = OrderRow & { requiredSkills: OrderSkillRow[]; bidCount: number };

const toOrderView = (r: OrderViewRow, now: Date): Order =>
  toOrder(r, r.requiredSkills, { status: effectiveStatus(r, now), bidCount: r.bidCount });

/**
 * Orders as the API shows them: required skills and submitted-bid counts loaded in two queries.
 * @example const [order] = await viewOrders(scope, [row]);
 */
export async function viewOrders({ db, now }: Pick<Scope, "db" | "now">, rows: OrderRow[]): Promise<Order[]> {
  const ids = rows.map((r) => r.id);
  const [skillsByOrder, counts] = await Promise.all([
    loadGrouped(db, orderSkills, orderSkills.orderId, ids, [orderSkills.position]),
    ids.length ? prepared(db, "order_bid_counts", prepareBidCounts).execute({ ids: textArray(ids) }) : [],
  ]);
  const bidCounts = new Map(counts.map((c) => [c.orderId, c.n]));
  return rows.map((r) =>
    toOrder(r, skillsByOrder.get(r.id) ?? [], {
      status: effectiveStatus(r, now),
      bidCount: bidCounts.get(r.id) ?? 0,
    }),
  );
}

const viewOrder = async (scope: Pick<Scope, "db" | "now">, row: OrderRow) =>
  (await viewOrders(scope, [row]))[0];

/** A company drafts an order; it is private to the company until published. Counts against `openOrders`. */
export async function createOrder(scope: Scope, input: OrderInput): Promise<Order> {
  const { db, actor, now } = scope;
  requireKind(actor, "company");
  await checkOrder(db, input);
  const id = newId("ord");
  return db.transaction(async (tx) => {
    await checkQuota({ ...scope, db: tx }, "openOrders", {
      table: orders,
      where: and(
        eq(orders.companyOrgId, actor.orgId),
        inArray(orders.status, ["draft", "open", "evaluation"]),
      ),
    });
    const [row] = await tx
      .insert(orders)
      .values({
        id,
        companyOrgId: actor.orgId,
        createdBy: actor.userId,
        ...orderColumns(input),
        status: "draft",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(orderSkills).values(skillRows(id, input));
    await writeAudit(tx, actor, now, {
      entityType: "order",
      entityId: id,
      action: "create",
      toState: "draft",
    });
    return viewOrder({ db: tx, now }, row);
  });
}

/**
 * One visible order with its skills and bid count, one statement (the visibility rule of `findVisibleOrder`), else
 * 404. For the reads that need the order's skills or count as well as its row.
 * @example const { requiredSkills, bidCount } = await findOrderView(scope, "ord_…");
 */
export async function findOrderView(
  { db, actor }: Pick<Scope, "db" | "actor">,
  id: string,
): Promise<OrderViewRow> {
  const viewer = viewerOf(actor);
  const name = `order_view_${viewer}`;
  const find = prepared(db, name, (db) =>
    db
      .select(viewColumns)
      .from(orders)
      .where(and(eq(orders.id, sql.placeholder("id")), visibleTo(viewer, sql.placeholder("orgId"))))
      .prepare(name),
  );
  const [row] = await find.execute({ id, orgId: actor.orgId });
  if (!row) throw new AppError("not_found", `Order ${id} does not exist`);
  return row as OrderViewRow;
}

/** One visible order as the API shows it. */
export async function getOrder(scope: Scope, input: { id: string }): Promise<Order> {
  return toOrderView(await findOrderView(scope, input.id), scope.now);
}

function statusFilter(status: OrderRow["status"], now: unknown): SQL {
  if (status === "open") return and(eq(orders.status, "open"), sql`${orders.bidDeadline} > ${now}`)!;
  if (status === "evaluation") {
    return or(
      eq(orders.status, "evaluation"),
      and(eq(orders.status, "open"), sql`${orders.bidDeadline} <= ${now}`),
    )!;
  }
  return eq(orders.status, status);
}

const LIST_KEYSET = { sortBy: orders.createdAt, id: orders.id, direction: "desc" } as const;

/** A list request's value by name: inline, or as the named placeholder of a prepared statement. */
type ListValue = (name: string) => string | Placeholder;

/**
 * The page query of `listOrders` for a viewer and the filters present in `q`, taking each value through `value`:
 * the same builder gives `listOrdersQuery` (values inline) and the statement `listOrders` prepares per shape.
 */
function listShape(db: Database, viewer: Viewer, q: OrderListQuery, value: ListValue) {
  const { after, orderBy } = keyset(LIST_KEYSET, q.cursor, (name) => value(name));
  return db
    .select(viewColumns)
    .from(orders)
    .where(
      and(
        visibleTo(viewer, value("orgId")),
        q.mine === "true" ? eq(orders.companyOrgId, value("orgId")) : undefined,
        q.status ? statusFilter(q.status, value("now")) : undefined,
        q.occupationCode ? eq(orders.occupationCode, value("occupationCode")) : undefined,
        q.city ? eq(orders.city, value("city")) : undefined,
        q.skillId
          ? hasChild(orderSkills, orderSkills.orderId, orders.id, orderSkills.skillId, value("skillId"))
          : undefined,
        q.q
          ? sql`(${orders.title} ilike ${value("pattern")} or ${orders.description} ilike ${value("pattern")})`
          : undefined,
        after,
      ),
    )
    .orderBy(...orderBy)
    .limit(value("limit") as number | Placeholder);
}

/** The values of a list request by placeholder name; the cursor is decoded (and checked) by `keyset`. */
function listValues({ actor, now }: Scope, q: OrderListQuery): Record<string, unknown> {
  const values: Record<string, unknown> = {
    orgId: actor.orgId,
    now: now.toISOString(),
    occupationCode: q.occupationCode,
    city: q.city,
    skillId: q.skillId,
    pattern: q.q ? `%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : undefined,
    limit: q.limit + 1,
  };
  keyset(LIST_KEYSET, q.cursor, (name, value) => {
    values[name] = value;
    return value;
  });
  return values;
}

/** The page query of `listOrders` with its values inline (exposed so tests can EXPLAIN it). */
export function listOrdersQuery(scope: Scope, q: OrderListQuery) {
  const values = listValues(scope, q);
  return listShape(scope.db, viewerOf(scope.actor), q, (name) => values[name] as string);
}

/** Visible orders, newest first, filtered; `mine=true` keeps the caller's own. */
export async function listOrders(scope: Scope, q: OrderListQuery) {
  const viewer = viewerOf(scope.actor);
  // One statement per shape, built once: which filters are present (and the status, which changes the SQL).
  const present = [q.occupationCode, q.city, q.skillId, q.q, q.cursor].map((v) => (v ? 1 : 0)).join("");
  const shape = `orders_list:${viewer}:${q.mine === "true" ? "mine" : ""}:${q.status ?? ""}:${present}`;
  const query = prepared(scope.db, shape, (db) =>
    listShape(db, viewer, q, (name) => sql.placeholder(name)).prepare(shape),
  );
  return toPage(
    (await query.execute(listValues(scope, q))) as OrderViewRow[],
    q.limit,
    (r) => [r.createdAt.toISOString(), r.id],
    (r) => toOrderView(r, scope.now),
  );
}

/**
 * How many orders the actor's organisation has placed in each state (effective: an open order past its bid deadline
 * counts as in evaluation). One grouped count on the company index, however many orders.
 * @example const counts = await countOwnOrders(scope); // Map { "open" => 3, "draft" => 1 }
 */
export async function countOwnOrders({ db, actor, now }: Pick<Scope, "db" | "actor" | "now">) {
  // The instant as text: drizzle leaves a Date unencoded inside a selected expression (postgres.js rejects it).
  const past = sql`${orders.status} = 'open' and ${orders.bidDeadline} <= ${now.toISOString()}::timestamptz`;
  const status = sql<OrderRow["status"]>`case when ${past} then 'evaluation' else ${orders.status} end`;
  const rows = await db
    .select({ status, n: count() })
    .from(orders)
    .where(eq(orders.companyOrgId, actor.orgId))
    .groupBy(sql`1`); // by position: the expression's own copy would carry a second parameter
  return new Map(rows.map((r) => [r.status, r.n]));
}

/** draft → open: a verified company's order with a future bid deadline becomes visible and biddable. */
export async function publishOrder(
  scope: Scope,
  input: { id: string; expectedVersion?: number },
): Promise<Order> {
  const { db, actor, now } = scope;
  await findOwnOrder(scope, input.id);
  requireVerified(actor);
  const row = await transition(db, {
    table: orders,
    entityType: "order",
    id: input.id,
    action: "publish",
    from: ["draft"],
    to: "open",
    actor,
    now,
    expectedVersion: input.expectedVersion,
    guard: (o) => {
      if (o.bidDeadline <= now) throw invalidField("bidDeadline", "must be in the future to publish");
    },
    set: { publishedAt: now, updatedAt: now },
  });
  return viewOrder(scope, row);
}

/** The company cancels its order from draft, open or evaluation. */
export async function cancelOrder(
  scope: Scope,
  input: { id: string; reason: string; expectedVersion?: number },
): Promise<Order> {
  const { db, actor, now } = scope;
  await findOwnOrder(scope, input.id);
  const row = await transition(db, {
    table: orders,
    entityType: "order",
    id: input.id,
    action: "cancel",
    from: ["draft", "open", "evaluation"],
    to: "cancelled",
    actor,
    now,
    expectedVersion: input.expectedVersion,
    set: { cancelReason: input.reason, updatedAt: now },
    data: { reason: input.reason },
  });
  return viewOrder(scope, row);
}

/** Instants in one canonical form, so "+08:00" and "Z" spellings of one moment compare equal. */
function normalise(patch: OrderPatch): OrderPatch {
  const out = { ...patch };
  if (out.enquiryDeadline) out.enquiryDeadline = new Date(out.enquiryDeadline).toISOString();
  if (out.bidDeadline) out.bidDeadline = new Date(out.bidDeadline).toISOString();
  if (out.location) out.location = { ...out.location, district: out.location.district ?? null };
  return out;
}

function changesOf(before: OrderInput, after: OrderInput, fields: (keyof OrderInput)[]) {
  return fields
    .filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    .map((field) => ({ field, from: before[field] ?? null, to: after[field] ?? null }));
}

/**
 * Applies a PATCH under If-Match. While open it is an amendment: recorded with what changed, and every
 * submitted bid is flagged `needsReconfirmation`.
 * @example await updateOrder(scope, { id: "ord_…", expectedVersion: 3, patch: { headcountMax: 25 } });
 */
export async function updateOrder(
  scope: Scope,
  input: { id: string; expectedVersion: number; patch: OrderPatch },
): Promise<Order> {
  const { db, actor, now } = scope;
  const { id, expectedVersion, patch } = input;
  const row = await findOwnOrder(scope, id);
  const status = effectiveStatus(row, now);
  if (status !== "draft" && status !== "open") {
    throw new AppError(
      "invalid_state",
      `Order ${id} is ${status}; only draft and open orders can be changed`,
    );
  }
  if (row.version !== expectedVersion)
    throw new AppError("precondition_failed", `Order ${id} is at version ${row.version}`);
  const before = toOrderInput(
    row,
    (await loadGrouped(db, orderSkills, orderSkills.orderId, [id])).get(id) ?? [],
  );
  const after: OrderInput = { ...before, ...normalise(patch) };
  await checkOrder(db, after);
  if (status === "open" && new Date(after.bidDeadline).getTime() - now.getTime() < AMENDMENT_NOTICE_MS) {
    throw new AppError(
      "invalid_state",
      "An open order can be amended only while bidDeadline is at least 72 h away; extend bidDeadline in the same amendment",
      { errors: [{ path: "bidDeadline", message: "must be at least 72 h after now for an amendment" }] },
    );
  }
  const changes = changesOf(before, after, Object.keys(patch) as (keyof OrderInput)[]);
  if (changes.length === 0) return viewOrder(scope, row);

  const updated = await db.transaction(async (tx) => {
    const next = await updateVersioned(tx, {
      table: orders,
      entityType: "order",
      id,
      action: status === "open" ? "amend" : "edit",
      expectedVersion,
      set: { ...orderColumns(after), updatedAt: now },
      actor,
      now,
      data: { fields: changes.map((c) => c.field) },
    });
    if (patch.requiredSkills)
      await replaceChildren(tx, orderSkills, orderSkills.orderId, id, skillRows(id, after));
    if (status === "open") {
      await tx.insert(orderAmendments).values({
        id: newId("amd"),
        orderId: id,
        version: next.version,
        changes,
        amendedBy: actor.userId,
        amendedAt: now,
      });
      await tx
        .update(bids)
        .set({ needsReconfirmation: true, version: sql`${bids.version} + 1`, updatedAt: now })
        .where(and(eq(bids.orderId, id), eq(bids.status, "submitted")));
    }
    return next;
  });
  return viewOrder(scope, updated);
}

/** The amendment history of an order, oldest first, for everyone who can see the order. */
export async function listAmendments(scope: Scope, input: { id: string } & PageQuery) {
  const order = await findVisibleOrder(scope, input.id);
  const { after, orderBy } = keyset(
    { sortBy: orderAmendments.version, id: orderAmendments.id, direction: "asc" },
    input.cursor,
  );
  const rows = await scope.db
    .select()
    .from(orderAmendments)
    .where(and(eq(orderAmendments.orderId, input.id), after))
    .orderBy(...orderBy)
    .limit(input.limit + 1);
  const showEditor = isBureau(scope.actor) || scope.actor.orgId === order.companyOrgId;
  return toPage(
    rows,
    input.limit,
    (r) => [r.version, r.id],
    (r) => toAmendment(r, order.companyOrgId, showEditor),
  );
}
