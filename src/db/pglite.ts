/** Embedded PostgreSQL (PGlite) for Node: the default database; never imported by the Workers entry. */
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { Database, DatabaseHandle } from "./client";
import * as schema from "./schema";

/**
 * Opens PGlite in `dataDir`, or in memory when `dataDir` is undefined.
 * @example const handle = await openPglite("./data");
 */
export async function openPglite(dataDir?: string): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzle(client, { schema }) as unknown as Database;
  return { db, kind: "pglite", close: () => client.close() };
}
