/** The Database type every service receives, and opening a postgres.js-backed one. */
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

/** A drizzle database or transaction over either PGlite or postgres.js. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: the proxy serves the client and its transactions alike
type AnySql = any;

/**
 * The client with every query sent as a named prepared statement, in transactions too. drizzle asks postgres.js
 * for unnamed statements, and postgres.js sends an unnamed statement with parameters in two round trips (Parse and
 * Describe, then Bind and Execute), which PostgreSQL parses and plans every time: twice the round trips of the
 * same SQL prepared once per connection (`npm run bench:http` found it). `prepare: false` in the options (for a
 * pooler that cannot keep statements) turns it off, as postgres.js's own option does.
 */
function preparedStatements(sql: AnySql): AnySql {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (query: string, params?: unknown[], opts?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params, { ...opts, prepare: true });
      }
      if (prop === "begin" || prop === "savepoint") {
        return (...args: unknown[]) => {
          // begin and savepoint take an optional mode or name before the callback.
          const fn = args.pop() as (tx: AnySql) => unknown;
          return target[prop](...args, (tx: AnySql) => fn(preparedStatements(tx)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

/**
 * Opens PostgreSQL through postgres.js, with prepared statements (unless `options.prepare` is false). On Workers
 * pass `{ max: 5, fetch_types: false }`.
 * @example const { db, close } = openPostgres(config.DATABASE_URL);
 */
export function openPostgres(
  url: string,
  options: postgres.Options<Record<string, never>> = {},
): DatabaseHandle {
  const client = postgres(url, { onnotice: () => {}, ...options });
  const sql = options.prepare === false ? client : preparedStatements(client);
  const db = drizzle(sql, { schema }) as unknown as Database;
  return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
}
