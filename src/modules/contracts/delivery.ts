/** Delivery of an approved contract (start with a cohort, complete, terminate), and the order following its contracts. */
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { type ContractStatus, cohorts, contracts, orders } from "../../db/schema";
import { type Actor, isBureau } from "../../platform/actor";
import { AppError, invalidFields } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import { transition } from "../../platform/transition";
import { findVisibleContract } from "./access";
import { partyOf, requireParty } from "./parties";
import { type Contract, toContract } from "./schemas";

/**
 * The provider starts an approved contract with one of its planned, unbound cohorts in the contract's occupation:
 * the contract becomes `active`, the cohort is bound to it and moves to `in_training`.
 */
export async function startContract(
  scope: Scope,
  input: { id: string; cohortId: string; expectedVersion?: number },
): Promise<Contract> {
  const { db, actor, now } = scope;
  const visible = await findVisibleContract(scope, input.id);
  if (partyOf(actor, visible) !== "provider") {
    throw new AppError("forbidden", "Only the contract's provider starts the training");
  }
  return db.transaction(async (tx) => {
    const row = await transition(tx, {
      table: contracts,
      entityType: "contract",
      id: visible.id,
      action: "start",
      from: ["approved"],
      to: "active",
      actor,
      now,
      expectedVersion: input.expectedVersion,
      set: { cohortId: input.cohortId, updatedAt: now },
      data: { cohortId: input.cohortId },
    });
    const [cohort] = await tx.select().from(cohorts).where(eq(cohorts.id, input.cohortId));
    const problem = !cohort
      ? "no such cohort"
      : cohort.providerOrgId !== actor.orgId
        ? "not a cohort of this provider"
        : cohort.occupationCode !== row.occupationCode
          ? `a cohort in ${cohort.occupationCode}, not ${row.occupationCode}`
          : cohort.contractId !== null
            ? `already bound to contract ${cohort.contractId}`
            : null;
    if (problem) throw invalidFields([{ path: "cohortId", message: problem }]);
    await transition(tx, {
      table: cohorts,
      entityType: "cohort",
      id: input.cohortId,
      action: "start",
      from: ["planned"],
      to: "in_training",
      actor,
      now,
      guard: (c) => {
        if (c.contractId !== null)
          throw new AppError("conflict", `Cohort ${c.id} is bound to another contract`);
      },
      set: { contractId: row.id, updatedAt: now },
      data: { contractId: row.id },
    });
    return toContract(row);
  });
}

/** A party completes an active contract; when every contract of the order is completed, the order is `fulfilled`. */
export async function completeContract(
  scope: Scope,
  input: { id: string; expectedVersion?: number },
): Promise<Contract> {
  const { db, actor, now } = scope;
  requireParty(actor, await findVisibleContract(scope, input.id), "complete");
  return db.transaction(async (tx) => {
    const row = await transition(tx, {
      table: contracts,
      entityType: "contract",
      id: input.id,
      action: "complete",
      from: ["active"],
      to: "completed",
      actor,
      now,
      expectedVersion: input.expectedVersion,
      set: { updatedAt: now },
    });
    await orderFollowsContracts(tx, actor, now, row.orderId);
    return toContract(row);
  });
}

/** Either party or the bureau terminates an approved or active contract, with a reason. */
export async function terminateContract(
  scope: Scope,
  input: { id: string; reason: string; expectedVersion?: number },
): Promise<Contract> {
  const { db, actor, now } = scope;
  const visible = await findVisibleContract(scope, input.id);
  if (!isBureau(actor)) requireParty(actor, visible, "terminate");
  const row = await transition(db, {
    table: contracts,
    entityType: "contract",
    id: input.id,
    action: "terminate",
    from: ["approved", "active"],
    to: "terminated",
    actor,
    now,
    expectedVersion: input.expectedVersion,
    set: { terminationReason: input.reason, updatedAt: now },
    data: { reason: input.reason },
  });
  return toContract(row);
}

const APPROVED_OR_LATER: readonly ContractStatus[] = ["approved", "active", "completed"];

/**
 * The order follows its contracts (those of its standing award): `awarded → contracted` once every one is approved
 * (or further), `contracted → fulfilled` once every one is completed. Call it in the transaction that moved one.
 */
export async function orderFollowsContracts(tx: Database, actor: Actor, now: Date, orderId: string) {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  const live = (await tx.select().from(contracts).where(eq(contracts.orderId, orderId))).filter(
    (c) => c.status !== "cancelled",
  );
  const step =
    order.status === "awarded" && live.every((c) => APPROVED_OR_LATER.includes(c.status))
      ? ({ action: "contract", from: "awarded", to: "contracted" } as const)
      : order.status === "contracted" && live.every((c) => c.status === "completed")
        ? ({ action: "fulfil", from: "contracted", to: "fulfilled" } as const)
        : null;
  if (!step || live.length === 0) return;
  await transition(tx, {
    table: orders,
    entityType: "order",
    id: orderId,
    action: step.action,
    from: [step.from],
    to: step.to,
    actor,
    now,
    set: { updatedAt: now },
    data: { contractIds: live.map((c) => c.id) },
  });
}
