/** Placement: the contracted company records whether a completed trainee was hired; hires count toward the contract. */
import { eq, sql } from "drizzle-orm";
import { assessments, contracts, placements, trainees } from "../../db/schema";
import { requireVerified } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { AppError, invalidField } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import { findVisibleContract } from "../contracts/access";
import { findVisibleTrainee } from "./access";
import { type Placement, type PlacementInput, toPlacement } from "./schemas";
import { today } from "./service";

/**
 * Records (or corrects) a completed trainee's placement — the contracted company only. Returns the placement and
 * whether it is new.
 */
export async function recordPlacement(
  scope: Scope,
  input: { traineeId: string } & PlacementInput,
): Promise<{ placement: Placement; created: boolean }> {
  const { db, actor, now } = scope;
  const { trainee, companyOrgId } = await findVisibleTrainee(scope, input.traineeId);
  if (companyOrgId !== actor.orgId) {
    throw new AppError("forbidden", "Placements are recorded by the contracted company");
  }
  requireVerified(actor);
  if (trainee.status !== "completed") {
    throw new AppError(
      "invalid_state",
      `Trainee ${trainee.id} is ${trainee.status}: only completed trainees are placed`,
    );
  }
  const hiredOn = input.hired ? (input.hiredOn ?? today(now)) : null;
  if (hiredOn && trainee.statusDate && hiredOn < trainee.statusDate) {
    throw invalidField("hiredOn", "before the trainee completed");
  }
  if (hiredOn && hiredOn > today(now)) throw invalidField("hiredOn", "in the future");
  const values = {
    hired: input.hired,
    hiredOn,
    salaryFen: input.hired ? (input.salaryFen ?? null) : null,
    updatedAt: now,
  };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(placements)
      .values({ traineeId: trainee.id, contractId: trainee.contractId, createdAt: now, ...values })
      .onConflictDoUpdate({
        target: placements.traineeId,
        set: { ...values, version: sql`${placements.version} + 1` },
      })
      .returning();
    // The contract's count follows in the same transaction; the contract row's lock orders concurrent placements.
    await tx
      .update(contracts)
      .set({
        hiresMade: sql`(select count(*)::int from ${placements} where ${placements.contractId} = ${contracts.id} and ${placements.hired})`,
      })
      .where(eq(contracts.id, trainee.contractId));
    await writeAudit(tx, actor, now, {
      entityType: "trainee",
      entityId: trainee.id,
      action: "place",
      data: { contractId: trainee.contractId, hired: input.hired },
    });
    return { placement: toPlacement(row), created: row.version === 1 };
  });
}

/** A contract's delivery so far: enrolment against the headcount, outcomes, and hires against the commitment. */
export interface ContractDelivery {
  contractId: string;
  headcount: number;
  enrolled: number;
  completed: number;
  dropped: number;
  certified: number;
  hiresCommitted: number;
  hiresMade: number;
}

/** The delivery figures of one contract, for its parties and the bureau. */
export async function getContractDelivery(scope: Scope, input: { id: string }): Promise<ContractDelivery> {
  const contract = await findVisibleContract(scope, input.id);
  const certified = sql<number>`count(*) filter (where exists (
    select 1 from ${assessments} where ${assessments.traineeId} = ${trainees.id} and ${assessments.result} = 'pass'))::int`;
  const [figures] = await scope.db
    .select({
      enrolled: sql<number>`count(*)::int`,
      completed: sql<number>`count(*) filter (where ${trainees.status} = 'completed')::int`,
      dropped: sql<number>`count(*) filter (where ${trainees.status} = 'dropped')::int`,
      certified,
    })
    .from(trainees)
    .where(eq(trainees.contractId, contract.id));
  return {
    contractId: contract.id,
    headcount: contract.headcount,
    ...figures,
    hiresCommitted: contract.hires,
    hiresMade: contract.hiresMade,
  };
}
