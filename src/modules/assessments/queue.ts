/**
 * An assessor's queue: the trainees it may assess (training for an occupation it is accredited for, not dropped)
 * and those it has assessed, in enrolment order. Assessor organisations only.
 */
import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import { assessments, cohorts, organizations, programs, trainees } from "../../db/schema";
import { requireKind } from "../../platform/actor";
import { AppError } from "../../platform/errors";
import { keyset, type Page, toPage } from "../../platform/pagination";
import type { Scope } from "../../platform/scope";
import { assessedBy, assessorQueueCondition, currentAccreditations } from "../trainees/access";
import type { AssessmentQueueEntry, AssessmentQueueQuery } from "./queue-schemas";

type QueueRow = Awaited<ReturnType<typeof selectQueue>>[number];

/** The queue's rows matching `where` (with the visibility condition), in `orderBy`, at most `limit`. */
async function selectQueue(
  scope: Scope,
  codes: string[],
  where: (SQL | undefined)[],
  orderBy: SQL[],
  limit: number,
) {
  return scope.db
    .select({
      trainee: trainees,
      occupationCode: cohorts.occupationCode,
      certificationType: programs.certificationType,
      certificationLevel: programs.certificationLevel,
      providerName: organizations.name,
    })
    .from(trainees)
    .innerJoin(cohorts, eq(cohorts.id, trainees.cohortId))
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .innerJoin(organizations, eq(organizations.id, trainees.providerOrgId))
    .where(and(assessorQueueCondition(scope, codes), ...where))
    .orderBy(...orderBy)
    .limit(limit);
}

/** The rows as queue entries, each with the assessor's latest assessment (one query for the page). */
async function toEntries(scope: Scope, codes: string[], rows: QueueRow[]): Promise<AssessmentQueueEntry[]> {
  const ids = rows.map((r) => r.trainee.id);
  const latest = new Map<string, typeof assessments.$inferSelect>();
  if (ids.length) {
    const mine = await scope.db
      .select()
      .from(assessments)
      .where(and(inArray(assessments.traineeId, ids), eq(assessments.assessorOrgId, scope.actor.orgId)))
      .orderBy(desc(assessments.createdAt), desc(assessments.id));
    for (const a of mine) if (!latest.has(a.traineeId)) latest.set(a.traineeId, a);
  }
  return rows.map((r) => {
    const last = latest.get(r.trainee.id);
    return {
      traineeId: r.trainee.id,
      name: r.trainee.name,
      status: r.trainee.status,
      enrolledOn: r.trainee.enrolledOn,
      statusDate: r.trainee.statusDate,
      cohortId: r.trainee.cohortId,
      providerName: r.providerName,
      occupationCode: r.occupationCode,
      certificationType: r.certificationType,
      certificationLevel: r.certificationLevel,
      mayAssess: codes.includes(r.occupationCode) && r.trainee.status !== "dropped",
      lastAssessment: last
        ? {
            id: last.id,
            result: last.result,
            certificationType: last.certificationType,
            level: last.level,
            certificateNo: last.certificateNo,
            assessedOn: last.assessedOn,
          }
        : null,
    };
  });
}

/** The assessor's occupations now, or a 403 for any other kind of organisation. */
async function queueScope(scope: Scope): Promise<string[]> {
  requireKind(scope.actor, "assessor");
  return currentAccreditations(scope);
}

/**
 * The trainees the calling assessor may assess, and those it has assessed, oldest enrolment first; filtered by
 * occupation, trainee status and whether this assessor has assessed them.
 * @example const page = await listAssessmentQueue(scope, { limit: 20, assessed: "false" });
 */
export async function listAssessmentQueue(
  scope: Scope,
  input: AssessmentQueueQuery,
): Promise<Page<AssessmentQueueEntry>> {
  const codes = await queueScope(scope);
  const { after, orderBy } = keyset(
    { sortBy: trainees.seq, id: trainees.id, direction: "asc" },
    input.cursor,
  );
  const mine = assessedBy(scope, scope.actor.orgId);
  const where = [
    input.occupationCode ? eq(cohorts.occupationCode, input.occupationCode) : undefined,
    input.status ? eq(trainees.status, input.status) : undefined,
    input.assessed === undefined ? undefined : input.assessed === "true" ? mine.exists : mine.notExists,
    after,
  ];
  const rows = await selectQueue(scope, codes, where, orderBy, input.limit + 1);
  const page = toPage(
    rows,
    input.limit,
    (r) => [r.trainee.seq, r.trainee.id],
    (r) => r,
  );
  return { data: await toEntries(scope, codes, page.data), nextCursor: page.nextCursor };
}

/** One trainee of the assessor's queue; 404 when it is not in it. */
export async function getQueueEntry(
  scope: Scope,
  input: { traineeId: string },
): Promise<AssessmentQueueEntry> {
  const codes = await queueScope(scope);
  const rows = await selectQueue(scope, codes, [eq(trainees.id, input.traineeId)], [], 1);
  if (!rows.length) throw new AppError("not_found", `Trainee ${input.traineeId} does not exist`);
  const [entry] = await toEntries(scope, codes, rows);
  return entry;
}
