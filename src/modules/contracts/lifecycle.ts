/**
 * The contract lifecycle up to approval (DESIGN §6.6): signing, submission and the bureau's review. Every step is a
 * compare-and-set with its audit row, in one transaction. Changes of terms are in changes.ts, delivery in delivery.ts.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { type ContractStatus, awards, contracts, objections } from "../../db/schema";
import { requireKind } from "../../platform/actor";
import { AppError, invalidFields } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import { transition } from "../../platform/transition";
import { type ContractRow, findVisibleContract } from "./access";
import { orderFollowsContracts } from "./delivery";
import { lockContract, requireParty, requireWithinCap } from "./parties";
import { type Contract, type ReviewRequest, toContract } from "./schemas";
import { termsSha256 } from "./terms";

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
