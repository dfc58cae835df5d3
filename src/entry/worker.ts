/** Cloudflare Workers entry: postgres.js per request (Hyperdrive or DATABASE_URL), pure-JS argon2id, Cron sweeps. */
import { createApp } from "../app";
import { parseConfig } from "../config";
import { openPostgres } from "../db/client";
import { runScheduledWork } from "../jobs";
import { systemClock } from "../platform/clock";
import type { DocsAssets } from "../platform/docs";
import { createLogger } from "../platform/logger";
import { portableHasher } from "../platform/password";

interface WorkerEnv {
  /** The static assets of wrangler.toml's [assets]: the /docs UI files, copied from swagger-ui-dist at build. */
  ASSETS: Fetcher;
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

// The assets binding answers only the Worker (run_worker_first), so the app sets every header itself.
const workersDocsAssets = (assets: Fetcher): DocsAssets => ({
  read: async (file) => {
    const res = await assets.fetch(`https://assets.invalid/${file}`);
    return res.ok ? res.body : null;
  },
});

// Hyperdrive pools connections at the edge; each request opens a small client and closes it after responding.
const openForRequest = (env: WorkerEnv) =>
  openPostgres(connectionString(env), { max: 5, fetch_types: false });

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    if (!app) {
      const config = parseConfig(env, "workers");
      app = createApp({
        hasher: portableHasher,
        clock: systemClock,
        config,
        logger: createLogger(config.LOG_LEVEL),
        docsAssets: workersDocsAssets(env.ASSETS),
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
    const config = parseConfig(env, "workers");
    const handle = openForRequest(env);
    const logger = createLogger(config.LOG_LEVEL);
    ctx.waitUntil(
      runScheduledWork({ db: handle.db, clock: systemClock, config, logger }).finally(() => handle.close()),
    );
  },
};
