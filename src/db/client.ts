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

/**
 * Opens PostgreSQL through postgres.js. On Workers pass `{ max: 5, fetch_types: false }`.
 * @example const { db, close } = openPostgres(config.DATABASE_URL);
 */
export function openPostgres(
  url: string,
  options: postgres.Options<Record<string, never>> = {},
): DatabaseHandle {
  const client = postgres(url, { onnotice: () => {}, ...options });
  const db = drizzle(client, { schema }) as unknown as Database;
  return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
}
