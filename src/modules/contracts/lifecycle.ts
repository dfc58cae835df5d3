/**
 * The contract lifecycle (DESIGN §6.6): change of terms, signing, submission, the bureau's review, and delivery
 * (start, complete, terminate). Every step is a compare-and-set with its audit row, in one transaction.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  type ContractStatus,
  awards,
  cohorts,
  contractVersions,
  contracts,
  objections,
  orders,
} from "../../db/schema";
import { type Actor, isBureau, requireKind } from "../../platform/actor";
import { AppError, invalidFields } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import { transition } from "../../platform/transition";
import { type ContractRow, findVisibleContract } from "./access";
import {
  type Contract,
  type ContractPatch,
  type ContractVersion,
  type ReviewRequest,
  toContract,
  toContractVersion,
} from "./schemas";
import { subsidyCapFen, termsOf, termsSha256 } from "./terms";

type Party = "company" | "provider";

/** Which party of the contract the actor's organisation is, if any. */
function partyOf(actor: Actor, row: ContractRow): Party | null {
  if (actor.orgId === row.companyOrgId) return "company";
  if (actor.orgId === row.providerOrgId) return "provider";
  return null;
}

/** The party the actor acts for; 403 for the bureau (which sees the contract but is no party). */
function requireParty(actor: Actor, row: ContractRow, action: string): Party {
  const party = partyOf(actor, row);
  if (!party) throw new AppError("forbidden", `Only the company or the provider may ${action} a contract`);
  return party;
}

/** Locks the contract's row for the rest of the transaction. */
async function lockContract(tx: Database, id: string): Promise<ContractRow> {
  const [row] = await tx.select().from(contracts).where(eq(contracts.id, id)).for("update");
  if (!row) throw new AppError("not_found", `Contract ${id} does not exist`);
  return row;
}

/** 400 naming `subsidyRequestedFen` when it exceeds the cap of the policy in force on the start date. */
async function requireWithinCap(db: Database, row: ContractRow, path: string, amountFen: number) {
  const cap = await subsidyCapFen(db, row);
  if (amountFen > cap) {
    throw invalidFields([
      {
        path,
        message: `${amountFen} fen exceeds the cap of ${cap} fen (the ${row.occupationCode} subsidy policy in force on ${row.startDate} × headcount ${row.headcount})`,
      },
    ]);
  }
}

/**
 * A party changes the terms of a contract in `draft` or `changes_requested` under `If-Match`: the terms version is
 * bumped, both signatures are voided, the new terms are kept as a version, and the contract is a draft again.
 * @example await updateContract(scope, { id, expectedVersion: 3, patch: { specialTerms: "Weekly reports" } });
 */
export async function updateContract(
  scope: Scope,
  input: { id: string; expectedVersion: number; patch: ContractPatch },
): Promise<Contract> {
  const { db, actor, now } = scope;
  requireParty(actor, await findVisibleContract(scope, input.id), "change");
  return db.transaction(async (tx) => {
    const current = await lockContract(tx, input.id);
    const next = { ...current, ...input.patch };
    if (next.endDate < next.startDate) {
      throw invalidFields([{ path: "endDate", message: "must not be before startDate" }]);
    }
    const changed = Object.keys(input.patch).filter(
      (k) => input.patch[k as keyof ContractPatch] !== current[k as keyof ContractRow],
    );
    if (changed.includes("subsidyRequestedFen") || changed.includes("startDate")) {
      await requireWithinCap(tx, next, "subsidyRequestedFen", next.subsidyRequestedFen);
    }
    const termsVersion = current.termsVersion + (changed.length > 0 ? 1 : 0);
    const row = await transition(tx, {
      table: contracts,
      entityType: "contract",
      id: current.id,
      action: "update_terms",
      from: ["draft", "changes_requested"],
      to: "draft",
      actor,
      now,
      expectedVersion: input.expectedVersion,
      set: {
        ...input.patch,
        termsVersion,
        ...(changed.length > 0 ? { companySignature: null, providerSignature: null } : {}),
        updatedAt: now,
      },
      data: { fields: changed, termsVersion, signaturesVoided: changed.length > 0 },
    });
    if (changed.length > 0) {
      await tx.insert(contractVersions).values({
        contractId: row.id,
        termsVersion,
        terms: { ...termsOf(row) },
        changedFields: changed,
        changedBy: actor.userId,
        changedAt: now,
      });
    }
    return toContract(row);
  });
}

/** Every terms version of a contract, oldest first, with who changed which fields. */
export async function listContractVersions(scope: Scope, input: { id: string }): Promise<ContractVersion[]> {
  const row = await findVisibleContract(scope, input.id);
  const rows = await scope.db
    .select()
    .from(contractVersions)
    .where(eq(contractVersions.contractId, row.id))
    .orderBy(asc(contractVersions.termsVersion));
  return rows.map(toContractVersion);
}

/** 409 while the award is in its publicity period or an objection to it is undecided. */
async function requirePublicityOver(tx: Database, row: ContractRow, now: Date) {
  const [award] = await tx.select().from(awards).where(eq(awards.id, row.awardId));
  if (award.publicityEndsAt > now) {
    throw new AppError(
      "invalid_state",
      `The award is in its publicity period until ${award.publicityEndsAt.toISOString()}; contracts are signed after it`,
    );
  }
  const undecided = await tx
    .select({ id: objections.id })
    .from(objections)
    .where(and(eq(objections.awardId, award.id), inArray(objections.status, ["open", "answered"])));
  if (undecided.length > 0) {
    throw new AppError(
      "invalid_state",
      `An objection to the award is open (${undecided[0].id}); signing waits`,
    );
  }
}

/**
 * An admin of the company or the provider signs the current terms of a draft: the signature carries the terms
 * version and the SHA-256 of the canonical terms. Once both have signed, the contract is `signed`. Not during the
 * award's publicity period, nor while an objection is open; signing twice is 409.
 */
export async function signContract(
  scope: Scope,
  input: { id: string; expectedVersion?: number },
): Promise<Contract> {
  const { db, actor, now } = scope;
  const party = requireParty(actor, await findVisibleContract(scope, input.id), "sign");
  if (actor.role !== "admin") throw new AppError("forbidden", "Only an admin signs for the organisation");
  return db.transaction(async (tx) => {
    const current = await lockContract(tx, input.id);
    const own = party === "company" ? current.companySignature : current.providerSignature;
    const other = party === "company" ? current.providerSignature : current.companySignature;
    if (current.status === "draft" && own?.termsVersion === current.termsVersion) {
      throw new AppError("invalid_state", `The ${party} has already signed version ${current.termsVersion}`);
    }
    if (current.status === "draft") await requirePublicityOver(tx, current, now);
    const signature = {
      termsVersion: current.termsVersion,
      termsSha256: await termsSha256(current),
      signedBy: actor.userId,
      signedAt: now.toISOString(),
    };
    const both = other?.termsVersion === current.termsVersion;
    const row = await transition(tx, {
      table: contracts,
      entityType: "contract",
      id: current.id,
      action: `sign_${party}`,
      from: ["draft"],
      to: both ? "signed" : "draft",
      actor,
      now,
      expectedVersion: input.expectedVersion,
      set: {
        [party === "company" ? "companySignature" : "providerSignature"]: signature,
        updatedAt: now,
      },
      data: { party, termsVersion: signature.termsVersion, termsSha256: signature.termsSha256 },
    });
    return toContract(row);
  });
}

/** A party submits a signed contract to the bureau (`under_review`); both signatures must be on the current terms. */
export async function submitContract(
  scope: Scope,
  input: { id: string; expectedVersion?: number },
): Promise<Contract> {
  const { db, actor, now } = scope;
  requireParty(actor, await findVisibleContract(scope, input.id), "submit");
  const row = await transition(db, {
    table: contracts,
    entityType: "contract",
    id: input.id,
    action: "submit",
    from: ["signed"],
    to: "under_review",
    actor,
    now,
    expectedVersion: input.expectedVersion,
    guard: (r) => {
      const current = (s: { termsVersion: number } | null) => s?.termsVersion === r.termsVersion;
      if (!current(r.companySignature) || !current(r.providerSignature)) {
        throw new AppError("invalid_state", "Both parties must sign the current terms before submission");
      }
    },
    set: { updatedAt: now },
  });
  return toContract(row);
}

const REVIEW_TO = {
  approve: "approved",
  reject: "rejected",
  request_changes: "changes_requested",
} as const satisfies Record<ReviewRequest["decision"], ContractStatus>;

/**
 * The bureau reviews a contract under review: approves it with the subsidy it grants (≤ requested ≤ the policy cap
 * × headcount), rejects it, or requests changes. An approval may make the order `contracted`.
 */
export async function reviewContract(
  scope: Scope,
  input: ReviewRequest & { id: string; expectedVersion?: number },
): Promise<Contract> {
  const { db, actor, now } = scope;
  await findVisibleContract(scope, input.id);
  requireKind(actor, "bureau");
  if (input.decision !== "approve" && input.subsidyApprovedFen !== undefined) {
    throw invalidFields([{ path: "subsidyApprovedFen", message: "only with decision approve" }]);
  }
  return db.transaction(async (tx) => {
    const current = await lockContract(tx, input.id);
    const approved =
      input.decision === "approve" ? (input.subsidyApprovedFen ?? current.subsidyRequestedFen) : null;
    if (current.status === "under_review" && approved !== null) {
      if (approved > current.subsidyRequestedFen) {
        throw invalidFields([
          {
            path: "subsidyApprovedFen",
            message: `must not exceed the requested ${current.subsidyRequestedFen} fen`,
          },
        ]);
      }
      await requireWithinCap(tx, current, "subsidyApprovedFen", current.subsidyRequestedFen);
    }
    const row = await transition(tx, {
      table: contracts,
      entityType: "contract",
      id: current.id,
      action: input.decision,
      from: ["under_review"],
      to: REVIEW_TO[input.decision],
      actor,
      now,
      expectedVersion: input.expectedVersion,
      set: { reviewReason: input.reason, subsidyApprovedFen: approved, updatedAt: now },
      data: { reason: input.reason, subsidyApprovedFen: approved },
    });
    if (input.decision === "approve") await orderFollowsContracts(tx, actor, now, row.orderId);
    return toContract(row);
  });
}

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
