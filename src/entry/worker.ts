/**
 * Cloudflare Workers entry: postgres.js per request (Hyperdrive or DATABASE_URL), pure-JS argon2id, Cron sweeps, and
 * allocation jobs run by a Queues consumer (with the Cron as fallback).
 */
import { createApp } from "../app";
import { parseConfig } from "../config";
import { openPostgres } from "../db/client";
import { runScheduledWork } from "../jobs";
import { type InlineRunner, runAllocationHere, WORKERS_MAX_ALLOCATION_SIZE } from "../jobs/allocation-runner";
import type { AllocationQueue } from "../platform/context";
import { systemClock } from "../platform/clock";
import type { DocsAssets } from "../platform/docs";
import { createLogger } from "../platform/logger";
import { portableHasher } from "../platform/password";

interface WorkerEnv {
  /** The static assets of wrangler.toml's [assets]: the /docs UI files, copied from swagger-ui-dist at build. */
  ASSETS: Fetcher;
  HYPERDRIVE?: { connectionString: string };
  DATABASE_URL?: string;
  /** The Cloudflare Queue allocation jobs are sent to (wrangler.toml); without it the Cron runner picks them up. */
  ALLOCATION_QUEUE?: Queue<AllocationMessage>;
  [key: string]: unknown;
}

interface AllocationMessage {
  id: string;
}

/** A consumer or Cron run cannot renew its lease during the synchronous solve, so it takes the whole CPU limit. */
const WORKERS_LEASE_MS = 6 * 60_000;

const inlineRunner = (): InlineRunner => ({
  owner: `workers:${crypto.randomUUID()}`,
  maxProblemSize: WORKERS_MAX_ALLOCATION_SIZE,
  leaseMs: WORKERS_LEASE_MS,
});

/** Where the API queues allocation jobs on Workers: the queue when bound, capped at what an isolate can solve. */
const allocationQueue = (env: WorkerEnv): AllocationQueue => ({
  enqueue: async (id) => {
    await env.ALLOCATION_QUEUE?.send({ id });
  },
  maxProblemSize: WORKERS_MAX_ALLOCATION_SIZE,
});

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
      return await app.fetch(request, { db: handle.db, allocations: allocationQueue(env) }, ctx);
    } finally {
      ctx.waitUntil(handle.close());
    }
  },

  /** The sweeps, then one queued allocation job: the fallback for jobs whose queue message was lost or unsent. */
  async scheduled(_controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const config = parseConfig(env, "workers");
    const handle = openForRequest(env);
    const deps = { db: handle.db, clock: systemClock, config, logger: createLogger(config.LOG_LEVEL) };
    ctx.waitUntil(
      runScheduledWork(deps)
        .then(() => runAllocationHere(deps, inlineRunner()))
        .finally(() => handle.close()),
    );
  },

  /** The allocation queue's consumer: one job per message (max_batch_size = 1), run in this isolate. */
  async queue(batch: MessageBatch<AllocationMessage>, env: WorkerEnv): Promise<void> {
    const config = parseConfig(env, "workers");
    const handle = openForRequest(env);
    const deps = { db: handle.db, clock: systemClock, config, logger: createLogger(config.LOG_LEVEL) };
    try {
      for (const message of batch.messages) {
        // A job already claimed (by Cron, or a redelivery) is simply not claimable: acknowledged either way.
        await runAllocationHere(deps, inlineRunner(), message.body.id);
        message.ack();
      }
    } finally {
      await handle.close();
    }
  },
};
