/**
 * Who sees trainee data: the provider, the contracted company (names, status, certificates, placement), assessors
 * for the trainees they assess, and the bureau. Nobody else; an invisible trainee or cohort is a 404.
 */
import { and, eq, exists, gte, inArray, ne, not, or, type SQL } from "drizzle-orm";
import { accreditations, assessments, cohorts, contracts, trainees } from "../../db/schema";
import { isBureau } from "../../platform/actor";
import { AppError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import { isAccredited } from "../organizations/service";
import type { TraineeRow, TraineeView } from "./schemas";

/** A trainee with what deciding its visibility needs: its cohort's occupation and program, the contract's parties. */
export interface TraineeContext {
  trainee: TraineeRow;
  occupationCode: string;
  programId: string;
  companyOrgId: string;
  contractStatus: string;
}

async function loadTrainee({ db }: Pick<Scope, "db">, id: string): Promise<TraineeContext | undefined> {
  const [row] = await db
    .select({
      trainee: trainees,
      occupationCode: cohorts.occupationCode,
      programId: cohorts.programId,
      companyOrgId: contracts.companyOrgId,
      contractStatus: contracts.status,
    })
    .from(trainees)
    .innerJoin(cohorts, eq(cohorts.id, trainees.cohortId))
    .innerJoin(contracts, eq(contracts.id, trainees.contractId))
    .where(eq(trainees.id, id));
  return row;
}

/** Whether the assessor organisation has assessed this trainee. */
async function hasAssessed({ db }: Pick<Scope, "db">, orgId: string, traineeId: string) {
  const [row] = await db
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.traineeId, traineeId), eq(assessments.assessorOrgId, orgId)))
    .limit(1);
  return Boolean(row);
}

/** The caller's view of a loaded trainee, or null when the trainee is not theirs to see. */
async function viewOf(scope: Pick<Scope, "db" | "actor">, ctx: TraineeContext): Promise<TraineeView | null> {
  const { actor } = scope;
  if (isBureau(actor) || ctx.trainee.providerOrgId === actor.orgId) return "full";
  if (ctx.companyOrgId === actor.orgId) return "company";
  if (actor.orgKind === "assessor" && (await hasAssessed(scope, actor.orgId, ctx.trainee.id)))
    return "assessor";
  return null;
}

const notFound = (id: string) => new AppError("not_found", `Trainee ${id} does not exist`);

/** The trainee and the caller's view of it; 404 for anyone who may not see it. */
export async function findVisibleTrainee(
  scope: Pick<Scope, "db" | "actor">,
  id: string,
): Promise<TraineeContext & { view: TraineeView }> {
  const ctx = await loadTrainee(scope, id);
  const view = ctx && (await viewOf(scope, ctx));
  if (!ctx || !view) throw notFound(id);
  return { ...ctx, view };
}

/**
 * A trainee an assessor may assess: one it already sees, or one training for an occupation the assessor is
 * currently accredited for. Anyone else gets 404; those who see it but are no assessor, 403.
 */
export async function findAssessableTrainee(
  scope: Pick<Scope, "db" | "actor" | "now">,
  id: string,
): Promise<TraineeContext> {
  const { actor, db, now } = scope;
  const ctx = await loadTrainee(scope, id);
  if (!ctx) throw notFound(id);
  const accredited =
    actor.orgKind === "assessor" &&
    actor.orgStatus === "verified" &&
    (await isAccredited(db, { orgId: actor.orgId, occupationCode: ctx.occupationCode, now }));
  if (accredited) return ctx;
  if (!(await viewOf(scope, ctx))) throw notFound(id);
  if (actor.orgKind !== "assessor") {
    throw new AppError("forbidden", "Assessments are recorded by accredited assessor organisations");
  }
  throw new AppError("forbidden", `Your organisation is not accredited to assess ${ctx.occupationCode}`);
}

/** A cohort whose trainees the caller may read, with its contract's company; 404 for anyone else. */
export async function findTraineeCohort(
  { db, actor }: Pick<Scope, "db" | "actor">,
  id: string,
): Promise<{ cohort: typeof cohorts.$inferSelect; companyOrgId: string | null; full: boolean }> {
  const [row] = await db
    .select({ cohort: cohorts, companyOrgId: contracts.companyOrgId })
    .from(cohorts)
    .leftJoin(contracts, eq(contracts.id, cohorts.contractId))
    .where(eq(cohorts.id, id));
  if (!row) throw new AppError("not_found", `Cohort ${id} does not exist`);
  const full = isBureau(actor) || row.cohort.providerOrgId === actor.orgId;
  if (!full && (row.companyOrgId === null || row.companyOrgId !== actor.orgId)) {
    throw new AppError("not_found", `Cohort ${id} does not exist`);
  }
  return { ...row, full };
}

/** The occupations the calling assessor is accredited for today (none while it is not verified). */
export async function currentAccreditations({ db, actor, now }: Pick<Scope, "db" | "actor" | "now">) {
  if (actor.orgKind !== "assessor" || actor.orgStatus !== "verified") return [];
  const rows = await db
    .select({ code: accreditations.occupationCode })
    .from(accreditations)
    .where(
      and(
        eq(accreditations.orgId, actor.orgId),
        gte(accreditations.validUntil, now.toISOString().slice(0, 10)),
      ),
    );
  return rows.map((r) => r.code);
}

/** Conditions on a query over `trainees`: whether the organisation has assessed the row's trainee. */
export function assessedBy({ db }: Pick<Scope, "db">, orgId: string): { exists: SQL; notExists: SQL } {
  const mine = db
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.traineeId, trainees.id), eq(assessments.assessorOrgId, orgId)));
  return { exists: exists(mine), notExists: not(exists(mine)) };
}

/**
 * The trainees in an assessor's queue, as a condition on `trainees` joined with `cohorts`: those it may assess
 * (the same rule as `findAssessableTrainee`: an occupation in `codes`, from `currentAccreditations`, and not
 * dropped), and those it has assessed (which it sees, as `findVisibleTrainee` says).
 */
export function assessorQueueCondition(scope: Pick<Scope, "db" | "actor">, codes: string[]): SQL {
  const assessable = codes.length
    ? and(inArray(cohorts.occupationCode, codes), ne(trainees.status, "dropped"))
    : undefined;
  const seen = assessedBy(scope, scope.actor.orgId).exists;
  return assessable ? (or(assessable, seen) as SQL) : seen;
}
