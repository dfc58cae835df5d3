/** What the Node server and CLI share: the sealing key, opening the configured database and preparing it; the client's IP. */
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Config } from "../config";
import { type DatabaseHandle, openPostgres } from "../db/client";
import { prepareDatabase } from "../db/migrate";
import { openPglite } from "../db/pglite";
import { createBureauUser } from "../modules/auth/service";
import type { Clock } from "../platform/clock";
import type { Logger, LogSink } from "../platform/logger";
import type { ClientIp } from "../platform/rate-limit";
import { nativeHasher } from "../platform/password-node";
import { generateSealingKey, isSealingKey } from "../platform/sealing";
import { users } from "../db/schema";
import { sql } from "drizzle-orm";

/** The file in `DATA_DIR` that holds the embedded default's bid sealing key. */
export const SEALING_KEY_FILE = "bid-sealing.key";

/**
 * The configuration with a bid sealing key: `BID_SEALING_KEY` when set; otherwise (embedded PGlite only, as
 * `parseConfig` requires the variable with DATABASE_URL) the key in `DATA_DIR/bid-sealing.key`, generated with
 * owner-only permissions (0600) on first start. Losing that file means sealed bids can no longer be opened.
 * @example const config = withSealingKey(loadNodeConfig(), logger);
 */
export function withSealingKey(config: Config, logger?: Logger): Config {
  if (config.BID_SEALING_KEY) return config;
  const path = join(config.DATA_DIR, SEALING_KEY_FILE);
  mkdirSync(config.DATA_DIR, { recursive: true });
  try {
    writeFileSync(path, `${generateSealingKey()}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(path, 0o600); // whatever the umask
    logger?.info("generated the bid sealing key", { path });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const key = readFileSync(path, "utf8").trim();
  if (!isSealingKey(key)) throw new Error(`${path} does not hold a base64-encoded 32-byte key`);
  if ((statSync(path).mode & 0o077) !== 0) {
    logger?.warn("the bid sealing key file is readable by other users; chmod 600 it", { path });
  }
  return { ...config, BID_SEALING_KEY: key };
}

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

/**
 * A log sink for the Node server: lines are gathered and written to stdout in one write per turn of the event
 * loop (stdout is synchronous on files and pipes, and one write per request cost about a tenth of the server's CPU
 * under load). What is pending is written on exit.
 * @example createLogger(config.LOG_LEVEL, batchedStdout());
 */
export function batchedStdout(fd = 1): LogSink {
  let pending: string[] = [];
  const flush = () => {
    if (!pending.length) return;
    const text = `${pending.join("\n")}\n`;
    pending = [];
    try {
      writeSync(fd, text);
    } catch {
      // stdout closed (EPIPE): the lines are lost, the server goes on
    }
  };
  process.on("exit", flush);
  return (line) => {
    if (pending.push(line) === 1) setImmediate(flush);
  };
}
