/** Trainee use cases: the provider enrols and settles trainees of an active contract's cohort; parties read them. */
import { and, count, eq, inArray, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { assessments, cohorts, contracts, placements, trainees } from "../../db/schema";
import { requireVerified } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { AppError, invalidField } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { keyset, toPage } from "../../platform/pagination";
import type { Scope } from "../../platform/scope";
import { transition } from "../../platform/transition";
import { findTraineeCohort, findVisibleTrainee } from "./access";
import {
  type CertificateSummary,
  type Enrolment,
  type PlacementRow,
  type Trainee,
  type TraineeListQuery,
  type TraineePatch,
  type TraineeRecord,
  type TraineeRow,
  type TraineeView,
  toTraineeView,
} from "./schemas";

export const today = (now: Date) => now.toISOString().slice(0, 10);

/** The passed assessments and the placement of each trainee, in two queries whatever the page size. */
async function loadOutcomes(db: Database, ids: string[]) {
  const certificates = new Map<string, CertificateSummary[]>(ids.map((id) => [id, []]));
  const placed = new Map<string, PlacementRow>();
  if (!ids.length) return { certificates, placed };
  const [passes, placementRows] = await Promise.all([
    db
      .select()
      .from(assessments)
      .where(and(inArray(assessments.traineeId, ids), eq(assessments.result, "pass")))
      .orderBy(assessments.assessedOn, assessments.id),
    db.select().from(placements).where(inArray(placements.traineeId, ids)),
  ]);
  for (const a of passes) {
    certificates.get(a.traineeId)?.push({
      certificateNo: a.certificateNo ?? "",
      occupationCode: a.occupationCode,
      certificationType: a.certificationType,
      level: a.level,
      assessedOn: a.assessedOn,
    });
  }
  for (const p of placementRows) placed.set(p.traineeId, p);
  return { certificates, placed };
}

/** Trainees in one view, with their certificates and placements. */
export async function shapeTrainees(db: Database, view: TraineeView, rows: TraineeRow[]) {
  const { certificates, placed } = await loadOutcomes(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toTraineeView(view, r, certificates.get(r.id) ?? [], placed.get(r.id) ?? null));
}

/**
 * Enrols 1–500 trainees in a cohort of an active contract — its provider only. The cohort row is locked while
 * counting, so concurrent batches never enrol past the contract's headcount (409 naming it).
 */
export async function enrolTrainees(
  scope: Scope,
  input: { cohortId: string } & Enrolment,
): Promise<Trainee[]> {
  const { db, actor, now } = scope;
  const { cohort, full } = await findTraineeCohort(scope, input.cohortId);
  if (!full || cohort.providerOrgId !== actor.orgId) {
    throw new AppError("forbidden", `Only the provider that runs cohort ${cohort.id} enrols its trainees`);
  }
  requireVerified(actor);
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(cohorts).where(eq(cohorts.id, cohort.id)).for("update");
    const [contract] = locked.contractId
      ? await tx.select().from(contracts).where(eq(contracts.id, locked.contractId))
      : [];
    if (contract?.status !== "active") {
      throw new AppError(
        "invalid_state",
        `Cohort ${cohort.id} has no active contract: trainees are enrolled once its contract is active`,
      );
    }
    const [{ enrolled }] = await tx
      .select({ enrolled: count() })
      .from(trainees)
      .where(eq(trainees.contractId, contract.id));
    if (enrolled + input.trainees.length > contract.headcount) {
      throw new AppError(
        "conflict",
        `Contract ${contract.id} is for ${contract.headcount} trainees; ${enrolled} are enrolled, so at most ` +
          `${contract.headcount - enrolled} more may be`,
      );
    }
    const rows = await tx
      .insert(trainees)
      .values(
        input.trainees.map((t) => ({
          id: newId("trn"),
          cohortId: cohort.id,
          contractId: contract.id,
          providerOrgId: cohort.providerOrgId,
          name: t.name,
          email: t.email ?? null,
          phone: t.phone ?? null,
          idLast4: t.idLast4?.toUpperCase() ?? null,
          status: "enrolled" as const,
          enrolledOn: today(now),
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();
    await writeAudit(tx, actor, now, {
      entityType: "cohort",
      entityId: cohort.id,
      action: "enrol",
      data: { contractId: contract.id, trainees: rows.length },
    });
    return rows.map((r) => toTraineeView("full", r, [], null) as Trainee);
  });
}

/** A cohort's trainees, in enrolment order: the full view for the provider and bureau, records for the company. */
export async function listCohortTrainees(scope: Scope, input: { cohortId: string } & TraineeListQuery) {
  const { cohort, full } = await findTraineeCohort(scope, input.cohortId);
  const { after, orderBy } = keyset(
    { sortBy: trainees.seq, id: trainees.id, direction: "asc" },
    input.cursor,
  );
  const conditions: (SQL | undefined)[] = [
    eq(trainees.cohortId, cohort.id),
    input.status ? eq(trainees.status, input.status) : undefined,
    after,
  ];
  const rows = await scope.db
    .select()
    .from(trainees)
    .where(and(...conditions))
    .orderBy(...orderBy)
    .limit(input.limit + 1);
  const page = toPage(
    rows,
    input.limit,
    (r) => [r.seq, r.id],
    (r) => r,
  );
  return { ...page, data: await shapeTrainees(scope.db, full ? "full" : "company", page.data) };
}

/** One trainee in the caller's view. */
export async function getTrainee(scope: Scope, input: { id: string }): Promise<Trainee | TraineeRecord> {
  const { trainee, view } = await findVisibleTrainee(scope, input.id);
  const [shaped] = await shapeTrainees(scope.db, view, [trainee]);
  return shaped;
}

/** `enrolled → completed | dropped` on a date between enrolment and today — the provider, under If-Match. */
export async function settleTrainee(
  scope: Scope,
  input: { id: string; expectedVersion: number; patch: TraineePatch },
): Promise<Trainee> {
  const { db, actor, now } = scope;
  const { trainee } = await findVisibleTrainee(scope, input.id);
  if (trainee.providerOrgId !== actor.orgId) {
    throw new AppError("forbidden", `Only the provider of trainee ${trainee.id} records its completion`);
  }
  const { status, statusDate } = input.patch;
  if (statusDate < trainee.enrolledOn) throw invalidField("statusDate", "before the enrolment date");
  if (statusDate > today(now)) throw invalidField("statusDate", "in the future");
  const row = await transition(db, {
    table: trainees,
    entityType: "trainee",
    id: trainee.id,
    action: status === "completed" ? "complete" : "drop",
    from: ["enrolled"],
    to: status,
    actor,
    now,
    expectedVersion: input.expectedVersion,
    set: { statusDate, updatedAt: now },
    data: { statusDate },
  });
  const [shaped] = await shapeTrainees(db, "full", [row]);
  return shaped as Trainee;
}
