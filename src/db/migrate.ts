/** Applies the committed `drizzle/` migrations, then seeds the reference taxonomy (Node only: reads files). */
import { fileURLToPath } from "node:url";
import type { DatabaseHandle } from "./client";
import { seedTaxonomy } from "./seed/taxonomy";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));

/**
 * Brings a database to the current schema and makes sure the taxonomy exists. Safe to run repeatedly.
 * @example await prepareDatabase(await openPglite("./data"), clock);
 */
export async function prepareDatabase(handle: DatabaseHandle, now: Date): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (handle.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, config);
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, config);
  }
  await seedTaxonomy(handle.db, now);
}
