/** Cohort use cases: providers plan and run cohorts of their programs; buyers and the bureau see open ones. */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { type COHORT_STATUSES, cohortSkills, cohorts, programs } from "../../db/schema";
import { requireKind, requireVerified } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { hasChild, loadGrouped, replaceChildren } from "../../platform/children";
import { AppError, invalidField } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { keyset, toPage } from "../../platform/pagination";
import { checkQuota } from "../../platform/quotas";
import type { Scope } from "../../platform/scope";
import { transition, updateVersioned } from "../../platform/transition";
import { findVisibleProgram } from "../programs/access";
import { checkSkillsExist } from "../taxonomy/service";
import { type CohortRow, cohortVisibleTo, findOwnCohort, findVisibleCohort, seesFullCohort } from "./access";
import {
  type Cohort,
  type CohortListQuery,
  type CohortPatch,
  type CohortSummary,
  type NewCohort,
  toCohort,
  toCohortSummary,
} from "./schemas";

type CohortStatus = (typeof COHORT_STATUSES)[number];

const today = (now: Date) => now.toISOString().slice(0, 10);

/** Cohorts' skill profiles, by cohort id. */
export const cohortProfiles = (db: Database, ids: string[]) =>
  loadGrouped(db, cohortSkills, cohortSkills.cohortId, ids, [cohortSkills.skillId]);

async function ownerView(db: Database, row: CohortRow): Promise<Cohort> {
  return toCohort(row, (await cohortProfiles(db, [row.id])).get(row.id) ?? []);
}

function checkReadyDate(readyDate: string, now: Date): void {
  if (readyDate < today(now)) throw invalidField("readyDate", "must be today or later");
}

/** The program's row, locked for the rest of the transaction, so capacity and status cannot change under us. */
// NO KEY UPDATE, not UPDATE: it still serialises every change to the program and its cohorts, but leaves the key-share
// lock that a foreign key takes free, so a bid on this program (which locks the organisation for its quota first)
// never waits on it while this transaction waits on the organisation: that was a deadlock.
async function lockProgram(tx: Database, programId: string) {
  const [program] = await tx.select().from(programs).where(eq(programs.id, programId)).for("no key update");
  return program;
}

/**
 * A verified provider plans a cohort of one of its own active programs; the occupation comes from the program.
 * Counts against `openCohorts`.
 * @example await createCohort(scope, { programId, name, size: 30, readyDate: "2031-07-15", city: "Beijing", skills });
 */
export async function createCohort(scope: Scope, input: NewCohort): Promise<Cohort> {
  const { db, actor, now } = scope;
  requireKind(actor, "provider");
  requireVerified(actor);
  const visible = await findVisibleProgram(scope, input.programId);
  if (visible.providerOrgId !== actor.orgId) {
    throw new AppError(
      "forbidden",
      `Program ${visible.id} belongs to another provider; cohorts run under your own programs`,
    );
  }
  checkReadyDate(input.readyDate, now);
  await checkSkillsExist(db, input.skills);
  const { skills: profile, ...fields } = input;
  return db.transaction(async (tx) => {
    const program = await lockProgram(tx, visible.id);
    if (program.status !== "active") {
      throw new AppError(
        "invalid_state",
        `Program ${program.id} is ${program.status}; new cohorts need an active program`,
      );
    }
    if (input.size > program.cohortCapacity) {
      throw invalidField("size", `exceeds the program's cohortCapacity of ${program.cohortCapacity}`);
    }
    await checkQuota({ ...scope, db: tx }, "openCohorts", {
      table: cohorts,
      where: and(
        eq(cohorts.providerOrgId, actor.orgId),
        eq(cohorts.status, "planned"),
        isNull(cohorts.contractId),
      ),
    });
    const [row] = await tx
      .insert(cohorts)
      .values({
        ...fields,
        id: newId("coh"),
        providerOrgId: actor.orgId,
        occupationCode: program.occupationCode,
        district: fields.district ?? null,
        status: "planned",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(cohortSkills).values(profile.map((s) => ({ cohortId: row.id, ...s })));
    await writeAudit(tx, actor, now, {
      entityType: "cohort",
      entityId: row.id,
      action: "create",
      toState: "planned",
    });
    return ownerView(tx, row);
  });
}

/** One cohort: the full view for its provider, the summary for a company or the bureau when it is open. */
export async function getCohort(scope: Scope, input: { id: string }): Promise<Cohort | CohortSummary> {
  const row = await findVisibleCohort(scope, input.id);
  const skills = (await cohortProfiles(scope.db, [row.id])).get(row.id) ?? [];
  return seesFullCohort(scope.actor, row) ? toCohort(row, skills) : toCohortSummary(row, skills);
}

/**
 * Visible cohorts, newest first: a provider's own (full view); open cohorts' summaries for companies and the bureau.
 * @example const page = await listCohorts(scope, { occupationCode: "ai_engineer", limit: 20 });
 */
export async function listCohorts({ db, actor }: Scope, q: CohortListQuery) {
  const { after, orderBy } = keyset(
    { sortBy: cohorts.createdAt, id: cohorts.id, direction: "desc" },
    q.cursor,
  );
  const rows = await db
    .select()
    .from(cohorts)
    .where(
      and(
        cohortVisibleTo(actor),
        q.programId ? eq(cohorts.programId, q.programId) : undefined,
        q.occupationCode ? eq(cohorts.occupationCode, q.occupationCode) : undefined,
        q.status ? eq(cohorts.status, q.status) : undefined,
        q.city ? sql`lower(${cohorts.city}) = lower(${q.city})` : undefined,
        q.skillId
          ? hasChild(cohortSkills, cohortSkills.cohortId, cohorts.id, cohortSkills.skillId, q.skillId)
          : undefined,
        after,
      ),
    )
    .orderBy(...orderBy)
    .limit(q.limit + 1);
  const skills = await cohortProfiles(
    db,
    rows.slice(0, q.limit).map((r) => r.id),
  );
  return toPage(
    rows,
    q.limit,
    (r) => [r.createdAt.toISOString(), r.id],
    (r) =>
      seesFullCohort(actor, r)
        ? toCohort(r, skills.get(r.id) ?? [])
        : toCohortSummary(r, skills.get(r.id) ?? []),
  );
}

/**
 * The owning provider amends a planned, open cohort under `If-Match`; `skills` replaces the profile.
 * @example await updateCohort(scope, { id, expectedVersion: 2, patch: { size: 40 } });
 */
export async function updateCohort(
  scope: Scope,
  input: { id: string; expectedVersion: number; patch: CohortPatch },
): Promise<Cohort> {
  const { db, actor, now } = scope;
  const { id, expectedVersion, patch } = input;
  const current = await findOwnCohort(scope, id, "amend");
  if (current.status !== "planned" || current.contractId) {
    throw new AppError(
      "invalid_state",
      `Cohort ${id} is ${current.contractId ? "under contract" : current.status}; only planned, open cohorts are amended`,
    );
  }
  if (patch.readyDate !== undefined) checkReadyDate(patch.readyDate, now);
  if (patch.skills) await checkSkillsExist(db, patch.skills);
  const { skills: profile, ...fields } = patch;
  return db.transaction(async (tx) => {
    if (patch.size !== undefined) {
      const program = await lockProgram(tx, current.programId);
      if (patch.size > program.cohortCapacity) {
        throw invalidField("size", `exceeds the program's cohortCapacity of ${program.cohortCapacity}`);
      }
    }
    const row = await updateVersioned(tx, {
      table: cohorts,
      entityType: "cohort",
      id,
      action: "update",
      expectedVersion,
      set: { ...fields, updatedAt: now },
      actor,
      now,
      data: { fields: Object.keys(patch) },
    });
    if (profile) {
      const rows = profile.map((s) => ({ cohortId: id, ...s }));
      await replaceChildren(tx, cohortSkills, cohortSkills.cohortId, id, rows);
    }
    return ownerView(tx, row);
  });
}

const MOVES = {
  start: { from: ["planned"], to: "in_training" },
  graduate: { from: ["in_training"], to: "graduated" },
} as const satisfies Record<string, { from: readonly CohortStatus[]; to: CohortStatus }>;

export type CohortMove = keyof typeof MOVES;

/**
 * The owning provider moves a cohort along `planned → in_training → graduated` (409 `invalid_state` otherwise).
 * @example await moveCohort(scope, { id, action: "start" });
 */
export async function moveCohort(
  scope: Scope,
  input: { id: string; action: CohortMove; expectedVersion?: number },
): Promise<Cohort> {
  const { db, actor, now } = scope;
  await findOwnCohort(scope, input.id, input.action);
  const row = await transition(db, {
    table: cohorts,
    entityType: "cohort",
    id: input.id,
    action: input.action,
    ...MOVES[input.action],
    actor,
    now,
    expectedVersion: input.expectedVersion,
    set: { updatedAt: now },
  });
  return ownerView(db, row);
}
