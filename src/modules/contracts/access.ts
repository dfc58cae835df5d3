/** Who sees which contracts: their two parties and the bureau. */
import { and, eq, or, type SQL } from "drizzle-orm";
import { contracts } from "../../db/schema";
import { type Actor, isBureau } from "../../platform/actor";
import { AppError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";

export type ContractRow = typeof contracts.$inferSelect;

/** The bureau sees every contract; a company or provider those it is a party to. */
export function contractVisibleTo(actor: Actor): SQL | undefined {
  if (isBureau(actor)) return undefined;
  return or(eq(contracts.companyOrgId, actor.orgId), eq(contracts.providerOrgId, actor.orgId));
}

/** The contract if the actor may see it, else 404. */
export async function findVisibleContract(
  { db, actor }: Pick<Scope, "db" | "actor">,
  id: string,
): Promise<ContractRow> {
  const [row] = await db
    .select()
    .from(contracts)
    .where(and(eq(contracts.id, id), contractVisibleTo(actor)));
  if (!row) throw new AppError("not_found", `Contract ${id} does not exist`);
  return row;
}
