/**
 * Queries built once per database: drizzle rebuilds a query's SQL text on every run (a quarter of a list request's
 * CPU in `npm run bench:http`), so hot reads are built with `sql.placeholder`s and prepared on first use.
 */
import { getTableName, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../db/client";

// biome-ignore lint/suspicious/noExplicitAny: one cache holds every query's prepared form
const byDatabase = new WeakMap<Database, Map<string, any>>();

/**
 * The query `build` makes, prepared once per database (and transaction) under `name`; `name` must name one shape.
 * @example const find = prepared(db, "order_by_id", (db) => db.select().from(orders).where(eq(orders.id, sql.placeholder("id"))).prepare("order_by_id"));
 */
export function prepared<T>(db: Database, name: string, build: (db: Database) => T): T {
  let queries = byDatabase.get(db);
  if (!queries) {
    queries = new Map();
    byDatabase.set(db, queries);
  }
  let query = queries.get(name) as T | undefined;
  if (query === undefined) {
    query = build(db);
    queries.set(name, query);
  }
  return query;
}

/**
 * Ids as one `text[]` parameter, written as PostgreSQL's array literal. postgres.js turns a JS array into an array
 * parameter only when it knows the array types, which it does not on Workers (`fetch_types: false`: it would send a
 * bare string, "malformed array literal"); a literal string cast with `::text[]` works on every driver.
 * @example textArray(["ord_1", "ord_2"]) // '{"ord_1","ord_2"}'
 */
export function textArray(ids: readonly string[]): string {
  return `{${ids.map((id) => `"${id.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}

/**
 * The rows of `table` whose `id` is one of `ids`, as one prepared statement per table (the ids are one array
 * parameter, so any number of them runs the same statement).
 * @example const rows = await selectByIds(db, cohorts, ids);
 */
export async function selectByIds<T extends PgTable & { id: PgColumn }>(
  db: Database,
  table: T,
  ids: readonly string[],
): Promise<T["$inferSelect"][]> {
  if (ids.length === 0) return [];
  const name = `by_ids:${getTableName(table)}`;
  const query = prepared(db, name, (db) =>
    db
      .select()
      // biome-ignore lint/suspicious/noExplicitAny: drizzle cannot type a select over a generic table
      .from(table as any)
      .where(sql`${table.id} = any(${sql.placeholder("ids")}::text[])`)
      .prepare(name),
  );
  return (await query.execute({ ids: textArray(ids) })) as T["$inferSelect"][];
}
