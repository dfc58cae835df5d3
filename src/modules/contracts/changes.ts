/** Changing a contract's terms under If-Match, and the versions of its terms. */
import { asc, eq } from "drizzle-orm";
import { contractVersions, contracts } from "../../db/schema";
import { invalidFields } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import { transition } from "../../platform/transition";
import { type ContractRow, findVisibleContract } from "./access";
import { lockContract, requireParty, requireWithinCap } from "./parties";
import {
  type Contract,
  type ContractPatch,
  type ContractVersion,
  toContract,
  toContractVersion,
} from "./schemas";
import { termsOf } from "./terms";

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
