/** Program use cases: accredited providers offer, amend and archive programs; verified organisations read them. */
import { and, eq, gt, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { cohorts, occupations, programSkills, programs } from "../../db/schema";
import { requireKind, requireVerified } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { hasChild, loadGrouped, replaceChildren } from "../../platform/children";
import { AppError, invalidField } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { keyset, toPage } from "../../platform/pagination";
import { checkQuota } from "../../platform/quotas";
import type { Scope } from "../../platform/scope";
import { transition, updateVersioned } from "../../platform/transition";
import { isAccredited } from "../organizations/service";
import { checkSkillsExist } from "../taxonomy/service";
import { findOwnProgram, findVisibleProgram, type ProgramRow, programVisibleTo } from "./access";
import {
  type NewProgram,
  type Program,
  type ProgramListQuery,
  type ProgramPatch,
  toProgram,
} from "./schemas";

const skillsOf = (db: Database, ids: string[]) =>
  loadGrouped(db, programSkills, programSkills.programId, ids, [programSkills.skillId]);

async function view(db: Database, row: ProgramRow): Promise<Program> {
  return toProgram(row, (await skillsOf(db, [row.id])).get(row.id) ?? []);
}

/**
 * A verified provider, currently accredited for the occupation, offers a new (active) program; counts against
 * `activePrograms`.
 * @example const program = await createProgram(scope, { title, occupationCode: "ai_engineer", … });
 */
export async function createProgram(scope: Scope, input: NewProgram): Promise<Program> {
  const { db, actor, now } = scope;
  requireKind(actor, "provider");
  requireVerified(actor);
  const [occupation] = await db
    .select({ code: occupations.code })
    .from(occupations)
    .where(eq(occupations.code, input.occupationCode));
  if (!occupation) throw invalidField("occupationCode", "no such occupation");
  if (!(await isAccredited(db, { orgId: actor.orgId, occupationCode: input.occupationCode, now }))) {
    throw new AppError(
      "forbidden",
      `Your organisation holds no current accreditation for ${input.occupationCode}; the bureau must accredit (or renew) it first`,
    );
  }
  await checkSkillsExist(db, input.skills);
  const { skills: taught, certification, ...fields } = input;
  return db.transaction(async (tx) => {
    await checkQuota({ ...scope, db: tx }, "activePrograms", {
      table: programs,
      where: and(eq(programs.providerOrgId, actor.orgId), eq(programs.status, "active")),
    });
    const [row] = await tx
      .insert(programs)
      .values({
        ...fields,
        id: newId("prg"),
        providerOrgId: actor.orgId,
        certificationType: certification.type,
        certificationLevel: certification.level,
        status: "active",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(programSkills).values(taught.map((s) => ({ programId: row.id, ...s })));
    await writeAudit(tx, actor, now, {
      entityType: "program",
      entityId: row.id,
      action: "create",
      toState: "active",
    });
    return view(tx, row);
  });
}

/** One program as the actor may see it. */
export async function getProgram(scope: Scope, input: { id: string }): Promise<Program> {
  return view(scope.db, await findVisibleProgram(scope, input.id));
}

/**
 * Visible programs, newest first, filtered by occupation, skill taught, city, mode, provider and status.
 * @example const page = await listPrograms(scope, { status: "active", skillId: "skl_deep_learning", limit: 20 });
 */
export async function listPrograms({ db, actor }: Scope, q: ProgramListQuery) {
  const { after, orderBy } = keyset(
    { sortBy: programs.createdAt, id: programs.id, direction: "desc" },
    q.cursor,
  );
  const rows = await db
    .select()
    .from(programs)
    .where(
      and(
        programVisibleTo(actor),
        eq(programs.status, q.status),
        q.occupationCode ? eq(programs.occupationCode, q.occupationCode) : undefined,
        q.mode ? eq(programs.mode, q.mode) : undefined,
        q.providerOrgId ? eq(programs.providerOrgId, q.providerOrgId) : undefined,
        q.city ? sql`lower(${programs.city}) = lower(${q.city})` : undefined,
        q.skillId
          ? hasChild(programSkills, programSkills.programId, programs.id, programSkills.skillId, q.skillId)
          : undefined,
        after,
      ),
    )
    .orderBy(...orderBy)
    .limit(q.limit + 1);
  const skills = await skillsOf(
    db,
    rows.slice(0, q.limit).map((r) => r.id),
  );
  return toPage(
    rows,
    q.limit,
    (r) => [r.createdAt.toISOString(), r.id],
    (r) => toProgram(r, skills.get(r.id) ?? []),
  );
}

/**
 * The owning provider amends an active program under `If-Match`; `skills` replaces the list; the occupation is fixed.
 * @example await updateProgram(scope, { id, expectedVersion: 3, patch: { pricePerTraineeFen: 990_000 } });
 */
export async function updateProgram(
  scope: Scope,
  input: { id: string; expectedVersion: number; patch: ProgramPatch },
): Promise<Program> {
  const { db, actor, now } = scope;
  const { id, expectedVersion, patch } = input;
  const current = await findOwnProgram(scope, id, "amend");
  if (patch.occupationCode !== undefined && patch.occupationCode !== current.occupationCode) {
    throw invalidField("occupationCode", "cannot change; offer a new program for another occupation");
  }
  if (current.status !== "active") {
    throw new AppError(
      "invalid_state",
      `Program ${id} is ${current.status}; only active programs are amended`,
    );
  }
  if (patch.skills) await checkSkillsExist(db, patch.skills);
  const { skills: taught, certification, occupationCode: _fixed, ...fields } = patch;
  const set = {
    ...fields,
    ...(certification
      ? { certificationType: certification.type, certificationLevel: certification.level }
      : {}),
    updatedAt: now,
  };
  return db.transaction(async (tx) => {
    // The program row is locked first, so a cohort resized at the same moment waits and sees the new capacity.
    await tx.select({ id: programs.id }).from(programs).where(eq(programs.id, id)).for("no key update");
    if (patch.cohortCapacity !== undefined) {
      // A planned cohort already promised to run at its size; capacity may not drop below it.
      const [larger] = await tx
        .select({ id: cohorts.id, size: cohorts.size })
        .from(cohorts)
        .where(
          and(
            eq(cohorts.programId, id),
            eq(cohorts.status, "planned"),
            gt(cohorts.size, patch.cohortCapacity),
          ),
        );
      if (larger)
        throw invalidField("cohortCapacity", `below the size ${larger.size} of planned cohort ${larger.id}`);
    }
    const row = await updateVersioned(tx, {
      table: programs,
      entityType: "program",
      id,
      action: "update",
      expectedVersion,
      set,
      actor,
      now,
      data: { fields: Object.keys(patch) },
    });
    if (taught) {
      const rows = taught.map((s) => ({ programId: id, ...s }));
      await replaceChildren(tx, programSkills, programSkills.programId, id, rows);
    }
    return view(tx, row);
  });
}

/**
 * The owning provider withdraws a program from offer (`active → archived`); its cohorts carry on.
 * @example await archiveProgram(scope, { id });
 */
export async function archiveProgram(
  scope: Scope,
  input: { id: string; expectedVersion?: number },
): Promise<Program> {
  const { db, actor, now } = scope;
  await findOwnProgram(scope, input.id, "archive");
  const row = await transition(db, {
    table: programs,
    entityType: "program",
    id: input.id,
    action: "archive",
    from: ["active"],
    to: "archived",
    actor,
    now,
    expectedVersion: input.expectedVersion,
    set: { updatedAt: now },
  });
  return view(db, row);
}
