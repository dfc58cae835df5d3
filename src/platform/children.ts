/** Child rows of a parent (an order's skills, a cohort's profile): load them grouped, filter on them, replace them. */
import { asc, eq, getTableName, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../db/client";
import { prepared, textArray } from "./prepared";

// One array parameter per query: a chunk bounds the statement's work, not its bind parameters.
const CHUNK = 10_000;

/**
 * The child rows of each parent id, in `orderBy` order (every requested id gets an entry, possibly empty).
 * @example const skillsByOrder = await loadGrouped(db, orderSkills, orderSkills.orderId, ids, [orderSkills.position]);
 */
export async function loadGrouped<T extends PgTable>(
  db: Database,
  table: T,
  parent: PgColumn,
  ids: readonly string[],
  orderBy: PgColumn[] = [],
): Promise<Map<string, T["$inferSelect"][]>> {
  const out = new Map<string, T["$inferSelect"][]>(ids.map((id) => [id, []]));
  const unique = [...out.keys()];
  if (unique.length === 0) return out;
  const key = keyOf(table, parent);
  // Built once per database and shape: the ids travel as one array parameter, so the SQL text never changes.
  const name = `children:${getTableName(table)}.${parent.name}:${orderBy.map((c) => c.name).join(",")}`;
  const query = prepared(db, name, (db) =>
    db
      .select()
      // biome-ignore lint/suspicious/noExplicitAny: drizzle cannot type a select over a generic table
      .from(table as any)
      .where(sql`${parent} = any(${sql.placeholder("ids")}::text[])`)
      .orderBy(...orderBy.map((c) => asc(c)))
      .prepare(name),
  );
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = (await query.execute({ ids: textArray(unique.slice(i, i + CHUNK)) })) as Record<
      string,
      unknown
    >[];
    for (const row of rows) out.get(row[key] as string)?.push(row as T["$inferSelect"]);
  }
  return out;
}

/** The property name drizzle gives a column in selected rows (`order_id` → `orderId`). */
function keyOf(table: PgTable, column: PgColumn): string {
  for (const [key, value] of Object.entries(table)) if (value === column) return key;
  throw new Error(`column ${column.name} is not in its table`);
}

/**
 * Whether the row named by `parentOf` has a child whose `column` equals `value`, as a WHERE condition.
 * @example where(hasChild(orderSkills, orderSkills.orderId, orders.id, orderSkills.skillId, "skl_deep_learning"))
 */
export function hasChild(
  table: PgTable,
  parent: PgColumn,
  parentOf: PgColumn,
  column: PgColumn,
  value: unknown,
): SQL {
  return sql`exists (select 1 from ${table} where ${parent} = ${parentOf} and ${eq(column, value)})`;
}

/**
 * Replaces a parent's child rows with `rows` (delete, then insert), inside the caller's transaction.
 * @example await replaceChildren(tx, programSkills, programSkills.programId, id, taught.map((s) => ({ programId: id, ...s })));
 */
export async function replaceChildren<T extends PgTable>(
  tx: Database,
  table: T,
  parent: PgColumn,
  parentId: string,
  rows: T["$inferInsert"][],
): Promise<void> {
  await tx.delete(table).where(eq(parent, parentId));
  if (rows.length) await tx.insert(table).values(rows);
}
