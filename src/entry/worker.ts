/** Cloudflare Workers entry: postgres.js per request (Hyperdrive or DATABASE_URL), pure-JS argon2id, Cron sweeps. */
import { createApp } from "../app";
import { parseConfig } from "../config";
import { openPostgres } from "../db/client";
import { runScheduledWork } from "../jobs";
import { systemClock } from "../platform/clock";
import { createLogger } from "../platform/logger";
import { portableHasher } from "../platform/password";

interface WorkerEnv {
  HYPERDRIVE?: { connectionString: string };
  DATABASE_URL?: string;
  [key: string]: unknown;
}

let app: ReturnType<typeof createApp> | undefined;

function connectionString(env: WorkerEnv): string {
  const url = env.HYPERDRIVE?.connectionString ?? env.DATABASE_URL;
  if (!url) throw new Error("Configure a Hyperdrive binding named HYPERDRIVE or a DATABASE_URL secret");
  return url;
}

// Hyperdrive pools connections at the edge; each request opens a small client and closes it after responding.
const openForRequest = (env: WorkerEnv) =>
  openPostgres(connectionString(env), { max: 5, fetch_types: false });

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    if (!app) {
      const config = parseConfig(env);
      app = createApp({
        hasher: portableHasher,
        clock: systemClock,
        config,
        logger: createLogger(config.LOG_LEVEL),
        clientIp: (c) => c.req.header("CF-Connecting-IP"),
        // Isolates come and go and hold nothing reliable: every request is counted in the database.
        tokenLeaseShare: 0,
      });
    }
    const handle = openForRequest(env);
    try {
      return await app.fetch(request, { db: handle.db }, ctx);
    } finally {
      ctx.waitUntil(handle.close());
    }
  },

  async scheduled(_controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const handle = openForRequest(env);
    const logger = createLogger(parseConfig(env).LOG_LEVEL);
    ctx.waitUntil(
      runScheduledWork({ db: handle.db, clock: systemClock, logger }).finally(() => handle.close()),
    );
  },
};
