/** Test harness: a fresh database per test file (PGlite in memory, or PostgreSQL with TEST_DATABASE_URL), the app, fixtures. */
import postgres from "postgres";
import { createApp } from "../src/app";
import { parseConfig } from "../src/config";
import { type DatabaseHandle, openPostgres } from "../src/db/client";
import { prepareDatabase } from "../src/db/migrate";
import { openPglite } from "../src/db/pglite";
import { createBureauUser } from "../src/modules/auth/service";
import { usccCheckCharacter } from "../src/modules/organizations/uscc";
import type { Actor } from "../src/platform/actor";
import { ManualClock } from "../src/platform/clock";
import { createLogger } from "../src/platform/logger";
import type { PasswordHasher } from "../src/platform/password";
import { nativeHasher } from "../src/platform/password-node";
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

export interface ContextOptions {
  /** Environment variables over the test defaults (the token lifetime). */
  env?: Record<string, string>;
  hasher?: PasswordHasher;
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
  const config = parseConfig({ TOKEN_TTL_MINUTES: String(TEST_TOKEN_TTL_MINUTES), ...options.env });
  const hasher = options.hasher ?? nativeHasher;
  const services = { db: handle.db, hasher, config, logger: createLogger("silent") };
  const app = createApp({ ...services, clock });

  async function call(method: string, path: string, opts: CallOptions = {}): Promise<CallResult> {
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
    db: handle.db,
    handle,
    clock,
    services,
    scopeAs,
    call,
    login,
    bureau,
    org,
    close: () => handle.close(),
  };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;
