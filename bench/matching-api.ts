/**
 * The `api` benchmark: the real app on a real port over PostgreSQL, with the market of bench/api-market.ts.
 * Measures an allocation job from POST to `succeeded` while /health is polled and the event loop's delay is
 * sampled (monitorEventLoopDelay), then 200 match lists on warm indexes. Prints one JSON line.
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres): a fresh database is made there.
 */
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { serve } from "@hono/node-server";
import postgres from "postgres";
import { createApp } from "../src/app";
import { parseConfig } from "../src/config";
import { openPostgres } from "../src/db/client";
import { prepareDatabase } from "../src/db/migrate";
import { AllocationPool } from "../src/entry/allocation-pool";
import { createBureauUser } from "../src/modules/auth/service";
import { systemClock } from "../src/platform/clock";
import { nodeDocsAssets } from "../src/platform/docs-assets-node";
import { createLogger } from "../src/platform/logger";
import { nativeHasher } from "../src/platform/password-node";
import { generateSealingKey } from "../src/platform/sealing";
import { buildApiMarket } from "./api-market";
import { log, now, pct, round } from "./bench-kit";

const SIZE = { orders: 5_000, cohorts: 10_000, noEssentialShare: 0.2 };
const MATCH_LISTS = 200;

const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `ob_bench_api_${Date.now().toString(36)}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const databaseUrl = url.toString();
const handle = openPostgres(databaseUrl, { max: 10 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

try {
  await prepareDatabase(handle, systemClock.now());
  const many = "100000000";
  const config = parseConfig({
    DATABASE_URL: databaseUrl,
    BID_SEALING_KEY: generateSealingKey(),
    LOG_LEVEL: "silent",
    RATE_LIMIT_PER_MINUTE: many,
    RATE_LIMIT_AUTH_PER_MINUTE: many,
    QUOTA_OPEN_ORDERS: many,
    QUOTA_ACTIVE_PROGRAMS: many,
    QUOTA_OPEN_COHORTS: many,
  });
  const logger = createLogger("silent");
  const pool = new AllocationPool({ db: handle.db, clock: systemClock, logger, size: 1, databaseUrl });
  await pool.start();
  const app = createApp({
    db: handle.db,
    hasher: nativeHasher,
    clock: systemClock,
    config,
    logger,
    docsAssets: nodeDocsAssets,
    allocations: pool,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(body ? { "content-type": "application/json" } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  };

  const email = "bench-bureau@bench.orderbridge.cn";
  await createBureauUser(
    { db: handle.db, hasher: nativeHasher, now: systemClock.now() },
    { email, password: "bench-password-123" },
  );
  const bureau = (await call("POST", "/v1/auth/login", { email, password: "bench-password-123" })).body
    .token as string;

  log(`api: building the market (${SIZE.orders} orders, ${SIZE.cohorts} cohorts) …`);
  let t0 = now();
  const market = await buildApiMarket(handle.db, call, bureau, systemClock.now(), SIZE);
  const marketSeconds = round((now() - t0) / 1000, 1);

  // The allocation job, with /health polled back to back and the loop's delay sampled, until it has succeeded.
  log("api: allocation job …");
  const health: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let running = true;
  const poller = (async () => {
    while (running) {
      const s = now();
      await call("GET", "/health");
      health.push(now() - s);
      await sleep(10);
    }
  })();
  loop.enable();
  t0 = now();
  const queued = await call(
    "POST",
    "/v1/matching/allocations",
    { mode: "optimal", allowSplit: true },
    bureau,
  );
  if (queued.status !== 202)
    throw new Error(`POST allocation: ${queued.status} ${JSON.stringify(queued.body)}`);
  const phases = new Set<string>();
  let job = queued.body;
  while (job.status === "queued" || job.status === "running") {
    await sleep(100);
    job = (await call("GET", `/v1/matching/allocations/${queued.body.id}`, undefined, bureau)).body;
    if (job.progress) phases.add(job.progress.phase);
  }
  const allocationMs = round(now() - t0, 0);
  loop.disable();
  running = false;
  await poller;
  if (job.status !== "succeeded") throw new Error(`allocation ${job.status}: ${JSON.stringify(job.problem)}`);

  // Match lists: one cold request per occupation and side builds its index (reported apart), then 200 on warm ones.
  log("api: match lists …");
  const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length];
  const cold: number[] = [];
  const warm = [
    ...Object.values(market.orderOf).map((id) => `/v1/orders/${id}/matches?limit=100`),
    ...Object.values(market.cohortOf).map((id) => `/v1/cohorts/${id}/matches?limit=100`),
  ];
  for (const path of warm) {
    const s = now();
    await call("GET", path, undefined, bureau);
    cold.push(now() - s);
  }
  const lists: number[] = [];
  const byKind: Record<"orders" | "cohorts", number[]> = { orders: [], cohorts: [] };
  for (let i = 0; i < MATCH_LISTS; i++) {
    const kind = i % 2 === 0 ? "orders" : "cohorts";
    const id = kind === "orders" ? pick(market.orderIds, i) : pick(market.cohortIds, i);
    const s = now();
    const res = await call("GET", `/v1/${kind}/${id}/matches?limit=100`, undefined, bureau);
    if (res.status !== 200) throw new Error(`match list ${res.status}`);
    const ms = now() - s;
    lists.push(ms);
    byKind[kind].push(ms);
  }
  const report = {
    orders: SIZE.orders,
    cohorts: SIZE.cohorts,
    noEssentialShare: SIZE.noEssentialShare,
    marketSeconds,
    allocationMs,
    allocationStats: job.stats,
    assignments: job.assignments.length,
    phasesSeen: [...phases],
    healthRequests: health.length,
    healthP50Ms: round(pct(health, 50), 1),
    healthP99Ms: round(pct(health, 99), 1),
    healthMaxMs: round(Math.max(...health), 1),
    eventLoopDelayP99Ms: round(loop.percentile(99) / 1e6, 1),
    eventLoopDelayMaxMs: round(loop.max / 1e6, 1),
    matchListsP50Ms: round(pct(lists, 50), 1),
    matchListsP99Ms: round(pct(lists, 99), 1),
    orderMatchesP99Ms: round(pct(byKind.orders, 99), 1),
    cohortMatchesP99Ms: round(pct(byKind.cohorts, 99), 1),
    coldIndexP50Ms: round(pct(cold, 50), 1),
    coldIndexMaxMs: round(Math.max(...cold), 1),
  };
  await pool.close();
  server.close();
  console.log(JSON.stringify(report));
} finally {
  await handle.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
