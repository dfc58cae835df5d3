/** Cohort rules: providers plan and run cohorts of their programs; buyers and the bureau see open ones as summaries. */
import { and, eq, exists, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { cohortSkills, cohorts, programs } from "../../db/schema";
import { type Actor, isBureau, requireKind, requireVerified } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { AppError, invalidField } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { keyset, toPage } from "../../platform/pagination";
import { transition, updateVersioned } from "../../platform/transition";
import { looksLikeId } from "../programs/schemas";
import { findVisibleProgram } from "../programs/service";
import { checkSkillsExist } from "../taxonomy/service";
import {
  type Cohort,
  type CohortPatch,
  type CohortSummary,
  type NewCohort,
  toCohort,
  toCohortSummary,
} from "./schemas";

type CohortRow = typeof cohorts.$inferSelect;
type CohortStatus = CohortRow["status"];

const today = (now: Date) => now.toISOString().slice(0, 10);

/** Buyers (verified companies) and the bureau see open cohorts; every provider sees only its own. */
const seesOpenCohorts = (actor: Actor) =>
  isBureau(actor) || (actor.orgKind === "company" && actor.orgStatus === "verified");

function visibleTo(actor: Actor): SQL | undefined {
  const own = eq(cohorts.providerOrgId, actor.orgId);
  return seesOpenCohorts(actor) ? or(own, isNull(cohorts.contractId)) : own;
}

export async function loadSkills(db: Database, cohortIds: string[]) {
  const byCohort = new Map<string, (typeof cohortSkills.$inferSelect)[]>();
  if (cohortIds.length === 0) return byCohort;
  const rows = await db
    .select()
    .from(cohortSkills)
    .where(inArray(cohortSkills.cohortId, cohortIds))
    .orderBy(cohortSkills.skillId);
  for (const r of rows) byCohort.set(r.cohortId, [...(byCohort.get(r.cohortId) ?? []), r]);
  return byCohort;
}

/** The owner's full view, or the trainee-free summary for everyone else allowed to see the cohort. */
function view(
  actor: Actor,
  row: CohortRow,
  skills: (typeof cohortSkills.$inferSelect)[],
): Cohort | CohortSummary {
  return row.providerOrgId === actor.orgId ? toCohort(row, skills) : toCohortSummary(row, skills);
}

async function ownerView(db: Database, row: CohortRow): Promise<Cohort> {
  return toCohort(row, (await loadSkills(db, [row.id])).get(row.id) ?? []);
}

export async function findVisibleCohort(db: Database, actor: Actor, id: string): Promise<CohortRow> {
  const [row] = looksLikeId("coh", id)
    ? await db
        .select()
        .from(cohorts)
        .where(and(eq(cohorts.id, id), visibleTo(actor)))
    : [];
  if (!row) throw new AppError("not_found", `Cohort ${id} does not exist`);
  return row;
}

async function findOwnCohort(db: Database, actor: Actor, id: string, action: string): Promise<CohortRow> {
  const row = await findVisibleCohort(db, actor, id);
  if (row.providerOrgId !== actor.orgId) {
    throw new AppError("forbidden", `Only the provider that runs cohort ${id} may ${action} it`);
  }
  return row;
}

function checkReadyDate(readyDate: string, now: Date): void {
  if (readyDate < today(now)) throw invalidField("readyDate", "must be today or later");
}

/**
 * A verified provider plans a cohort of one of its own active programs; the occupation comes from the program.
 * @example await createCohort(db, actor, { programId, name, size: 30, readyDate: "2026-07-15", city: "Beijing", skills }, now);
 */
export async function createCohort(db: Database, actor: Actor, input: NewCohort, now: Date): Promise<Cohort> {
  requireKind(actor, "provider");
  requireVerified(actor);
  const program = await findVisibleProgram(db, actor, input.programId);
  if (program.providerOrgId !== actor.orgId) {
    throw new AppError(
      "forbidden",
      `Program ${program.id} belongs to another provider; cohorts run under your own programs`,
    );
  }
  if (program.status !== "active") {
    throw new AppError(
      "invalid_state",
      `Program ${program.id} is ${program.status}; new cohorts need an active program`,
    );
  }
  if (input.size > program.cohortCapacity) {
    throw invalidField("size", `exceeds the program's cohortCapacity of ${program.cohortCapacity}`);
  }
  checkReadyDate(input.readyDate, now);
  await checkSkillsExist(db, input.skills);
  const { skills: profile, ...fields } = input;
  return db.transaction(async (tx) => {
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
export async function getCohort(
  db: Database,
  actor: Actor,
  id: string,
): Promise<{ cohort: Cohort | CohortSummary; version: number }> {
  const row = await findVisibleCohort(db, actor, id);
  return {
    cohort: view(actor, row, (await loadSkills(db, [row.id])).get(row.id) ?? []),
    version: row.version,
  };
}

export interface CohortListQuery {
  programId?: string;
  occupationCode?: string;
  city?: string;
  status?: CohortStatus;
  skillId?: string;
  limit: number;
  cursor?: string;
}

/**
 * Visible cohorts, newest first: a provider's own (full view); open cohorts' summaries for companies and the bureau.
 * @example const page = await listCohorts(db, actor, { occupationCode: "ai_engineer", limit: 20 });
 */
export async function listCohorts(db: Database, actor: Actor, q: CohortListQuery) {
  const { after, orderBy } = keyset(
    { sortBy: cohorts.createdAt, id: cohorts.id, direction: "desc" },
    q.cursor,
  );
  const profiles = (skillId: string) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(cohortSkills)
        .where(and(eq(cohortSkills.cohortId, cohorts.id), eq(cohortSkills.skillId, skillId))),
    );
  const rows = await db
    .select()
    .from(cohorts)
    .where(
      and(
        visibleTo(actor),
        q.programId ? eq(cohorts.programId, q.programId) : undefined,
        q.occupationCode ? eq(cohorts.occupationCode, q.occupationCode) : undefined,
        q.status ? eq(cohorts.status, q.status) : undefined,
        q.city ? sql`lower(${cohorts.city}) = lower(${q.city})` : undefined,
        q.skillId ? profiles(q.skillId) : undefined,
        after,
      ),
    )
    .orderBy(...orderBy)
    .limit(q.limit + 1);
  const skillsOf = await loadSkills(
    db,
    rows.slice(0, q.limit).map((r) => r.id),
  );
  return toPage(
    rows,
    q.limit,
    (r) => [r.createdAt.toISOString(), r.id],
    (r) => view(actor, r, skillsOf.get(r.id) ?? []),
  );
}

/**
 * The owning provider amends a planned, open cohort under `If-Match`; `skills` replaces the profile.
 * @example await updateCohort(db, actor, id, 2, { size: 40 }, clock.now());
 */
export async function updateCohort(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: CohortPatch,
  now: Date,
): Promise<Cohort> {
  const current = await findOwnCohort(db, actor, id, "amend");
  if (current.status !== "planned" || current.contractId) {
    throw new AppError(
      "invalid_state",
      `Cohort ${id} is ${current.contractId ? "under contract" : current.status}; only planned, open cohorts are amended`,
    );
  }
  if (patch.size !== undefined) {
    const [program] = await db.select().from(programs).where(eq(programs.id, current.programId));
    if (patch.size > program.cohortCapacity) {
      throw invalidField("size", `exceeds the program's cohortCapacity of ${program.cohortCapacity}`);
    }
  }
  if (patch.readyDate !== undefined) checkReadyDate(patch.readyDate, now);
  if (patch.skills) await checkSkillsExist(db, patch.skills);
  const { skills: profile, ...fields } = patch;
  return db.transaction(async (tx) => {
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
      await tx.delete(cohortSkills).where(eq(cohortSkills.cohortId, id));
      await tx.insert(cohortSkills).values(profile.map((s) => ({ cohortId: id, ...s })));
    }
    return ownerView(tx, row);
  });
}

const MOVES = {
  start: { from: ["planned"], to: "in_training" },
  graduate: { from: ["in_training"], to: "graduated" },
} as const satisfies Record<string, { from: readonly CohortStatus[]; to: CohortStatus }>;

/**
 * The owning provider moves a cohort along `planned → in_training → graduated` (409 `invalid_state` otherwise).
 * @example await moveCohort(db, actor, id, "start", undefined, clock.now());
 */
export async function moveCohort(
  db: Database,
  actor: Actor,
  id: string,
  action: keyof typeof MOVES,
  expectedVersion: number | undefined,
  now: Date,
): Promise<Cohort> {
  await findOwnCohort(db, actor, id, action);
  const row = await transition(db, {
    table: cohorts,
    entityType: "cohort",
    id,
    action,
    ...MOVES[action],
    actor,
    now,
    expectedVersion,
    set: { updatedAt: now },
  });
  return ownerView(db, row);
}
