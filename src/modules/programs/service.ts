/** Program rules: accredited providers offer programs; verified organisations read the active ones. */
import { and, eq, exists, gt, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { cohorts, occupations, programSkills, programs } from "../../db/schema";
import { type Actor, isBureau, requireKind, requireVerified } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { AppError, invalidField } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { keyset, toPage } from "../../platform/pagination";
import { transition, updateVersioned } from "../../platform/transition";
import { isAccredited } from "../organizations/service";
import { checkSkillsExist } from "../taxonomy/service";
import { looksLikeId, type NewProgram, type Program, type ProgramPatch, toProgram } from "./schemas";

type ProgramRow = typeof programs.$inferSelect;

/** Which programs an actor may see: the bureau all, verified organisations active ones and their own, others their own. */
function visibleTo(actor: Actor): SQL | undefined {
  if (isBureau(actor)) return undefined;
  if (actor.orgStatus === "verified")
    return or(eq(programs.status, "active"), eq(programs.providerOrgId, actor.orgId));
  return eq(programs.providerOrgId, actor.orgId);
}

async function loadSkills(db: Database, programIds: string[]) {
  const bySkill = new Map<string, { skillId: string; level: number }[]>();
  if (programIds.length === 0) return bySkill;
  const rows = await db
    .select()
    .from(programSkills)
    .where(inArray(programSkills.programId, programIds))
    .orderBy(programSkills.skillId);
  for (const r of rows) bySkill.set(r.programId, [...(bySkill.get(r.programId) ?? []), r]);
  return bySkill;
}

async function shape(db: Database, row: ProgramRow): Promise<Program> {
  return toProgram(row, (await loadSkills(db, [row.id])).get(row.id) ?? []);
}

/**
 * The program as the actor may see it; 404 when it does not exist or is not visible (or the id is malformed).
 * @example const program = await findVisibleProgram(db, actor, "prg_…");
 */
export async function findVisibleProgram(db: Database, actor: Actor, id: string): Promise<ProgramRow> {
  const [row] = looksLikeId("prg", id)
    ? await db
        .select()
        .from(programs)
        .where(and(eq(programs.id, id), visibleTo(actor)))
    : [];
  if (!row) throw new AppError("not_found", `Program ${id} does not exist`);
  return row;
}

/** A visible program that the actor's organisation owns; 403 for anyone else who can see it. */
async function findOwnProgram(db: Database, actor: Actor, id: string, action: string): Promise<ProgramRow> {
  const row = await findVisibleProgram(db, actor, id);
  if (row.providerOrgId !== actor.orgId) {
    throw new AppError("forbidden", `Only the provider that offers program ${id} may ${action} it`);
  }
  return row;
}

/**
 * A verified provider, currently accredited for the occupation, offers a new (active) program.
 * @example const program = await createProgram(db, actor, { title, occupationCode: "ai_engineer", … }, clock.now());
 */
export async function createProgram(
  db: Database,
  actor: Actor,
  input: NewProgram,
  now: Date,
): Promise<Program> {
  requireKind(actor, "provider");
  requireVerified(actor);
  const [occupation] = await db
    .select({ code: occupations.code })
    .from(occupations)
    .where(eq(occupations.code, input.occupationCode));
  if (!occupation) throw invalidField("occupationCode", "no such occupation");
  if (!(await isAccredited(db, actor.orgId, input.occupationCode, now))) {
    throw new AppError(
      "forbidden",
      `Your organisation holds no current accreditation for ${input.occupationCode}; the bureau must accredit (or renew) it first`,
    );
  }
  await checkSkillsExist(db, input.skills);
  const { skills: taught, certification, ...fields } = input;
  return db.transaction(async (tx) => {
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
    return shape(tx, row);
  });
}

/** One program as the actor may see it. */
export async function getProgram(db: Database, actor: Actor, id: string): Promise<Program> {
  return shape(db, await findVisibleProgram(db, actor, id));
}

export interface ProgramListQuery {
  occupationCode?: string;
  skillId?: string;
  city?: string;
  mode?: ProgramRow["mode"];
  providerOrgId?: string;
  status: ProgramRow["status"];
  limit: number;
  cursor?: string;
}

/**
 * Visible programs, newest first, filtered by occupation, skill taught, city, mode, provider and status.
 * @example const page = await listPrograms(db, actor, { status: "active", skillId: "skl_deep_learning", limit: 20 });
 */
export async function listPrograms(db: Database, actor: Actor, q: ProgramListQuery) {
  const { after, orderBy } = keyset(
    { sortBy: programs.createdAt, id: programs.id, direction: "desc" },
    q.cursor,
  );
  const teaches = (skillId: string) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(programSkills)
        .where(and(eq(programSkills.programId, programs.id), eq(programSkills.skillId, skillId))),
    );
  const rows = await db
    .select()
    .from(programs)
    .where(
      and(
        visibleTo(actor),
        eq(programs.status, q.status),
        q.occupationCode ? eq(programs.occupationCode, q.occupationCode) : undefined,
        q.mode ? eq(programs.mode, q.mode) : undefined,
        q.providerOrgId ? eq(programs.providerOrgId, q.providerOrgId) : undefined,
        q.city ? sql`lower(${programs.city}) = lower(${q.city})` : undefined,
        q.skillId ? teaches(q.skillId) : undefined,
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
    (r) => toProgram(r, skillsOf.get(r.id) ?? []),
  );
}

/**
 * The owning provider amends an active program under `If-Match`; `skills` replaces the list; the occupation is fixed.
 * @example await updateProgram(db, actor, id, 3, { pricePerTraineeFen: 990_000 }, clock.now());
 */
export async function updateProgram(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: ProgramPatch,
  now: Date,
): Promise<Program> {
  const current = await findOwnProgram(db, actor, id, "amend");
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
  if (patch.cohortCapacity !== undefined) {
    // A planned cohort already promised to run at its size; capacity may not drop below it.
    const [larger] = await db
      .select({ id: cohorts.id, size: cohorts.size })
      .from(cohorts)
      .where(
        and(eq(cohorts.programId, id), eq(cohorts.status, "planned"), gt(cohorts.size, patch.cohortCapacity)),
      );
    if (larger)
      throw invalidField("cohortCapacity", `below the size ${larger.size} of planned cohort ${larger.id}`);
  }
  const { skills: taught, certification, occupationCode: _fixed, ...fields } = patch;
  const set = {
    ...fields,
    ...(certification
      ? { certificationType: certification.type, certificationLevel: certification.level }
      : {}),
    updatedAt: now,
  };
  return db.transaction(async (tx) => {
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
      await tx.delete(programSkills).where(eq(programSkills.programId, id));
      await tx.insert(programSkills).values(taught.map((s) => ({ programId: id, ...s })));
    }
    return shape(tx, row);
  });
}

/**
 * The owning provider withdraws a program from offer (`active → archived`); its cohorts carry on.
 * @example await archiveProgram(db, actor, id, undefined, clock.now());
 */
export async function archiveProgram(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
  now: Date,
): Promise<Program> {
  await findOwnProgram(db, actor, id, "archive");
  const row = await transition(db, {
    table: programs,
    entityType: "program",
    id,
    action: "archive",
    from: ["active"],
    to: "archived",
    actor,
    now,
    expectedVersion,
    set: { updatedAt: now },
  });
  return shape(db, row);
}
