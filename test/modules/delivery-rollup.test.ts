/**
 * delivery_rollup, the trigger-kept counters behind track records: after any sequence of writes on trainees,
 * assessments and placements (those the API makes, and the ones it does not, for the triggers' sake) the figures
 * read from it equal the aggregate over every trainee that track records used to run per request. On PostgreSQL,
 * racing passes and placements of one trainee count it once. And a match list sees a track record move.
 */
import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, deliveryRollup, organizations, placements, trainees } from "../../src/db/schema";
import { newId } from "../../src/platform/ids";
import {
  cityTrackRecords,
  providerTrackRecords,
  selectRows,
  type TrackRecordRow,
} from "../../src/modules/stats/queries";
import { bidder, createCohort, type Org, publishedOrder } from "../fixtures";
import { type ActiveContract, activeContract, enrol, settle } from "../fixtures-delivery";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let company: Org;
let assessor: Org;
beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  assessor = await t.org("assessor", { accredit: ["ai_engineer"] });
});
afterAll(() => t.close());

// The aggregates over trainees that track records ran before the rollup, kept as the reference.
const outcomeColumns = sql`
  count(*)::int as trainees,
  count(*) filter (where t.status = 'completed')::int as completed,
  count(*) filter (where t.status = 'dropped')::int as dropped,
  count(*) filter (where t.status = 'completed' and cert.trainee_id is not null)::int as certified,
  count(*) filter (where t.status = 'completed' and p.hired)::int as placed`;
const outcomeJoins = sql`
  left join placements p on p.trainee_id = t.id
  left join (select distinct trainee_id from assessments where result = 'pass') cert on cert.trainee_id = t.id`;
const rates = sql`
  round(completed::numeric / nullif(completed + dropped, 0), 4)::float8 as "completionRate",
  round(certified::numeric / nullif(completed, 0), 4)::float8 as "certificationRate",
  round(placed::numeric / nullif(completed, 0), 4)::float8 as "placementRate"`;

function referenceProviders(providerIds: string[]) {
  const ids = sql.join(
    providerIds.map((id) => sql`${id}`),
    sql`, `,
  );
  return selectRows<TrackRecordRow>(
    t.db,
    sql`with f as (
          select t.provider_org_id as pid,
            count(distinct t.contract_id) filter (where t.status <> 'enrolled')::int as contracts,
            ${outcomeColumns}
          from trainees t ${outcomeJoins}
          where t.provider_org_id in (${ids})
          group by t.provider_org_id
        )
        select pid as "providerOrgId", contracts, ${rates} from f`,
  );
}

function referenceCities() {
  return selectRows<Awaited<ReturnType<typeof cityTrackRecords>>[number]>(
    t.db,
    sql`with f as (
          select org.city, ${outcomeColumns}
          from trainees t join organizations org on org.id = t.provider_org_id ${outcomeJoins}
          group by org.city
        )
        select city, ${rates} from f`,
  );
}

/** The rollup's rows that count anything, and the same counts aggregated from the trainees. */
async function rollupAgainstTrainees() {
  const rollup = await t.db
    .select()
    .from(deliveryRollup)
    .where(sql`(trainees, settled, completed, dropped, certified, placed) <> (0, 0, 0, 0, 0, 0)`);
  const direct = await selectRows<typeof deliveryRollup.$inferSelect>(
    t.db,
    sql`select t.provider_org_id as "providerOrgId", t.contract_id as "contractId",
          count(*) filter (where t.status <> 'enrolled')::int as settled, ${outcomeColumns}
        from trainees t ${outcomeJoins}
        group by t.provider_org_id, t.contract_id`,
  );
  const key = (r: { providerOrgId: string; contractId: string }) => `${r.providerOrgId}/${r.contractId}`;
  const norm = (rows: (typeof deliveryRollup.$inferSelect)[]) =>
    rows
      .map((r) => ({
        key: key(r),
        trainees: r.trainees,
        settled: r.settled,
        completed: r.completed,
        dropped: r.dropped,
        certified: r.certified,
        placed: r.placed,
      }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
  return { rollup: norm(rollup), direct: norm(direct) };
}

const byKey =
  <K extends string>(k: K) =>
  (a: { [P in K]: unknown }, b: { [P in K]: unknown }) =>
    String(a[k]) < String(b[k]) ? -1 : 1;

/** Everything read from the rollup equals the reference aggregates. */
async function expectSameFigures(providerIds: string[]) {
  const { rollup, direct } = await rollupAgainstTrainees();
  expect(rollup).toEqual(direct);
  const [providers, providersRef, cities, citiesRef] = await Promise.all([
    providerTrackRecords(t.db, providerIds),
    referenceProviders(providerIds),
    cityTrackRecords(t.db),
    referenceCities(),
  ]);
  expect([...providers].sort(byKey("providerOrgId"))).toEqual(providersRef.sort(byKey("providerOrgId")));
  expect([...cities].sort(byKey("city"))).toEqual(citiesRef.sort(byKey("city")));
}

describe("a match list and a changing track record", () => {
  it("shows the provider's new figures once a trainee completes, passes and is hired", async () => {
    const provider = await bidder(t, { city: "Shenzhen" });
    const ac = await activeContract(t, { provider, company, headcount: 2 });
    const cohort = await createCohort(t, provider.token, provider.programId, { name: "Refresh cohort" });
    const order = await publishedOrder(t, company.token);
    const trackRecordOf = async () => {
      const res = await t.call("GET", `/v1/orders/${order.id}/matches`, { token: company.token });
      expect(res.status).toBe(200);
      const match = res.body.data.find((m: { cohort: { id: string } }) => m.cohort.id === cohort.id);
      return match.factors.find((f: { factor: string }) => f.factor === "trackRecord");
    };
    const [x] = await enrol(t, ac, ["壬"]);
    const before = await trackRecordOf();
    expect(before.evidence.code).toBe("track_record_city_prior");

    await settle(t, ac, x);
    const day = t.clock.now().toISOString().slice(0, 10);
    const pass = await t.call("POST", `/v1/trainees/${x.id}/assessments`, {
      token: assessor.token,
      body: {
        occupationCode: "ai_engineer",
        level: 3,
        result: "pass",
        assessedOn: day,
        certificateNo: "RF-1",
      },
    });
    expect(pass.status).toBe(201);
    const hired = await t.call("POST", `/v1/trainees/${x.id}/placement`, {
      token: company.token,
      body: { hired: true },
    });
    expect(hired.status).toBe(201);

    // The index of this app instance was built before: it sees the new record through match_changes.
    const after = await trackRecordOf();
    expect(after.evidence.code).toBe("track_record_history");
    expect(after.evidence.params.contracts).toBe(1);
    expect(after.evidence.params.rates).toEqual({
      completionRate: 1,
      certificationRate: 1,
      placementRate: 1,
    });
    expect(after.score).not.toBe(before.score);
  });

  it("does not note a match change for an enrolment (no rate moves)", async () => {
    const ac = await activeContract(t, { company, headcount: 3 });
    const [{ seq: before }] = await selectRows<{ seq: number }>(
      t.db,
      sql`select seq::int from match_watermark where id = 1`,
    );
    await enrol(t, ac, ["癸"]);
    const [{ seq: after }] = await selectRows<{ seq: number }>(
      t.db,
      sql`select seq::int from match_watermark where id = 1`,
    );
    expect(after).toBe(before);
  });
});

describe("the rollup against the aggregate over trainees", () => {
  let contracts: ActiveContract[];
  let providers: string[];
  let slots: { providerOrgId: string; contractId: string; cohortId: string }[];

  beforeAll(async () => {
    contracts = [
      await activeContract(t, { company, headcount: 20 }),
      await activeContract(t, { company, headcount: 20 }),
    ];
    const shanghai = await t.org("provider", { city: "Shanghai" });
    const other = await t.org("provider", { city: "Hangzhou" });
    providers = [contracts[0].provider.orgId, contracts[1].provider.orgId, shanghai.orgId, other.orgId];
    // Rows the API would never write (a provider on another's contract) are fine for the triggers' arithmetic.
    const [c1, c2] = contracts.map((c) => ({ contractId: c.contractId, cohortId: c.cohort.id }));
    slots = [
      { providerOrgId: providers[0], ...c1 },
      { providerOrgId: providers[0], ...c2 },
      { providerOrgId: providers[1], ...c2 },
      { providerOrgId: providers[2], ...c1 },
      { providerOrgId: providers[3], ...c2 },
    ];
  });

  const traineeAt = async (i: number) => {
    const rows = await t.db.select().from(trainees).orderBy(trainees.seq);
    return rows.length ? rows[i % rows.length] : undefined;
  };
  const assessment = (trainee: typeof trainees.$inferSelect, result: "pass" | "fail") => ({
    id: newId("asm"),
    traineeId: trainee.id,
    contractId: trainee.contractId,
    assessorOrgId: assessor.orgId,
    occupationCode: "ai_engineer",
    certificationType: "vocational_skill_level" as const,
    level: 3,
    result,
    assessedOn: trainee.enrolledOn,
    createdAt: t.clock.now(),
  });

  const pick = fc.nat(1000);
  const step = fc.oneof(
    fc.record({ op: fc.constant("enrol" as const), slot: fc.nat(4), n: fc.integer({ min: 1, max: 3 }) }),
    fc.record({
      op: fc.constant("settle" as const),
      i: pick,
      status: fc.constantFrom("completed", "dropped"),
    }),
    fc.record({ op: fc.constant("reopen" as const), i: pick }),
    fc.record({
      op: fc.constant("assess" as const),
      i: pick,
      results: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ op: fc.constant("flip" as const), i: pick }),
    fc.record({ op: fc.constant("unassess" as const), i: pick }),
    fc.record({ op: fc.constant("place" as const), i: pick, hired: fc.boolean() }),
    fc.record({ op: fc.constant("unplace" as const), i: pick }),
    fc.record({ op: fc.constant("move" as const), i: pick, slot: fc.nat(4) }),
    fc.record({ op: fc.constant("remove" as const), i: pick }),
    fc.record({
      op: fc.constant("city" as const),
      org: fc.nat(3),
      city: fc.constantFrom("Beijing", "Shanghai"),
    }),
  );
  type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

  async function apply(s: Step) {
    const now = t.clock.now();
    if (s.op === "enrol") {
      const slot = slots[s.slot];
      await t.db.insert(trainees).values(
        Array.from({ length: s.n }, (_, k) => ({
          id: newId("trn"),
          ...slot,
          name: `T${k}`,
          status: "enrolled" as const,
          enrolledOn: "2026-03-02",
          createdAt: now,
          updatedAt: now,
        })),
      );
      return;
    }
    if (s.op === "city") {
      await t.db.update(organizations).set({ city: s.city }).where(eq(organizations.id, providers[s.org]));
      return;
    }
    const x = await traineeAt(s.i);
    if (!x) return;
    switch (s.op) {
      case "settle": // as the API: only from enrolled
        await t.db
          .update(trainees)
          .set({ status: s.status, statusDate: "2026-03-02", version: sql`${trainees.version} + 1` })
          .where(and(eq(trainees.id, x.id), eq(trainees.status, "enrolled")));
        break;
      case "reopen":
        await t.db
          .update(trainees)
          .set({ status: "enrolled", statusDate: null })
          .where(eq(trainees.id, x.id));
        break;
      case "assess": // several in one statement: the trigger sees them all at once
        await t.db.insert(assessments).values(s.results.map((r) => assessment(x, r ? "pass" : "fail")));
        break;
      case "flip":
        await t.db
          .update(assessments)
          .set({ result: sql`case when ${assessments.result} = 'pass' then 'fail' else 'pass' end` })
          .where(
            eq(
              assessments.id,
              sql`(select id from assessments where trainee_id = ${x.id} order by id limit 1)`,
            ),
          );
        break;
      case "unassess":
        await t.db
          .delete(assessments)
          .where(
            eq(
              assessments.id,
              sql`(select id from assessments where trainee_id = ${x.id} order by id limit 1)`,
            ),
          );
        break;
      case "place": // as the API: insert or correct
        await t.db
          .insert(placements)
          .values({
            traineeId: x.id,
            contractId: x.contractId,
            hired: s.hired,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoUpdate({ target: placements.traineeId, set: { hired: s.hired, updatedAt: now } });
        break;
      case "unplace":
        await t.db.delete(placements).where(eq(placements.traineeId, x.id));
        break;
      case "move": {
        const { providerOrgId, contractId } = slots[s.slot];
        await t.db.update(trainees).set({ providerOrgId, contractId }).where(eq(trainees.id, x.id));
        break;
      }
      case "remove":
        await t.db.transaction(async (tx) => {
          await tx.delete(assessments).where(eq(assessments.traineeId, x.id));
          await tx.delete(placements).where(eq(placements.traineeId, x.id));
          await tx.delete(trainees).where(eq(trainees.id, x.id));
        });
        break;
    }
  }

  it("stays equal after every step of random write sequences", async () => {
    await expectSameFigures(providers);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        for (const s of steps) {
          await apply(s);
          await expectSameFigures(providers);
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it("the migration's backfill rebuilds the same rollup from the rows", async () => {
    const migration = readFileSync(
      new URL("../../drizzle/0021_delivery_rollup_triggers.sql", import.meta.url),
      "utf8",
    );
    const backfill = migration
      .split("--> statement-breakpoint")
      .find((s) => s.includes("-- The rows already there"));
    expect(backfill).toBeDefined();
    const before = await rollupAgainstTrainees();
    await t.db.transaction(async (tx) => {
      await tx.delete(deliveryRollup);
      await tx.execute(sql.raw(backfill as string));
    });
    const after = await rollupAgainstTrainees();
    expect(after.rollup).toEqual(before.direct);
    await expectSameFigures(providers);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("races on PostgreSQL", () => {
  const RUNS = 4;
  const today = () => t.clock.now().toISOString().slice(0, 10);
  let certNo = 0;
  const pass = (traineeId: string) =>
    t.call("POST", `/v1/trainees/${traineeId}/assessments`, {
      token: assessor.token,
      body: {
        occupationCode: "ai_engineer",
        level: 3,
        result: "pass",
        assessedOn: today(),
        certificateNo: `RACE-${certNo++}`,
      },
    });
  const place = (traineeId: string) =>
    t.call("POST", `/v1/trainees/${traineeId}/placement`, { token: company.token, body: { hired: true } });
  const rollupOf = async (contractId: string) => {
    const [row] = await t.db.select().from(deliveryRollup).where(eq(deliveryRollup.contractId, contractId));
    return row;
  };

  it(`concurrent passes and placements of one completed trainee count it once, ${RUNS} times`, async () => {
    const ac = await activeContract(t, { company, headcount: RUNS });
    for (const x of await enrol(
      t,
      ac,
      Array.from({ length: RUNS }, (_, k) => `R${k}`),
    )) {
      await settle(t, ac, x);
      const results = await Promise.all([
        ...Array.from({ length: 6 }, () => pass(x.id)),
        ...Array.from({ length: 6 }, () => place(x.id)),
      ]);
      for (const r of results) expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    }
    expect(await rollupOf(ac.contractId)).toMatchObject({
      trainees: RUNS,
      completed: RUNS,
      certified: RUNS,
      placed: RUNS,
    });
  });

  it(`a trainee's completion racing its passes counts it certified once, ${RUNS} times`, async () => {
    const ac = await activeContract(t, { company, headcount: RUNS });
    for (const x of await enrol(
      t,
      ac,
      Array.from({ length: RUNS }, (_, k) => `S${k}`),
    )) {
      const results = await Promise.all([settle(t, ac, x), pass(x.id), pass(x.id), pass(x.id)]);
      for (const r of results.slice(1)) expect(r.status).toBe(201);
    }
    expect(await rollupOf(ac.contractId)).toMatchObject({ completed: RUNS, certified: RUNS });
  });

  it("a pass that waits behind another transaction's pass sees it once that one commits", async () => {
    const ac = await activeContract(t, { company, headcount: 1 });
    const [x] = await enrol(t, ac, ["W"]);
    await settle(t, ac, x);
    const [row] = await t.db.select().from(trainees).where(eq(trainees.id, x.id));
    let waiting: Promise<unknown> | undefined;
    await t.db.transaction(async (tx) => {
      await tx.insert(assessments).values({
        id: newId("asm"),
        traineeId: x.id,
        contractId: row.contractId,
        assessorOrgId: assessor.orgId,
        occupationCode: "ai_engineer",
        certificationType: "vocational_skill_level",
        level: 3,
        result: "pass",
        assessedOn: today(),
        createdAt: t.clock.now(),
      });
      // This transaction's trigger holds the trainee's lock: the API's pass waits for the commit below.
      waiting = pass(x.id);
      await new Promise((r) => setTimeout(r, 300));
    });
    expect(((await waiting) as { status: number }).status).toBe(201);
    expect(await rollupOf(ac.contractId)).toMatchObject({ completed: 1, certified: 1 });
    await expectSameFigures([ac.provider.orgId]);
  });
});
