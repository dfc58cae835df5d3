/**
 * With 100k orders, the list filters and the cursor are served by indexes (no sequential scan of orders), and so
 * are the skills the list selects with each order (no sequential scan of order_skills).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOrdersQuery } from "../../src/modules/orders/service";
import type { Actor } from "../../src/platform/actor";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let bureau: Actor;
const ORDERS = 100_000;

beforeAll(async () => {
  t = await createTestContext();
  const company = await t.org("company");
  const me = await t.call("GET", "/v1/me", { token: await t.bureau() });
  bureau = {
    userId: me.body.user.id,
    orgId: me.body.organization.id,
    orgKind: "bureau",
    orgStatus: "verified",
    role: "admin",
  };
  // Ten occupations, five statuses, three skills each drawn from the seeded tree.
  await t.db.execute(sql`
    insert into orders (id, company_org_id, created_by, title, description, occupation_code, headcount_min, headcount_max,
      city, remote_allowed, deliver_by, budget_per_trainee_fen, hires, salary_min_fen, salary_max_fen, service_period_months,
      enquiry_deadline, bid_deadline, status, published_at, created_at, updated_at)
    select 'ord_bulk' || g, ${company.orgId}, ${company.userId}, 'Order ' || g, 'Bulk order', occ.codes[1 + g % 10], 5, 20,
      'Beijing', false, date '2027-01-01', 1000000, 5, 1000000, 2000000, 12,
      ts, ts + interval '7 days',
      (array['open','evaluation','awarded','contracted','cancelled'])[1 + g % 5], ts, ts, ts
    from generate_series(1, ${ORDERS}) g,
      lateral (select timestamptz '2025-01-01' + g * interval '1 minute' as ts) t,
      (select array_agg(code order by code) as codes from occupations) occ`);
  await t.db.execute(sql`
    insert into order_skills (order_id, skill_id, position, min_level, weight, essential)
    select 'ord_bulk' || g, s.ids[1 + (g * k) % array_length(s.ids, 1)], k, 3, 3, k = 1
    from generate_series(1, ${ORDERS}) g, generate_series(1, 3) k, (select array_agg(id order by id) as ids from skills) s
    on conflict do nothing`);
  await t.db.execute(sql`analyze`);
}, 180_000);
afterAll(() => t.close());

let prepared = 0;
const planText = (result: unknown) =>
  ((Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, string>[])
    .map((r) => Object.values(r)[0])
    .join("\n");

/**
 * The query's plan for its values and, on PostgreSQL, its generic plan: the app runs it as a prepared statement,
 * and from the sixth run on a connection PostgreSQL may plan it once for any values (as it did for the
 * statistics, see the README), so both must use the indexes. The generic plan is forced here; PostgreSQL takes one
 * only when it estimates it no dearer than the plans for the values. PGlite's forced generic plan for a skill
 * filter scans the orders, so the forced check runs on PostgreSQL, the production server, only.
 */
async function plans(q: Parameters<typeof listOrdersQuery>[1]): Promise<string[]> {
  const scope = { ...t.scopeAs(bureau), now: new Date("2026-06-01T00:00:00Z") };
  const query = listOrdersQuery(scope, q);
  const custom = planText(await t.db.execute(sql`explain ${query}`));
  if (!process.env.TEST_DATABASE_URL) return [custom];
  const { sql: text, params } = query.toSQL();
  // The values as literals: EXECUTE's own parameters would have no type to infer.
  const literal = (v: unknown) =>
    typeof v === "number"
      ? String(v)
      : `'${String(v instanceof Date ? v.toISOString() : v).replace(/'/g, "''")}'`;
  const name = `list_plan_${++prepared}`;
  const generic = await t.db.transaction(async (tx) => {
    await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
    await tx.execute(sql.raw(`prepare ${name} as ${text}`));
    try {
      return planText(
        await tx.execute(sql.raw(`explain execute ${name}(${params.map(literal).join(", ")})`)),
      );
    } finally {
      await tx.execute(sql.raw(`deallocate ${name}`));
    }
  });
  return [custom, generic];
}

describe(`order list plans over ${ORDERS} orders`, () => {
  it("status + occupationCode uses an index", async () => {
    for (const text of await plans({ status: "awarded", occupationCode: "ai_engineer", limit: 20 })) {
      expect(text).not.toMatch(/Seq Scan on orders/);
      expect(text).not.toMatch(/Seq Scan on order_skills/);
      expect(text).toMatch(/Index/);
    }
  });

  it("skillId uses the order_skills index", async () => {
    for (const text of await plans({ skillId: "skl_solidity", limit: 20 })) {
      expect(text).not.toMatch(/Seq Scan on orders/);
      expect(text).not.toMatch(/Seq Scan on order_skills/);
    }
  });

  it("a page after a cursor uses the creation-order index", async () => {
    const first = await t.call("GET", "/v1/orders?limit=5", { token: await t.bureau() });
    expect(first.body.data).toHaveLength(5);
    for (const text of await plans({ limit: 20, cursor: first.body.nextCursor })) {
      expect(text).not.toMatch(/Seq Scan on orders/);
      expect(text).not.toMatch(/Seq Scan on order_skills/);
    }
  });
});
