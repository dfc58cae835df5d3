/**
 * Races on provider data: a program's capacity against its cohorts' sizes, archiving against creating a cohort.
 * The racing pairs run on both databases (PGlite serialises them); the interleavings that once broke the invariants
 * are forced on PostgreSQL by holding the program's row in a transaction of the test's own.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cohorts, programs } from "../../src/db/schema";
import { cohortBody, createCohort, createProgram, type Org } from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let provider: Org;
beforeAll(async () => {
  t = await createTestContext();
  provider = await t.org("provider", { accredit: ["ai_engineer"] });
});
afterAll(() => t.close());

const RUNS = 5;

const patchProgram = (id: string, body: object) =>
  t.call("PATCH", `/v1/programs/${id}`, { token: provider.token, headers: { "If-Match": '"1"' }, body });
const patchCohort = (id: string, body: object) =>
  t.call("PATCH", `/v1/cohorts/${id}`, { token: provider.token, headers: { "If-Match": '"1"' }, body });
const archive = (id: string) => t.call("POST", `/v1/programs/${id}/archive`, { token: provider.token });
const plan = (programId: string) =>
  t.call("POST", "/v1/cohorts", { token: provider.token, body: cohortBody(t.clock.now(), programId) });

/** Every cohort's size, with its program's capacity. */
async function sizes(programId: string) {
  return t.db
    .select({ size: cohorts.size, capacity: programs.cohortCapacity })
    .from(cohorts)
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .where(eq(cohorts.programId, programId));
}

describe("racing pairs", () => {
  it(`capacity 40→25 against a cohort 20→40, ${RUNS} times: never a cohort above its program's capacity`, async () => {
    for (let run = 0; run < RUNS; run++) {
      const program = await createProgram(t, provider.token, { cohortCapacity: 40 });
      const cohort = await createCohort(t, provider.token, program.id, { size: 20 });
      const [shrink, grow] = await Promise.all([
        patchProgram(program.id, { cohortCapacity: 25 }),
        patchCohort(cohort.id, { size: 40 }),
      ]);
      expect([shrink.status, grow.status].sort()).toEqual([200, 400]);
      for (const { size, capacity } of await sizes(program.id)) expect(size).toBeLessThanOrEqual(capacity);
    }
  });

  it(`archive against a new cohort, ${RUNS} times: each either wins or the other refuses, never a 500`, async () => {
    for (let run = 0; run < RUNS; run++) {
      const program = await createProgram(t, provider.token);
      const [archived, created] = await Promise.all([archive(program.id), plan(program.id)]);
      expect(archived.status).toBe(200);
      expect([201, 409]).toContain(created.status);
      if (created.status === 409) expect(created.body.code).toBe("invalid_state");
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("forced interleavings (PostgreSQL)", () => {
  /** Runs `change` in a transaction that holds the program's row while `request` starts, then commits. */
  async function whileHolding(programId: string, change: string, request: () => Promise<{ status: number }>) {
    let pending: Promise<{ status: number }> | undefined;
    await t.db.transaction(async (tx) => {
      await tx.select({ id: programs.id }).from(programs).where(eq(programs.id, programId)).for("update");
      await tx.execute(sql.raw(change));
      pending = request();
      await new Promise((resolve) => setTimeout(resolve, 300)); // the request is now waiting for the row
    });
    return pending!;
  }

  it("a cohort planned while its program is being archived is refused once the archive commits", async () => {
    const program = await createProgram(t, provider.token);
    const created = await whileHolding(
      program.id,
      `update programs set status = 'archived' where id = '${program.id}'`,
      () => plan(program.id),
    );
    expect(created.status).toBe(409);
    expect(await sizes(program.id)).toEqual([]);
  });

  it("a cohort grown while its program's capacity is being cut is refused once the cut commits", async () => {
    const program = await createProgram(t, provider.token, { cohortCapacity: 40 });
    const cohort = await createCohort(t, provider.token, program.id, { size: 20 });
    const grown = await whileHolding(
      program.id,
      `update programs set cohort_capacity = 25 where id = '${program.id}'`,
      () => patchCohort(cohort.id, { size: 40 }),
    );
    expect(grown.status).toBe(400);
    expect(await sizes(program.id)).toEqual([{ size: 20, capacity: 25 }]);
  });

  it("a capacity cut while a cohort is being grown under the program's lock is refused once the growth commits", async () => {
    const program = await createProgram(t, provider.token, { cohortCapacity: 40 });
    const cohort = await createCohort(t, provider.token, program.id, { size: 20 });
    const cut = await whileHolding(program.id, `update cohorts set size = 40 where id = '${cohort.id}'`, () =>
      patchProgram(program.id, { cohortCapacity: 25 }),
    );
    expect(cut.status).toBe(400);
    expect(await sizes(program.id)).toEqual([{ size: 40, capacity: 40 }]);
  });
});
