import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { allocations } from "../../src/db/schema";
import { AllocationPool } from "../../src/entry/allocation-pool";
import { runScheduledWork } from "../../src/jobs";
import { MINUTE } from "../../src/platform/clock";
import { cohortBody, programBody, publishedOrder } from "../fixtures";
import { callApp, createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let bureau: string;
const PATH = "/v1/matching/allocations";

beforeAll(async () => {
  t = await createTestContext();
  bureau = await t.bureau();
  const company = await t.org("company");
  const provider = await t.org("provider", { accredit: ["ai_engineer"] });
  await publishedOrder(t, company.token);
  const program = await t.call("POST", "/v1/programs", { token: provider.token, body: programBody() });
  await t.call("POST", "/v1/cohorts", {
    token: provider.token,
    body: cohortBody(t.clock.now(), program.body.id),
  });
});
afterAll(() => t.close());

/** The app over the same database with another runner (or none). */
function appWith(pool?: AllocationPool) {
  const app = createApp({ ...t.appDeps, allocations: pool });
  return (method: string, path: string, body?: unknown, token = bureau) =>
    callApp(app, method, path, { token, body });
}

const poolWith = (worker?: string) =>
  new AllocationPool({
    db: t.db,
    clock: t.clock,
    logger: t.services.logger,
    size: 1,
    progressIntervalMs: 0,
    workerUrl: worker ? new URL(`./allocation-workers/${worker}.ts`, import.meta.url) : undefined,
  });

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("allocation jobs", () => {
  it("POST answers 202 with a queued job and its Location; a worker thread takes it to succeeded", async () => {
    const res = await t.call("POST", PATH, { token: bureau, body: { mode: "optimal", allowSplit: true } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: "queued", mode: "optimal", startedAt: null, finishedAt: null });
    expect(res.body.assignments).toBeUndefined();
    expect(res.headers.get("Location")).toBe(`${PATH}/${res.body.id}`);
    await t.allocations.drained();
    const done = await t.call("GET", `${PATH}/${res.body.id}`, { token: bureau });
    expect(done.body).toMatchObject({ status: "succeeded", objective: expect.any(Number) });
    expect(done.body.assignments.length).toBeGreaterThan(0);
    expect(done.body.stats).toMatchObject({ orders: 1, cohorts: 1 });
    expect(done.body.progress).toBeUndefined();
    expect(done.body.problem).toBeUndefined();
    expect(done.body.finishedAt).not.toBeNull();
  });

  it("shows progress while running, and the result only once it has succeeded", async () => {
    const pool = poolWith("slow");
    const call = appWith(pool);
    const { body: job } = await call("POST", PATH, { mode: "optimal" });
    const running = await until(
      () => call("GET", `${PATH}/${job.id}`),
      (r) => r.body.progress?.phase === "solve",
    );
    expect(running.body).toMatchObject({
      status: "running",
      progress: { phase: "solve", done: 3, total: 10 },
    });
    expect(running.body.startedAt).not.toBeNull();
    expect(running.body.assignments).toBeUndefined();
    await pool.drained();
    const done = await call("GET", `${PATH}/${job.id}`);
    expect(done.body).toMatchObject({ status: "succeeded", assignments: [], objective: 0 });
    expect(done.body.progress).toBeUndefined();
    await pool.close();
  });

  it("a worker that dies fails its job with a problem", async () => {
    const pool = poolWith("dies");
    const call = appWith(pool);
    const { body: job } = await call("POST", PATH, { mode: "optimal" });
    await until(
      () => call("GET", `${PATH}/${job.id}`),
      (r) => r.body.status === "failed",
    );
    await pool.drained();
    const failed = await call("GET", `${PATH}/${job.id}`);
    expect(failed.body.status).toBe("failed");
    expect(failed.body.problem).toMatchObject({ status: 500, code: "internal" });
    expect(failed.body.problem.detail).toContain("exit code 7");
    expect(failed.body.assignments).toBeUndefined();
    await pool.close();
  });

  it("queued jobs survive a restart: the next process's pool picks them up", async () => {
    const down = appWith(undefined); // a server with no runner, or one that stopped right after queueing
    const { body: job } = await down("POST", PATH, { mode: "stable", proposing: "cohorts" });
    expect((await down("GET", `${PATH}/${job.id}`)).body.status).toBe("queued");
    const pool = poolWith();
    await pool.start();
    await pool.drained();
    expect((await down("GET", `${PATH}/${job.id}`)).body).toMatchObject({
      status: "succeeded",
      blockingPairs: 0,
    });
    await pool.close();
  });

  it("a job orphaned by a crash is failed with a reason: at start on PGlite, once its lease expires on PostgreSQL", async () => {
    const call = appWith(undefined);
    const orphan = async () => {
      const { body } = await call("POST", PATH, { mode: "optimal" });
      await t.db
        .update(allocations)
        .set({
          status: "running",
          leaseOwner: "node:gone:1:dead",
          leaseExpiresAt: new Date(t.clock.now().getTime() + MINUTE),
          startedAt: t.clock.now(),
        })
        .where(eq(allocations.id, body.id));
      return body.id as string;
    };
    // Lease expiry, as a scheduled sweep sees it (any runtime, any database).
    const leased = await orphan();
    await runScheduledWork({
      db: t.db,
      clock: t.clock,
      config: t.services.config,
      logger: t.services.logger,
    });
    expect((await call("GET", `${PATH}/${leased}`)).body.status).toBe("running");
    t.clock.advance(2 * MINUTE);
    await runScheduledWork({
      db: t.db,
      clock: t.clock,
      config: t.services.config,
      logger: t.services.logger,
    });
    const reaped = (await call("GET", `${PATH}/${leased}`)).body;
    expect(reaped.status).toBe("failed");
    expect(reaped.problem.detail).toMatch(/stopped before it finished/);

    // Embedded PGlite is one process's: whatever is running when a pool starts was left by a dead one.
    const crashed = await orphan();
    const pool = poolWith();
    await pool.start();
    await pool.drained();
    const failed = (await call("GET", `${PATH}/${crashed}`)).body;
    expect(failed).toMatchObject({ status: "failed", problem: { code: "internal" } });
    await pool.close();
  });

  it("lists jobs newest first, page by page and by status", async () => {
    const call = appWith(undefined);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      await call("POST", PATH, { mode: "optimal" });
    }
    const first = await call("GET", `${PATH}?limit=2&status=queued`);
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.data.every((j: { status: string }) => j.status === "queued")).toBe(true);
    const second = await call("GET", `${PATH}?limit=2&status=queued&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.data, ...second.body.data].map((j: { id: string }) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    const times = [...first.body.data, ...second.body.data].map((j: { createdAt: string }) => j.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const all = await call("GET", `${PATH}?limit=100`);
    expect(all.body.data.some((j: { status: string }) => j.status === "succeeded")).toBe(true);
    // Leave nothing queued for the other tests' runners.
    const pool = poolWith();
    await pool.start();
    await pool.drained();
    await pool.close();
  });

  it("is the bureau's only: companies and providers get 403 for every allocation operation", async () => {
    const { body: job } = await t.call("POST", PATH, { token: bureau, body: { mode: "optimal" } });
    await t.allocations.drained();
    for (const who of [await t.org("company"), await t.org("provider")]) {
      const token = who.token;
      expect((await t.call("POST", PATH, { token, body: { mode: "optimal" } })).status).toBe(403);
      expect((await t.call("GET", `${PATH}/${job.id}`, { token })).status).toBe(403);
      expect((await t.call("GET", PATH, { token })).status).toBe(403);
    }
    expect((await t.call("GET", PATH)).status).toBe(401);
  });

  it("a runtime with a size cap (Workers) refuses a larger allocation with a problem pointing to the Node CLI", async () => {
    const capped = { enqueue: async () => {}, maxProblemSize: 1 };
    const app = createApp({ ...t.appDeps, allocations: capped });
    const res = await callApp(app, "POST", PATH, { token: bureau, body: { mode: "optimal" } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("too_large_for_runtime");
    expect(res.body.detail).toContain("npm run cli -- allocate");
    const narrow = await callApp(app, "POST", PATH, {
      token: bureau,
      body: { mode: "optimal", filter: { occupationCodes: ["vr_engineer"] } },
    });
    expect(narrow.status).toBe(202);
    await t.allocations.start();
    await t.allocations.drained();
  });
});
