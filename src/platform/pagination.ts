/** The one cursor pagination helper: keyset over (sort key, id), opaque base64url cursors. */
import { z } from "@hono/zod-openapi";
import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { AppError } from "./errors";

/** `?limit=&cursor=`; a list's own filters extend it (`pageQuery.extend({ status })`). */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
  cursor: z.string().max(512).optional().openapi({ description: "`nextCursor` from the previous page" }),
});

/** The `limit` and `cursor` of a list request. */
export type PageQuery = z.infer<typeof pageQuery>;

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** The `{ data, nextCursor }` envelope schema for a list of `item`. */
export function pageSchema<T extends z.ZodTypeAny>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

type Key = [string | number, string];

function encode(key: Key): string {
  return btoa(JSON.stringify(key)).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

function decode(cursor: string): Key {
  try {
    const key = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")));
    if (Array.isArray(key) && key.length === 2 && ["string", "number"].includes(typeof key[0])) {
      if (typeof key[1] === "string") return key as Key;
    }
  } catch {}
  throw invalidCursor();
}

const invalidCursor = () =>
  new AppError("validation_failed", "cursor is not a cursor this API issued", {
    errors: [{ path: "cursor", message: "invalid cursor" }],
  });

/**
 * How `keyset` puts the cursor's values (`afterKey`, `afterId`) into the query: inline by default, or as named
 * placeholders of a statement prepared once per shape.
 */
export type Bind = (name: "afterKey" | "afterId", value: unknown) => unknown;
const asValue: Bind = (_name, value) => value;

export interface Keyset {
  /** The sort column (e.g. created_at) and the id column that breaks ties. */
  sortBy: PgColumn;
  id: PgColumn;
  direction: "asc" | "desc";
}

/**
 * The WHERE fragment that starts a page after `cursor`, and the ORDER BY that goes with it.
 * @example const { after, orderBy } = keyset({ sortBy: orders.createdAt, id: orders.id, direction: "desc" }, q.cursor);
 */
export function keyset(
  ks: Keyset,
  cursor: string | undefined,
  bind: Bind = asValue,
): { after: SQL | undefined; orderBy: SQL[] } {
  const dir = ks.direction === "desc" ? sql`desc` : sql`asc`;
  const orderBy = [sql`${ks.sortBy} ${dir}`, sql`${ks.id} ${dir}`];
  if (!cursor) return { after: undefined, orderBy };
  const [sortValue, id] = decode(cursor);
  let value = sortValue;
  if (ks.sortBy.columnType === "PgTimestamp") {
    const at = new Date(sortValue);
    if (Number.isNaN(at.getTime())) throw invalidCursor();
    value = at.toISOString();
  }
  const cmp = ks.direction === "desc" ? sql`<` : sql`>`;
  return {
    after: sql`(${ks.sortBy}, ${ks.id}) ${cmp} (${bind("afterKey", value)}, ${bind("afterId", id)})`,
    orderBy,
  };
}

/**
 * Turns `limit + 1` fetched rows into a page; the extra row only tells that there is a next page.
 * @example return toPage(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id], toOrder);
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => Key,
  shape: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return { data: slice.map(shape), nextCursor: more ? encode(keyOf(slice[slice.length - 1])) : null };
}
