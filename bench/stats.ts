/**
 * `npm run bench:stats`: the bureau's statistics over a city-year of 200,000 trainees in a fresh PostgreSQL
 * database (BENCH_DATABASE_URL, default the local server; created for the run and dropped after). Each request, JSON
 * and CSV, is timed through the app (p50 over 20 calls) beside a naive baseline in the same run: every row loaded
 * and counted in JavaScript, whose figures must equal the SQL ones. `-- --json` prints one JSON object;
 * `-- --runs N` changes the number of calls.
 */
import { isDeepStrictEqual } from "node:util";
import os from "node:os";
import postgres from "postgres";
import { createApp } from "../src/app";
import { parseConfig } from "../src/config";
import { openPostgres } from "../src/db/client";
import { prepareDatabase } from "../src/db/migrate";
import { type CityScale, seedCity } from "../src/demo/city";
import { progressOn } from "../src/demo/progress";
import { DEMO_BUREAU_EMAIL, DEMO_PASSWORD, seedDemo } from "../src/demo/seed";
import { systemClock } from "../src/platform/clock";
import { nodeDocsAssets } from "../src/platform/docs-assets-node";
import { createLogger } from "../src/platform/logger";
import { nativeHasher } from "../src/platform/password-node";
import { generateSealingKey } from "../src/platform/sealing";
import { log, median, now, round } from "./bench-kit";
import { loadAll, naiveOverview, naiveProviders, naiveSectors } from "./stats-naive";

const args = process.argv.slice(2);
const json = args.includes("--json");
const runs = Number(args[args.indexOf("--runs") + 1]) || 20;
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** About 200,000 trainees: 436 training contracts of 440–480 trainees. */
const BENCH_SCALE: CityScale = {
  companies: 100,
  providers: 300,
  assessors: 10,
  orders: 560,
  awarded: 500,
  cohorts: 600,
  size: [440, 480],
};

const name = `ob_bench_stats_${Date.now().toString(36)}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const POOL = 10;
/** Calls before the app's are timed: six per pooled connection (see `time`), and one more. */
const STEADY = 6 * POOL + 1;
const handle = openPostgres(url.toString(), { max: POOL });
try {
  const started = now();
  await prepareDatabase(handle, systemClock.now());
  const config = parseConfig({ BID_SEALING_KEY: generateSealingKey(), RATE_LIMIT_PER_MINUTE: "1000000" });
  const services = { db: handle.db, hasher: nativeHasher, config, logger: createLogger("silent") };
  await seedDemo(services, systemClock.now());
  const made = await seedCity(services, systemClock.now(), progressOn(process.stderr), BENCH_SCALE);
  const seedSeconds = round((now() - started) / 1000, 1);
  log(`seeded ${made.trainees} trainees in ${seedSeconds} s`);

  const app = createApp({ ...services, clock: systemClock, docsAssets: nodeDocsAssets });
  const login = await app.request("/v1/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: DEMO_BUREAU_EMAIL, password: DEMO_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const year = made.year;
  const call = async (path: string, accept: string) => {
    const res = await app.request(`${path}?year=${year}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: accept },
    });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  /**
   * The p50 of `runs` calls after `warm` calls. The app's calls warm past PostgreSQL's plan cache: a prepared
   * statement gets a plan for its values on its first five runs on a connection, then may switch to one plan for
   * any values, so the steady state shows only after six runs on each of the pool's connections.
   */
  const time = async (work: () => Promise<unknown>, warm = 1) => {
    for (let i = 0; i < warm; i++) await work();
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = now();
      await work();
      ms.push(now() - t0);
    }
    return round(median(ms), 1);
  };

  const endpoints = [
    {
      name: "overview",
      path: "/v1/stats/overview",
      naive: (r: Awaited<ReturnType<typeof loadAll>>) => naiveOverview(r, year),
    },
    {
      name: "sectors",
      path: "/v1/stats/sectors",
      naive: (r: Awaited<ReturnType<typeof loadAll>>) => naiveSectors(r, year),
    },
    {
      name: "providers",
      path: "/v1/stats/providers",
      naive: (r: Awaited<ReturnType<typeof loadAll>>) => naiveProviders(r, year),
    },
  ];
  const rows = [];
  const all = await loadAll(handle.db);
  for (const e of endpoints) {
    const body = (await (await call(e.path, "application/json")).json()) as Record<string, unknown>;
    rows.push({
      endpoint: e.name,
      jsonMs: await time(async () => (await call(e.path, "application/json")).text(), STEADY),
      csvMs: await time(async () => (await call(e.path, "text/csv")).arrayBuffer(), STEADY),
      naiveMs: await time(async () => e.naive(await loadAll(handle.db))),
      agrees: agrees(e.name, body, e.naive(all)),
    });
  }
  const result = {
    trainees: made.trainees,
    assessments: made.assessments,
    placements: made.placements,
    contracts: made.contracts,
    seedSeconds,
    runs,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    results: rows.map((r) => ({ ...r, speedup: round(r.naiveMs / r.jsonMs, 1) })),
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(
      `${result.trainees} trainees, ${result.assessments} assessments, ${result.placements} placements; p50 of ${runs} calls`,
    );
    console.log("endpoint   JSON ms  CSV ms  naive ms  naive/JSON  figures equal");
    for (const r of result.results)
      console.log(
        `${r.endpoint.padEnd(10)} ${String(r.jsonMs).padStart(7)} ${String(r.csvMs).padStart(7)} ${String(r.naiveMs).padStart(9)} ${String(r.speedup).padStart(10)}×  ${r.agrees}`,
      );
    console.log(result.machine);
  }
  if (rows.some((r) => !r.agrees)) process.exitCode = 1;
} finally {
  await handle.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/** Whether the API's figures equal the naive ones (rows in any order). */
function agrees(endpoint: string, api: Record<string, unknown>, naive: unknown): boolean {
  if (endpoint === "overview") {
    const { year: _y, target: _t, progress: _p, ...figures } = api;
    return isDeepStrictEqual(figures, naive);
  }
  if (endpoint === "sectors") {
    const bySector = naive as Map<string, unknown>;
    return (api.data as { sector: string }[]).every(({ sector, ...f }) =>
      isDeepStrictEqual(f, bySector.get(sector)),
    );
  }
  const key = (r: { providerOrgId: string }) => r.providerOrgId;
  const sort = <T extends { providerOrgId: string }>(xs: T[]) =>
    [...xs].sort((a, b) => key(a).localeCompare(key(b)));
  return isDeepStrictEqual(
    sort(api.data as { providerOrgId: string }[]),
    sort(naive as { providerOrgId: string }[]),
  );
}
