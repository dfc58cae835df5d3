/** Helpers of the contract lifecycle: which party acts, the row lock, the subsidy cap check. */
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { contracts } from "../../db/schema";
import type { Actor } from "../../platform/actor";
import { AppError, invalidFields } from "../../platform/errors";
import type { ContractRow } from "./access";
import { subsidyCapFen } from "./terms";

export type Party = "company" | "provider";

/** Which party of the contract the actor's organisation is, if any. */
export function partyOf(actor: Actor, row: ContractRow): Party | null {
  if (actor.orgId === row.companyOrgId) return "company";
  if (actor.orgId === row.providerOrgId) return "provider";
  return null;
}

/** The party the actor acts for; 403 for the bureau (which sees the contract but is no party). */
export function requireParty(actor: Actor, row: ContractRow, action: string): Party {
  const party = partyOf(actor, row);
  if (!party) throw new AppError("forbidden", `Only the company or the provider may ${action} a contract`);
  return party;
}

/** Locks the contract's row for the rest of the transaction. */
export async function lockContract(tx: Database, id: string): Promise<ContractRow> {
  const [row] = await tx.select().from(contracts).where(eq(contracts.id, id)).for("update");
  if (!row) throw new AppError("not_found", `Contract ${id} does not exist`);
  return row;
}

/** 400 naming `subsidyRequestedFen` when it exceeds the cap of the policy in force on the start date. */
export async function requireWithinCap(db: Database, row: ContractRow, path: string, amountFen: number) {
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
