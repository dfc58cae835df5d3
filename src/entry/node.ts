/** Node server: embedded PGlite by default, PostgreSQL with DATABASE_URL; migrates, seeds, listens, sweeps. */
import { serve } from "@hono/node-server";
import { createApp } from "../app";
import { loadNodeConfig } from "../config";
import { DEMO_PASSWORD, seedDemo } from "../demo/seed";
import { runScheduledWork } from "../jobs";
import { systemClock } from "../platform/clock";
import { nodeDocsAssets } from "../platform/docs-assets-node";
import { createLogger } from "../platform/logger";
import { nativeHasher } from "../platform/password-node";
import { AllocationPool } from "./allocation-pool";
import {
  batchedStdout,
  bootstrapBureau,
  nodeClientIp,
  openNodeDatabase,
  withSealingKey,
} from "./node-runtime";

const env = loadNodeConfig();
const logger = createLogger(env.LOG_LEVEL, batchedStdout());
const config = withSealingKey(env, logger);
const clock = systemClock;
const handle = await openNodeDatabase(config, clock);
await bootstrapBureau(handle, config, clock, logger);

const services = { db: handle.db, hasher: nativeHasher, config, logger };
const demo = !config.DATABASE_URL && config.DEMO ? await seedDemo(services, clock.now()) : null;

// Allocation jobs run in worker threads, never on the event loop; queued ones left by the last run start now.
const allocations = new AllocationPool({
  db: handle.db,
  clock,
  logger,
  size: config.ALLOCATION_WORKERS,
  databaseUrl: config.DATABASE_URL,
});
await allocations.start();

const app = createApp({
  ...services,
  clock,
  docsAssets: nodeDocsAssets,
  clientIp: nodeClientIp(config),
  allocations,
});
const server = serve({ fetch: app.fetch, port: config.PORT }, ({ port }) => {
  const base = `http://localhost:${port}`;
  const lines = [
    "",
    `OrderBridge is listening on ${base}  (database: ${handle.kind === "pglite" ? `embedded PGlite in ${config.DATA_DIR}` : "PostgreSQL"})`,
    `  API reference: ${base}/docs     OpenAPI: ${base}/openapi.json     health: ${base}/health`,
    `  Web console:   ${base}/console  (简体中文 by default, English one click away)`,
    `  Certificates:  ${base}/verify   (public check, no sign-in)`,
  ];
  if (demo) {
    lines.push(
      `  Demo data seeded. Sign in at ${base}/console or POST ${base}/v1/auth/login, password "${DEMO_PASSWORD}":`,
    );
    for (const login of demo) lines.push(`    ${login.role.padEnd(9)} ${login.email}`);
  } else if (!config.DATABASE_URL && config.DEMO) {
    lines.push(
      `  Demo data present (password "${DEMO_PASSWORD}"), e.g. bureau@demo.orderbridge.cn, company1@demo.orderbridge.cn, provider1@demo.orderbridge.cn, assessor1@demo.orderbridge.cn`,
    );
  }
  console.log(lines.join("\n"));
});

const runJobs = () => void runScheduledWork({ db: handle.db, clock, config, logger });
runJobs(); // catch up on deadlines that passed while the server was down
const sweep = setInterval(runJobs, config.SWEEP_INTERVAL_SECONDS * 1000);
sweep.unref();

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    clearInterval(sweep);
    server.close();
    void allocations
      .close()
      .then(() => handle.close())
      .finally(() => process.exit(0));
  });
}
