/**
 * `npm run bench:http`: the HTTP load benchmark. The Node server on PostgreSQL, seeded through the API, driven by
 * autocannon on loopback (50 connections, `--duration` seconds per scenario, default 10, at most 30), beside a bare
 * `node:http` baseline that runs the same token lookup and the same recorded SQL through postgres.js; then the read
 * scenarios on the embedded default (in-memory PGlite). Prints requests/s, p50 and p99 per scenario and the ratio
 * to the baseline, and the server's CPU time per request (which other load on the machine moves far less than
 * throughput; `cpuRatio` = baseline CPU ÷ app CPU); `--json` prints one object keyed by scenario.
 *
 * PostgreSQL: BENCH_DATABASE_URL (or DATABASE_URL), an admin URL, default postgres://postgres@127.0.0.1:5432/postgres;
 * a fresh database is created for the run and dropped after it. `--connections N`, `--no-pglite`, `--only list,get`,
 * `--cpu-prof DIR` (the app server's profile).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { type RecordedFixture, type Scenario, scenarioRequests } from "./http-seed";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const duration = Math.min(30, Math.max(1, option("--duration", Number(process.env.BENCH_DURATION ?? 10))));
const connections = option("--connections", 50);
const json = args.includes("--json");
const withPglite = !args.includes("--no-pglite");
/** `--city`: the demo and a city-year of data (`seed --scale large`) are seeded first, under the benchmark's own. */
const city = args.includes("--city");
/** `--only list,get`: just these scenarios (list, get, matches, bids, create). */
const only = args.includes("--only") ? args[args.indexOf("--only") + 1].split(",") : null;
/** `--cpu-prof DIR`: the app server runs under `node --cpu-prof` and writes its profile to DIR when it stops. */
const cpuProfDir = args.includes("--cpu-prof") ? args[args.indexOf("--cpu-prof") + 1] : null;
const say = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);

const LABELS: Record<Scenario, string> = {
  list: "GET /v1/orders?limit=20",
  get: "GET /v1/orders/{id}",
  matches: "GET /v1/orders/{id}/matches",
  bids: "GET /v1/orders/{id}/bids (opened)",
  create: "POST /v1/orders",
};
const READS = (["list", "get", "matches", "bids"] as Scenario[]).filter((s) => !only || only.includes(s));
const WRITES = (["create"] as Scenario[]).filter((s) => !only || only.includes(s));

const adminUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `ob_bench_${Date.now().toString(36)}`;
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;
const dir = mkdtempSync(join(tmpdir(), "ob-bench-"));
const children: ChildProcess[] = [];

/** What each server wrote to stderr after `ready` (warnings and errors: the app logs an unhandled error there). */
const serverErrors = new Map<number, string>();

/**
 * Starts a server child and resolves once it says `ready`. Its stdout (the app's request log, a line per request
 * with its status) goes to `DIR/<port>.log`, which is deleted with the run's directory.
 */
function startServer(mode: "app" | "baseline", db: "postgres" | "pglite", port: number, file: string) {
  const child = spawn(
    process.execPath,
    [
      ...(mode === "app" && cpuProfDir ? ["--cpu-prof", "--cpu-prof-dir", cpuProfDir] : []),
      ...["--import", "tsx", "bench/http-server.ts", mode, db, String(port), file],
    ],
    {
      env: { ...process.env, DATABASE_URL: dbUrl.toString(), BENCH_CITY: city ? "1" : "" },
      stdio: ["ignore", openSync(join(dir, `${port}.log`), "w"), "pipe"],
    },
  );
  children.push(child);
  return new Promise<void>((resolve, reject) => {
    let err = "";
    let ready = false;
    child.stderr?.on("data", (chunk: Buffer) => {
      if (ready) {
        // Keep the first 4 kB after `ready`: enough to show the first failures without growing for ever.
        const seen = serverErrors.get(port) ?? "";
        if (seen.length < 4096) serverErrors.set(port, (seen + chunk.toString()).slice(0, 4096));
        return;
      }
      err += chunk.toString();
      if (err.includes("ready")) {
        ready = true;
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`${mode} server (${db}) exited with ${code}:\n${err}`)));
  });
}

interface Measured {
  rps: number;
  /** The server process's CPU time per request: unlike throughput, little moved by other load on the machine. */
  cpuMsPerRequest: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx answers, socket errors and timeouts. */
  errors: number;
  /** When there were errors: the count per status (and `error`, `timeout`), and the first bodies. */
  failures?: { statuses: Record<string, number>; first: string[] };
}

async function measure(
  port: number,
  f: RecordedFixture,
  scenario: Scenario,
  seconds: number,
): Promise<Measured> {
  const req = scenarioRequests(f)[scenario];
  const cpu = async () => (await (await fetch(`http://127.0.0.1:${port}/__bench/cpu`)).json()) as number;
  const cpuBefore = await cpu();
  const first: string[] = [];
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${req.path}`,
    method: req.method as "GET" | "POST",
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${f.token}`, "content-type": "application/json" },
    body: req.method === "POST" ? JSON.stringify(f.orderBody) : undefined,
    // The first few non-2xx answers: a failing server says why in its problem+json body.
    requests: [
      {
        onResponse: (status: number, body: string) => {
          if ((status < 200 || status >= 300) && first.length < 3)
            first.push(`${status} ${body.slice(0, 500)}`);
        },
      },
    ],
  });
  const cpuMs = (await cpu()) - cpuBefore;
  const errors = result.non2xx + result.errors + result.timeouts;
  const failures = errors
    ? {
        statuses: {
          ...Object.fromEntries(
            Object.entries(result.statusCodeStats ?? {})
              .filter(([code]) => !code.startsWith("2"))
              .map(([code, { count }]) => [code, count]),
          ),
          ...(result.errors ? { error: result.errors } : {}),
          ...(result.timeouts ? { timeout: result.timeouts } : {}),
        },
        first,
      }
    : undefined;
  return {
    rps: Math.round(result.requests.average),
    cpuMsPerRequest: Math.round((cpuMs / Math.max(1, result.requests.total)) * 1000) / 1000,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors,
    failures,
  };
}

/** Prints why a run had errors: the statuses, the first bodies and what the server wrote to stderr. */
function explain(label: string, port: number, m: Measured) {
  if (!m.failures) return;
  say(`  ${label}: ${m.errors} errors ${JSON.stringify(m.failures.statuses)}`);
  for (const body of m.failures.first) say(`    ${body}`);
  const stderr = serverErrors.get(port);
  if (stderr) say(`    server stderr: ${stderr.slice(0, 1500)}`);
}

const fmt = (m: Measured) =>
  `${String(m.rps).padStart(6)} req/s  p50 ${String(m.p50Ms).padStart(4)} ms  p99 ${String(m.p99Ms).padStart(4)} ms  cpu ${m.cpuMsPerRequest.toFixed(2)} ms/req${m.errors ? `  (${m.errors} errors)` : ""}`;

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const out: Record<string, unknown> = {};
try {
  await admin.unsafe(`create database ${dbName}`);
  say(
    `bench:http — ${connections} connections, ${duration} s per scenario, PostgreSQL database ${dbName}${city ? ", city-year seed" : ""}`,
  );
  const appFile = join(dir, "app.json");
  await startServer("app", "postgres", 18_701, appFile);
  await startServer("baseline", "postgres", 18_702, appFile);
  const fixture: RecordedFixture = JSON.parse(readFileSync(appFile, "utf8"));
  // Reads first: the create scenario adds thousands of orders.
  for (const scenario of [...READS, ...WRITES]) {
    explain(`${scenario} app warm-up`, 18_701, await measure(18_701, fixture, scenario, 2));
    const app = await measure(18_701, fixture, scenario, duration);
    explain(`${scenario} app`, 18_701, app);
    explain(`${scenario} baseline warm-up`, 18_702, await measure(18_702, fixture, scenario, 2));
    const base = await measure(18_702, fixture, scenario, duration);
    explain(`${scenario} baseline`, 18_702, base);
    const ratio = Math.round((app.rps / base.rps) * 100) / 100;
    const cpuRatio = Math.round((base.cpuMsPerRequest / app.cpuMsPerRequest) * 100) / 100;
    out[LABELS[scenario]] = {
      ratio,
      p50Ms: app.p50Ms,
      p99Ms: app.p99Ms,
      rps: app.rps,
      cpuMsPerRequest: app.cpuMsPerRequest,
      cpuRatio,
      errors: app.errors,
      ...(app.failures ? { failures: app.failures } : {}),
      baseline: base,
    };
    say(
      `${LABELS[scenario].padEnd(36)} app ${fmt(app)} | baseline ${fmt(base)} | ratio ${ratio.toFixed(2)} (cpu ${cpuRatio.toFixed(2)})`,
    );
  }
  for (const child of children.splice(0)) child.kill();

  if (withPglite) {
    const pgliteFile = join(dir, "pglite.json");
    await startServer("app", "pglite", 18_703, pgliteFile);
    const f: RecordedFixture = JSON.parse(readFileSync(pgliteFile, "utf8"));
    for (const scenario of READS) {
      explain(`${scenario} PGlite warm-up`, 18_703, await measure(18_703, f, scenario, 2));
      const m = await measure(18_703, f, scenario, duration);
      explain(`${scenario} PGlite`, 18_703, m);
      const base = (out[LABELS[scenario]] as { baseline: Measured }).baseline;
      const ratio = Math.round((m.rps / base.rps) * 100) / 100;
      out[`${LABELS[scenario]} [PGlite]`] = {
        ratio,
        p50Ms: m.p50Ms,
        p99Ms: m.p99Ms,
        rps: m.rps,
        errors: m.errors,
        ...(m.failures ? { failures: m.failures } : {}),
      };
      say(
        `${`${LABELS[scenario]} [PGlite]`.padEnd(36)} app ${fmt(m)} | ratio to the PostgreSQL baseline ${ratio.toFixed(2)}`,
      );
    }
  }
  if (json) console.log(JSON.stringify(out, null, 2));
} finally {
  for (const child of children) child.kill();
  await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
