/** Assessment use cases: accredited assessors record results; parties read them; anyone checks a certificate. */
import { and, eq, type SQL, sql } from "drizzle-orm";
import { assessments, occupations, organizations, programs, trainees } from "../../db/schema";
import { isBureau } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { isUniqueViolation } from "../../platform/db-errors";
import { AppError, invalidField } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { keyset, type PageQuery, toPage } from "../../platform/pagination";
import type { PublicScope, Scope } from "../../platform/scope";
import { findAssessableTrainee, findVisibleTrainee } from "../trainees/access";
import { today } from "../trainees/service";
import {
  type Assessment,
  CERTIFICATION_LEVELS,
  type CertificateCheck,
  maskName,
  type NewAssessment,
  toAssessment,
} from "./schemas";

/**
 * Records an assessment of a trainee — a verified assessor accredited for the trainee's occupation. The
 * certification type defaults to the program's; a pass carries a certificate number unique across the system
 * (409 on reuse).
 */
export async function recordAssessment(
  scope: Scope,
  input: { traineeId: string } & NewAssessment,
): Promise<Assessment> {
  const { db, actor, now } = scope;
  const ctx = await findAssessableTrainee(scope, input.traineeId);
  if (input.occupationCode !== ctx.occupationCode) {
    throw invalidField("occupationCode", `the trainee trains for ${ctx.occupationCode}`);
  }
  if (ctx.trainee.status === "dropped") {
    throw new AppError("invalid_state", `Trainee ${ctx.trainee.id} dropped out and is not assessed`);
  }
  const [program] = await db
    .select({ certificationType: programs.certificationType })
    .from(programs)
    .where(eq(programs.id, ctx.programId));
  const certificationType = input.certificationType ?? program.certificationType;
  const maxLevel = CERTIFICATION_LEVELS[certificationType];
  if (input.level > maxLevel) throw invalidField("level", `${certificationType} has levels 1–${maxLevel}`);
  if (input.assessedOn > today(now)) throw invalidField("assessedOn", "in the future");
  if (input.assessedOn < ctx.trainee.enrolledOn) throw invalidField("assessedOn", "before the enrolment");
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(assessments)
        .values({
          id: newId("asm"),
          traineeId: ctx.trainee.id,
          contractId: ctx.trainee.contractId,
          assessorOrgId: actor.orgId,
          occupationCode: input.occupationCode,
          certificationType,
          level: input.level,
          result: input.result,
          assessedOn: input.assessedOn,
          certificateNo: input.certificateNo ?? null,
          createdAt: now,
        })
        .returning();
      await writeAudit(tx, actor, now, {
        entityType: "trainee",
        entityId: ctx.trainee.id,
        action: "assess",
        data: { assessmentId: row.id, result: row.result, certificationType, level: row.level },
      });
      return toAssessment(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("conflict", `Certificate number ${input.certificateNo} has already been issued`);
    }
    throw err;
  }
}

/** A trainee's assessments, oldest first; an assessor sees only the ones it recorded. */
export async function listAssessments(scope: Scope, input: { traineeId: string } & PageQuery) {
  const { trainee } = await findVisibleTrainee(scope, input.traineeId);
  const own = scope.actor.orgKind === "assessor" && !isBureau(scope.actor);
  const { after, orderBy } = keyset(
    { sortBy: assessments.createdAt, id: assessments.id, direction: "asc" },
    input.cursor,
  );
  const conditions: (SQL | undefined)[] = [
    eq(assessments.traineeId, trainee.id),
    own ? eq(assessments.assessorOrgId, scope.actor.orgId) : undefined,
    after,
  ];
  const rows = await scope.db
    .select()
    .from(assessments)
    .where(and(...conditions))
    .orderBy(...orderBy)
    .limit(input.limit + 1);
  return toPage(rows, input.limit, (r) => [r.createdAt.toISOString(), r.id], toAssessment);
}

/** Public verification of a certificate: masked holder, occupation, level, date and assessor; 404 if unknown. */
export async function checkCertificate(
  { db }: PublicScope,
  input: { certificateNo: string },
): Promise<CertificateCheck> {
  const [row] = await db
    .select({
      certificateNo: assessments.certificateNo,
      holder: trainees.name,
      occupation: { code: occupations.code, nameEn: occupations.nameEn, nameZh: occupations.nameZh },
      certificationType: assessments.certificationType,
      level: assessments.level,
      assessedOn: assessments.assessedOn,
      assessorName: organizations.name,
    })
    .from(assessments)
    .innerJoin(trainees, eq(trainees.id, assessments.traineeId))
    .innerJoin(occupations, eq(occupations.code, assessments.occupationCode))
    .innerJoin(organizations, eq(organizations.id, assessments.assessorOrgId))
    .where(
      and(
        sql`upper(${assessments.certificateNo}) = upper(${input.certificateNo})`,
        eq(assessments.result, "pass"),
      ),
    );
  if (!row) throw new AppError("not_found", `No certificate ${input.certificateNo} has been issued`);
  return {
    certificateNo: row.certificateNo ?? input.certificateNo,
    holderName: maskName(row.holder),
    occupation: row.occupation,
    certificationType: row.certificationType,
    level: row.level,
    assessedOn: row.assessedOn,
    assessor: { name: row.assessorName },
  };
}
