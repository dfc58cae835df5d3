/** The city-year seed, at a small scale on the embedded database: every contract state, and statistics that add up. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CityScale, contractStates, seedCity } from "../../src/demo/city";
import { progressOn } from "../../src/demo/progress";
import { DEMO_BUREAU_EMAIL, DEMO_PASSWORD, seedDemo } from "../../src/demo/seed";
import { selectRows } from "../../src/modules/stats/queries";
import { createTestContext, type TestContext } from "../helpers";

const SMALL: CityScale = {
  companies: 3,
  providers: 4,
  assessors: 1,
  orders: 24,
  awarded: 20,
  cohorts: 24,
  size: [3, 5],
};

let t: TestContext;
let made: Awaited<ReturnType<typeof seedCity>>;
const lines: string[] = [];
beforeAll(async () => {
  t = await createTestContext();
  await seedDemo(t.services, t.clock.now());
  const out = { isTTY: false, write: (text: string) => lines.push(text) };
  made = await seedCity(t.services, t.clock.now(), progressOn(out), SMALL);
}, 300_000);
afterAll(() => t.close());

describe("seed --scale large, made small", () => {
  it("puts contracts in every state and trainees in those that started training", async () => {
    const states = await selectRows<{ status: string; n: number; trainees: number }>(
      t.db,
      sql`select c.status, count(distinct c.id)::int as n, count(t.id)::int as trainees
          from contracts c left join trainees t on t.contract_id = c.id group by c.status`,
    );
    const by = Object.fromEntries(states.map((s) => [s.status, s]));
    for (const s of new Set(contractStates(SMALL.awarded))) expect(by[s]?.n, s).toBeGreaterThan(0);
    for (const s of ["active", "completed", "terminated"]) expect(by[s].trainees).toBeGreaterThan(0);
    for (const s of ["signed", "under_review", "approved", "rejected", "changes_requested", "cancelled"])
      expect(by[s].trainees).toBe(0);
    expect(made.trainees).toBeGreaterThan(0);
  });

  it("the bureau's overview counts what the seed made", async () => {
    const bureau = await t.login(DEMO_BUREAU_EMAIL, DEMO_PASSWORD);
    const res = await t.call("GET", `/v1/stats/overview?year=${made.year}`, { token: bureau });
    expect(res.status).toBe(200);
    expect(res.body.enrolled).toBe(made.trainees);
    expect(res.body.contracts.completed).toBeGreaterThan(0);
    const city = await t.login("provider1@city.orderbridge.cn", DEMO_PASSWORD);
    expect((await t.call("GET", "/v1/programs?mine=true", { token: city })).status).toBe(200);
  });

  it("prints plain progress lines when not on a terminal", () => {
    expect(lines.some((l) => /^seed: trainees \d+\/\d+ \(/.test(l))).toBe(true);
    expect(lines.every((l) => !l.includes("\r"))).toBe(true);
  });
});
