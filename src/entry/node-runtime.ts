/** What the Node server and CLI share: opening the configured database and preparing it. */
import type { Config } from "../config";
import { type DatabaseHandle, openPostgres } from "../db/client";
import { prepareDatabase } from "../db/migrate";
import { openPglite } from "../db/pglite";
import { createBureauUser } from "../modules/auth/service";
import type { Clock } from "../platform/clock";
import type { Logger } from "../platform/logger";
import { nativeHasher } from "../platform/password-node";
import { users } from "../db/schema";
import { sql } from "drizzle-orm";

/** PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR; migrated and seeded with the taxonomy. */
export async function openNodeDatabase(config: Config, clock: Clock): Promise<DatabaseHandle> {
  const handle = config.DATABASE_URL ? openPostgres(config.DATABASE_URL) : await openPglite(config.DATA_DIR);
  await prepareDatabase(handle, clock.now());
  return handle;
}

/** On an empty database, creates the bureau user named by BOOTSTRAP_BUREAU_EMAIL/PASSWORD. */
export async function bootstrapBureau(
  handle: DatabaseHandle,
  config: Config,
  clock: Clock,
  logger: Logger,
): Promise<void> {
  if (!config.BOOTSTRAP_BUREAU_EMAIL || !config.BOOTSTRAP_BUREAU_PASSWORD) return;
  const [{ n }] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (n > 0) return;
  await createBureauUser(
    { db: handle.db, hasher: nativeHasher, now: clock.now() },
    { email: config.BOOTSTRAP_BUREAU_EMAIL, password: config.BOOTSTRAP_BUREAU_PASSWORD },
  );
  logger.info("bootstrap bureau user created", { email: config.BOOTSTRAP_BUREAU_EMAIL });
}
