/** Contract use cases: drafts from an award, and reading them (the lifecycle is in lifecycle.ts). */
import { and, eq } from "drizzle-orm";
import { type BidTerms, contractVersions, contracts } from "../../db/schema";
import { writeAudit } from "../../platform/audit";
import { newId } from "../../platform/ids";
import { keyset, toPage } from "../../platform/pagination";
import type { Scope } from "../../platform/scope";
import type { OrderRow } from "../orders/access";
import { contractVisibleTo, findVisibleContract } from "./access";
import { type Contract, type ContractListQuery, toContract } from "./schemas";
import { termsOf } from "./terms";

/** An awarded bid, with the terms a contract copies. */
export interface AwardedBid extends BidTerms {
  id: string;
  providerOrgId: string;
  cohortId: string | null;
}

/**
 * The order's hires shared among the awarded bids in proportion to their headcount (largest remainder, ties by
 * bid id), never more than the awarded trainees: each contract carries its part of the commitment.
 */
export function shareHires(
  hires: number,
  awarded: { id: string; cohortSize: number }[],
): Map<string, number> {
  const total = awarded.reduce((n, b) => n + b.cohortSize, 0);
  const committed = Math.min(hires, total);
  const exact = awarded.map((b) => ({ id: b.id, quota: total ? (committed * b.cohortSize) / total : 0 }));
  const share = new Map(exact.map((e) => [e.id, Math.floor(e.quota)]));
  let left = committed - [...share.values()].reduce((n, h) => n + h, 0);
  const byRemainder = [...exact].sort(
    (a, b) => b.quota - Math.floor(b.quota) - (a.quota - Math.floor(a.quota)) || a.id.localeCompare(b.id),
  );
  for (const e of byRemainder) {
    if (left-- <= 0) break;
    share.set(e.id, share.get(e.id)! + 1);
  }
  return share;
}

/**
 * Drafts one contract per awarded bid, its terms copied from the order and the bid; call it inside the award's
 * transaction (`scope.db` is that transaction).
 * @example await draftContracts({ ...scope, db: tx }, { order, awardId, awarded });
 */
export async function draftContracts(
  { db, actor, now }: Pick<Scope, "db" | "actor" | "now">,
  input: { order: OrderRow; awardId: string; awarded: AwardedBid[] },
): Promise<Contract[]> {
  const { order, awardId, awarded } = input;
  const hires = shareHires(order.hires, awarded);
  const rows = await db
    .insert(contracts)
    .values(
      awarded.map((bid) => ({
        id: newId("ctr"),
        orderId: order.id,
        awardId,
        bidId: bid.id,
        companyOrgId: order.companyOrgId,
        providerOrgId: bid.providerOrgId,
        cohortId: bid.cohortId,
        occupationCode: order.occupationCode,
        headcount: bid.cohortSize,
        pricePerTraineeFen: bid.pricePerTraineeFen,
        totalValueFen: bid.cohortSize * bid.pricePerTraineeFen,
        startDate: bid.startDate,
        endDate: bid.endDate,
        hires: hires.get(bid.id) ?? 0,
        salaryMinFen: order.salaryMinFen,
        salaryMaxFen: order.salaryMaxFen,
        servicePeriodMonths: order.servicePeriodMonths,
        status: "draft" as const,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning();
  for (const row of rows) {
    await db.insert(contractVersions).values({
      contractId: row.id,
      termsVersion: 1,
      terms: { ...termsOf(row) },
      changedFields: [],
      changedBy: actor.userId,
      changedAt: now,
    });
    await writeAudit(db, actor, now, {
      entityType: "contract",
      entityId: row.id,
      action: "draft",
      toState: "draft",
      data: { orderId: order.id, awardId, bidId: row.bidId },
    });
  }
  return rows.map(toContract);
}

/** One contract, for its parties and the bureau. */
export async function getContract(scope: Scope, input: { id: string }): Promise<Contract> {
  return toContract(await findVisibleContract(scope, input.id));
}

/** Contracts the actor is a party to (the bureau: all), newest first, filtered. */
export async function listContracts(scope: Scope, q: ContractListQuery) {
  const { after, orderBy } = keyset(
    { sortBy: contracts.createdAt, id: contracts.id, direction: "desc" },
    q.cursor,
  );
  const rows = await scope.db
    .select()
    .from(contracts)
    .where(
      and(
        contractVisibleTo(scope.actor),
        q.orderId ? eq(contracts.orderId, q.orderId) : undefined,
        q.status ? eq(contracts.status, q.status) : undefined,
        q.companyOrgId ? eq(contracts.companyOrgId, q.companyOrgId) : undefined,
        q.providerOrgId ? eq(contracts.providerOrgId, q.providerOrgId) : undefined,
        after,
      ),
    )
    .orderBy(...orderBy)
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id], toContract);
}
