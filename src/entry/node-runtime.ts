/** What the Node server and CLI share: opening the configured database and preparing it; the client's IP. */
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Config } from "../config";
import { type DatabaseHandle, openPostgres } from "../db/client";
import { prepareDatabase } from "../db/migrate";
import { openPglite } from "../db/pglite";
import { createBureauUser } from "../modules/auth/service";
import type { Clock } from "../platform/clock";
import type { Logger } from "../platform/logger";
import type { ClientIp } from "../platform/rate-limit";
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

/**
 * The client's IP on Node: the socket's peer address; with TRUST_PROXY, the last `X-Forwarded-For` address (the one
 * the proxy in front appended; earlier ones are whatever the client claimed).
 * @example createApp({ …, clientIp: nodeClientIp(config) });
 */
export function nodeClientIp(config: Pick<Config, "TRUST_PROXY">): ClientIp {
  return (c) => {
    if (config.TRUST_PROXY) {
      const forwarded = c.req
        .header("X-Forwarded-For")
        ?.split(",")
        .map((a) => a.trim());
      const last = forwarded?.filter(Boolean).at(-1);
      if (last) return last;
    }
    try {
      return getConnInfo(c).remote.address;
    } catch {
      return undefined; // a request that came through no socket (app.request in tests)
    }
  };
}
