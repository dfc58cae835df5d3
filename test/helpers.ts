/** Test harness: a fresh database per test file (PGlite in memory, or PostgreSQL with TEST_DATABASE_URL), the app, fixtures. */
import postgres from "postgres";
import { type App, createApp } from "../src/app";
import { AllocationPool } from "../src/entry/allocation-pool";
import { parseConfig } from "../src/config";
import { type DatabaseHandle, openPostgres } from "../src/db/client";
import { prepareDatabase } from "../src/db/migrate";
import { openPglite } from "../src/db/pglite";
import { createBureauUser } from "../src/modules/auth/service";
import { usccCheckCharacter } from "../src/modules/organizations/uscc";
import type { Actor } from "../src/platform/actor";
import { ManualClock } from "../src/platform/clock";
import { nodeDocsAssets } from "../src/platform/docs-assets-node";
import { createLogger } from "../src/platform/logger";
import type { PasswordHasher } from "../src/platform/password";
import { nativeHasher } from "../src/platform/password-node";
import { generateSealingKey } from "../src/platform/sealing";
import type { ClientIp } from "../src/platform/rate-limit";
import { scopeFor } from "../src/platform/scope";

export const PASSWORD = "test-password-123";
/** Tokens last 30 days in tests, so tests may move the clock across deadlines. */
export const TEST_TOKEN_TTL_MINUTES = 30 * 24 * 60;

async function openTestDatabase(): Promise<DatabaseHandle> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return openPglite();
  const name = `ob_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), { max: 10 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely
  body: any;
  headers: Headers;
}

/**
 * One request to `app` (JSON body, bearer token), with the body parsed when it is JSON.
 * @example const res = await callApp(app, "GET", "/v1/me", { token });
 */
export async function callApp(
  app: App,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    headers["Content-Type"] ??= "application/json";
  }
  const res = await app.request(path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, body: parsed, headers: res.headers };
}

let usccCounter = Math.floor(Math.random() * 1_000_000);
/** A fresh, valid USCC. */
export function freshUscc(): string {
  const first17 = `91110108MA${String(usccCounter++ % 10_000_000).padStart(7, "0")}`;
  return first17 + usccCheckCharacter(first17);
}
let emailCounter = 0;
export const freshEmail = (tag = "user") =>
  `${tag}.${Date.now().toString(36)}.${emailCounter++}@test.orderbridge.cn`;

/** The clocks of this file's live contexts and where each started; `test/setup.ts` resets them before each test. */
export const liveClocks = new Map<ManualClock, string>();

/**
 * Limits generous enough for a suite that makes thousands of calls with one token from one address; the tests of
 * the limits themselves lower them through `ContextOptions.env`.
 */
export const TEST_LIMITS = {
  RATE_LIMIT_PER_MINUTE: "1000000",
  RATE_LIMIT_AUTH_PER_MINUTE: "1000000",
  QUOTA_OPEN_ORDERS: "100000",
  QUOTA_ACTIVE_PROGRAMS: "100000",
  QUOTA_OPEN_COHORTS: "100000",
  QUOTA_LIVE_BIDS: "100000",
};

export interface ContextOptions {
  /** Environment variables over the test defaults (`TEST_LIMITS`, the token lifetime). */
  env?: Record<string, string>;
  hasher?: PasswordHasher;
  /** How the app finds the client's IP; requests through `app.request` have no socket, so none by default. */
  clientIp?: ClientIp;
  tokenLeaseShare?: number;
}

/** Builds a test context: database, clock, app, and fixture helpers that go through the HTTP API. */
export async function createTestContext(start = "2026-03-02T01:00:00Z", options: ContextOptions = {}) {
  const clock = new ManualClock(start);
  liveClocks.set(clock, start);
  const handle = await openTestDatabase();
  try {
    await prepareDatabase(handle, clock.now());
  } catch (err) {
    await handle.close();
    throw err;
  }
  const config = parseConfig({
    TOKEN_TTL_MINUTES: String(TEST_TOKEN_TTL_MINUTES),
    BID_SEALING_KEY: generateSealingKey(),
    ...TEST_LIMITS,
    ...options.env,
  });
  const hasher = options.hasher ?? nativeHasher;
  const services = { db: handle.db, hasher, config, logger: createLogger("silent") };
  /** What the app is built from; a test may build a variant (another key, another config) from it. */
  const appDeps = {
    ...services,
    clock,
    docsAssets: nodeDocsAssets,
    clientIp: options.clientIp,
    tokenLeaseShare: options.tokenLeaseShare,
  };
  // Allocation jobs run in worker threads as on Node; progress is written unthrottled so tests can see it.
  const allocations = new AllocationPool({
    db: handle.db,
    clock,
    logger: process.env.DEBUG_POOL ? createLogger("debug") : services.logger,
    size: 1,
    progressIntervalMs: 0,
  });
  const app = createApp({ ...appDeps, allocations });

  const call = (method: string, path: string, opts: CallOptions = {}) => callApp(app, method, path, opts);

  /** Queues an allocation as the bureau and waits for its job to finish; the finished job's response. */
  async function allocate(body: unknown, token?: string): Promise<CallResult> {
    const queued = await call("POST", "/v1/matching/allocations", { token: token ?? (await bureau()), body });
    if (queued.status !== 202) return queued;
    await allocations.drained();
    return call("GET", `/v1/matching/allocations/${queued.body.id}`, { token: await bureau() });
  }

  async function login(email: string, password = PASSWORD): Promise<string> {
    const res = await call("POST", "/v1/auth/login", { body: { email, password } });
    if (res.status !== 200)
      throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token;
  }

  let bureauToken: string | undefined;
  /** A bureau user's token (created once per context). */
  async function bureau(): Promise<string> {
    if (!bureauToken) {
      const email = freshEmail("bureau");
      await createBureauUser({ db: handle.db, hasher, now: clock.now() }, { email, password: PASSWORD });
      bureauToken = await login(email);
    }
    return bureauToken;
  }

  /** Registers an organisation through the API; verified (by the bureau) unless told otherwise. */
  async function org(
    kind: "company" | "provider" | "assessor",
    opts: { verified?: boolean; accredit?: string[]; city?: string } = {},
  ) {
    const email = freshEmail(kind);
    const res = await call("POST", "/v1/auth/register", {
      body: {
        organization: {
          kind,
          name: `Test ${kind} ${email}`,
          uscc: freshUscc(),
          city: opts.city ?? "Beijing",
          district: "Haidian",
        },
        user: { email, password: PASSWORD, displayName: `${kind} admin` },
      },
    });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
    const orgId: string = res.body.organization.id;
    if (opts.verified !== false) {
      const v = await call("POST", `/v1/organizations/${orgId}/verify`, { token: await bureau() });
      if (v.status !== 200) throw new Error(`verify failed: ${v.status}`);
    }
    for (const occupationCode of opts.accredit ?? []) {
      const a = await call("POST", `/v1/organizations/${orgId}/accreditations`, {
        token: await bureau(),
        body: { occupationCode, validUntil: "2030-12-31" },
      });
      if (a.status !== 201) throw new Error(`accredit failed: ${a.status} ${JSON.stringify(a.body)}`);
    }
    return { orgId, userId: res.body.user.id as string, email, token: await login(email) };
  }

  /** A service scope for `actor` at the clock's time, for tests that call a use case directly. */
  const scopeAs = (actor: Actor) => scopeFor({ ...services, clock }, actor);

  return {
    app,
    appDeps,
    db: handle.db,
    handle,
    clock,
    services,
    scopeAs,
    call,
    allocate,
    allocations,
    login,
    bureau,
    org,
    close: async () => {
      await allocations.close();
      await handle.close();
    },
  };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;
