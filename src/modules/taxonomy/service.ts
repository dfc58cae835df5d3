/** Taxonomy use cases: the bureau curates occupations and the skill tree; everyone reads them. */
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { occupations, skills } from "../../db/schema";
import { requireKind } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { isUniqueViolation } from "../../platform/db-errors";
import { AppError, type FieldError, invalidField, invalidFields } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { keyset, toPage } from "../../platform/pagination";
import type { PublicScope, Scope } from "../../platform/scope";
import { updateVersioned } from "../../platform/transition";
import {
  type NewOccupation,
  type NewSkill,
  type OccupationListQuery,
  type OccupationPatch,
  type SkillListQuery,
  type SkillPatch,
  toOccupation,
  toSkill,
} from "./schemas";

export async function listOccupations({ db }: PublicScope, q: OccupationListQuery) {
  const { after, orderBy } = keyset(
    { sortBy: occupations.code, id: occupations.code, direction: "asc" },
    q.cursor,
  );
  const rows = await db
    .select()
    .from(occupations)
    .where(and(q.sector ? eq(occupations.sector, q.sector) : undefined, after))
    .orderBy(...orderBy)
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => [r.code, r.code], toOccupation);
}

export async function getOccupation({ db }: PublicScope, input: { code: string }) {
  const [row] = await db.select().from(occupations).where(eq(occupations.code, input.code));
  if (!row) throw new AppError("not_found", `Occupation ${input.code} does not exist`);
  return toOccupation(row);
}

export async function createOccupation({ db, actor, now }: Scope, input: NewOccupation) {
  requireKind(actor, "bureau");
  return db.transaction(async (tx) => {
    try {
      const [row] = await tx
        .insert(occupations)
        .values({ ...input, nationalCode: input.nationalCode ?? null, createdAt: now })
        .returning();
      await writeAudit(tx, actor, now, { entityType: "occupation", entityId: row.code, action: "create" });
      return toOccupation(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError("conflict", `Occupation ${input.code} already exists`);
      throw err;
    }
  });
}

export async function updateOccupation(
  { db, actor, now }: Scope,
  input: { code: string; expectedVersion: number; patch: OccupationPatch },
) {
  requireKind(actor, "bureau");
  const row = await updateVersioned(db, {
    table: occupations,
    idColumn: occupations.code,
    entityType: "occupation",
    id: input.code,
    action: "update",
    expectedVersion: input.expectedVersion,
    set: input.patch,
    actor,
    now,
  });
  return toOccupation(row);
}

/** Skills, filtered by parent, sector, or an occupation (its sector's skills). */
export async function listSkills({ db }: PublicScope, q: SkillListQuery) {
  let sector = q.sector;
  if (q.occupationCode) {
    const [occ] = await db.select().from(occupations).where(eq(occupations.code, q.occupationCode));
    if (!occ || (sector && sector !== occ.sector)) return { data: [], nextCursor: null };
    sector = occ.sector;
  }
  const { after, orderBy } = keyset({ sortBy: skills.id, id: skills.id, direction: "asc" }, q.cursor);
  const rows = await db
    .select()
    .from(skills)
    .where(
      and(
        q.parentId ? eq(skills.parentId, q.parentId) : undefined,
        sector ? eq(skills.sector, sector) : undefined,
        after,
      ),
    )
    .orderBy(...orderBy)
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => [r.id, r.id], toSkill);
}

/**
 * Field errors naming every `<field>.N.skillId` that is not in the taxonomy (for orders, programs, cohorts).
 * @example errors.push(...(await unknownSkillErrors(db, input.requiredSkills, "requiredSkills")));
 */
export async function unknownSkillErrors(
  db: Database,
  list: { skillId: string }[],
  field: string,
): Promise<FieldError[]> {
  const ids = [...new Set(list.map((s) => s.skillId))];
  const found = ids.length
    ? await db.select({ id: skills.id }).from(skills).where(inArray(skills.id, ids))
    : [];
  const known = new Set(found.map((r) => r.id));
  return list.flatMap((s, i) =>
    known.has(s.skillId) ? [] : [{ path: `${field}.${i}.skillId`, message: `no such skill ${s.skillId}` }],
  );
}

/** 400 naming every `skills.N.skillId` that is not in the taxonomy. */
export async function checkSkillsExist(
  db: Database,
  list: { skillId: string }[],
  field = "skills",
): Promise<void> {
  const errors = await unknownSkillErrors(db, list, field);
  if (errors.length) throw invalidFields(errors);
}

async function findSkill(db: Database, id: string) {
  const [row] = await db.select().from(skills).where(eq(skills.id, id));
  if (!row) throw new AppError("not_found", `Skill ${id} does not exist`);
  return row;
}

export async function getSkill({ db }: PublicScope, input: { id: string }) {
  return toSkill(await findSkill(db, input.id));
}

/** Refuses a parent that does not exist or would put the skill below itself. */
async function checkParent(db: Database, skillId: string | null, parentId: string) {
  for (let at: string | null = parentId, depth = 0; at; depth++) {
    if (at === skillId || depth > 50) throw invalidField("parentId", "would make the skill its own ancestor");
    const [row] = await db.select({ parentId: skills.parentId }).from(skills).where(eq(skills.id, at));
    if (!row) throw invalidField("parentId", "no such skill");
    at = row.parentId;
  }
}

export async function createSkill({ db, actor, now }: Scope, input: NewSkill) {
  requireKind(actor, "bureau");
  if (input.parentId) await checkParent(db, null, input.parentId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(skills)
      .values({ id: newId("skl"), ...input, parentId: input.parentId ?? null, createdAt: now })
      .returning();
    await writeAudit(tx, actor, now, { entityType: "skill", entityId: row.id, action: "create" });
    return toSkill(row);
  });
}

export async function updateSkill(
  { db, actor, now }: Scope,
  input: { id: string; expectedVersion: number; patch: SkillPatch },
) {
  requireKind(actor, "bureau");
  await findSkill(db, input.id);
  if (input.patch.parentId) await checkParent(db, input.id, input.patch.parentId);
  const row = await updateVersioned(db, {
    table: skills,
    entityType: "skill",
    id: input.id,
    action: "update",
    expectedVersion: input.expectedVersion,
    set: input.patch,
    actor,
    now,
  });
  return toSkill(row);
}
