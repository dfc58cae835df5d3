/**
 * A server for the HTTP load benchmark (`bench/http.ts` starts it as a child process and reads FILE).
 *
 * `app`: the Node server (`@hono/node-server`, as `npm start`) on PostgreSQL (DATABASE_URL) or in-memory PGlite,
 * seeded through the API; on PostgreSQL it also records the SQL each scenario's request runs (postgres.js `debug`)
 * and writes it with the fixture to FILE.
 * `baseline`: a bare `node:http` server that, per request, hashes the bearer token and runs the recorded SQL of
 * the scenario through postgres.js — the same token lookup and the same queries, without the framework.
 *
 * Usage: `tsx bench/http-server.ts app|baseline postgres|pglite PORT FILE`; prints `ready` when listening.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { serve } from "@hono/node-server";
import { sql as sqlText } from "drizzle-orm";
import postgres from "postgres";
import { createApp } from "../src/app";
import { parseConfig } from "../src/config";
import { type DatabaseHandle, openPostgres } from "../src/db/client";
import { prepareDatabase } from "../src/db/migrate";
import { openPglite } from "../src/db/pglite";
import { ManualClock, systemClock } from "../src/platform/clock";
import { nodeDocsAssets } from "../src/platform/docs-assets-node";
import { createLogger, type LogLevel } from "../src/platform/logger";
import { nativeHasher } from "../src/platform/password-node";
import { seedCity } from "../src/demo/city";
import { seedDemo } from "../src/demo/seed";
import { progressOn } from "../src/demo/progress";
import { generateSealingKey } from "../src/platform/sealing";
import { batchedStdout } from "../src/entry/node-runtime";
import {
  type Recorded,
  type RecordedFixture,
  type Scenario,
  scenarioOf,
  scenarioRequests,
  seedBench,
} from "./http-seed";

const [mode, dbKind, portArg, file] = process.argv.slice(2);
/** The server process's CPU time so far (user + system), which the orchestrator reads around each run. */
const CPU_PATH = "/__bench/cpu";
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const port = Number(portArg);
const url = process.env.DATABASE_URL ?? "";
const POOL = 10; // postgres.js's default pool, on both servers

async function runApp() {
  let recording: Recorded[] | null = null;
  let handle: DatabaseHandle;
  /** Records the SQL of one request per scenario; the server then answers through `handle`, as `npm start` does. */
  let recorder: DatabaseHandle;
  if (dbKind === "postgres") {
    // The client `npm start` opens (prepared statements). The recording one has a hook that sees each query's SQL;
    // it is a client of its own because postgres.js captures a stack trace per query whenever `debug` is set.
    handle = openPostgres(url, { max: POOL });
    recorder = openPostgres(url, {
      max: 1,
      debug: (_conn, query, params) => {
        recording?.push({ query, params: [...(params as unknown[])] });
      },
    });
  } else {
    handle = await openPglite();
    recorder = handle;
  }
  const now = new Date();
  await prepareDatabase(handle, now);
  const config = parseConfig({
    DATABASE_URL: dbKind === "postgres" ? url : undefined,
    BID_SEALING_KEY: generateSealingKey(),
    TOKEN_TTL_MINUTES: String(30 * 24 * 60),
    // The limits stay on (every request is counted) but high enough that 50 connections are never refused.
    RATE_LIMIT_PER_MINUTE: "1000000000",
    QUOTA_OPEN_ORDERS: "1000000000",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
  });
  const base = { db: handle.db, hasher: nativeHasher, config, docsAssets: nodeDocsAssets };
  if (process.env.BENCH_CITY === "1") {
    // A city-year under the benchmark's marketplace: 500 orders, 1,000 cohorts, 30,000 trainees and their outcomes.
    const services = { db: handle.db, hasher: nativeHasher, config, logger: createLogger("silent") };
    await seedDemo(services, now);
    await seedCity(services, now, progressOn({ write: () => true }));
    // As a server that has been up a while would have it; else autovacuum works through the bulk load mid-run.
    await handle.db.execute(sqlText`vacuum analyze`);
  }
  const seedClock = new ManualClock(now);
  const seeder = createApp({ ...base, clock: seedClock, logger: createLogger("silent") });
  const fixture = await seedBench(seeder, { db: handle.db, hasher: nativeHasher, clock: seedClock }, now);

  // The request log as `npm start` writes it.
  const logger = createLogger(config.LOG_LEVEL as LogLevel, batchedStdout());
  const app = createApp({ ...base, clock: systemClock, logger });
  const requests = scenarioRequests(fixture);
  const recordingApp = createApp({
    ...base,
    db: recorder.db,
    clock: systemClock,
    logger: createLogger("silent"),
  });
  const sql = {} as Record<Scenario, Recorded[]>;
  for (const [name, req] of Object.entries(requests) as [Scenario, { method: string; path: string }][]) {
    const init = {
      method: req.method,
      headers: { Authorization: `Bearer ${fixture.token}`, "Content-Type": "application/json" },
      body: req.method === "POST" ? JSON.stringify(fixture.orderBody) : undefined,
    };
    await recordingApp.request(req.path, init); // warm: the token's rate-limit lease is taken here
    recording = [];
    const res = await recordingApp.request(req.path, init);
    if (res.status >= 300) throw new Error(`${name}: ${res.status} ${await res.text()}`);
    sql[name] = recording;
    recording = null;
  }
  const tokenHash = createHash("sha256").update(fixture.token).digest("hex");
  writeFileSync(file, JSON.stringify({ ...fixture, tokenHash, sql } satisfies RecordedFixture));
  const fetch = (req: Request) => (req.url.endsWith(CPU_PATH) ? Response.json(cpuMs()) : app.fetch(req));
  serve({ fetch, port, hostname: "127.0.0.1" }, () => console.error("ready"));
}

/** A fresh id of the same kind for every id the recorded request created, so that inserts do not collide. */
const CREATED_ID = /^(ord|aud|amd|idm)_[0-9a-z]{26}$/;
const freshId = (prefix: string) => `${prefix}_${randomBytes(13).toString("hex").slice(0, 26)}`;

function runBaseline() {
  const f: RecordedFixture = JSON.parse(readFileSync(file, "utf8"));
  const sql = postgres(url, { max: POOL, onnotice: () => {} });
  const keep = new Set([f.orderId, f.evaluatedOrderId]);

  async function replay(name: Scenario, tokenHash: string) {
    const ids = new Map<string, string>();
    const params = (p: unknown[]) =>
      p.map((v) => {
        if (v === f.tokenHash) return tokenHash;
        if (typeof v === "string" && CREATED_ID.test(v) && !keep.has(v)) {
          if (!ids.has(v)) ids.set(v, freshId(v.slice(0, 3)));
          return ids.get(v);
        }
        return v;
      });
    const queries = f.sql[name];
    const inTransaction = queries.some((q) => q.query.trim().toLowerCase() === "begin");
    const run = async (tx: postgres.Sql | postgres.TransactionSql) => {
      let rows: unknown = [];
      for (const q of queries) {
        const text = q.query.trim().toLowerCase();
        if (text === "begin" || text === "commit" || text === "rollback") continue;
        // Prepared, as postgres.js's tagged templates are by default and as the app's client does.
        rows = await tx.unsafe(q.query, params(q.params) as postgres.ParameterOrJSON<never>[], {
          prepare: true,
        });
      }
      return rows;
    };
    return inTransaction ? sql.begin((tx) => run(tx)) : run(sql);
  }

  const server = createServer((req, res) => {
    if (req.url === CPU_PATH) {
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(cpuMs()));
      return;
    }
    const name = scenarioOf(req.method ?? "GET", req.url ?? "/");
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      if (!name || !token) {
        res.writeHead(404).end();
        return;
      }
      if (chunks.length) JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const tokenHash = createHash("sha256").update(token).digest("hex");
      replay(name, tokenHash).then(
        (rows) => {
          const body = JSON.stringify({ data: rows });
          res.writeHead(name === "create" ? 201 : 200, { "Content-Type": "application/json" }).end(body);
        },
        (err) => {
          res.writeHead(500, { "Content-Type": "text/plain" }).end(String(err));
        },
      );
    });
  });
  server.listen(port, "127.0.0.1", () => console.error("ready"));
}

if (mode === "app") await runApp();
else if (mode === "baseline") runBaseline();
else throw new Error("usage: tsx bench/http-server.ts app|baseline postgres|pglite PORT FILE");

// Exit normally on the orchestrator's kill, so that `node --cpu-prof` can write its profile.
process.on("SIGTERM", () => process.exit(0));
