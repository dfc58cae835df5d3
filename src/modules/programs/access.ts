/** Who sees which programs, and who may change them. */
import { and, eq, or, type SQL } from "drizzle-orm";
import { programs } from "../../db/schema";
import { type Actor, isBureau } from "../../platform/actor";
import { AppError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import { notSuspended } from "../organizations/access";

export type ProgramRow = typeof programs.$inferSelect;

/**
 * The bureau sees all; verified organisations their own and the active ones of providers that are not suspended;
 * others only their own.
 */
export function programVisibleTo(actor: Actor): SQL | undefined {
  if (isBureau(actor)) return undefined;
  const own = eq(programs.providerOrgId, actor.orgId);
  if (actor.orgStatus !== "verified") return own;
  return or(own, and(eq(programs.status, "active"), notSuspended(programs.providerOrgId)));
}

/**
 * The program as the actor may see it; 404 when it does not exist or is not visible.
 * @example const program = await findVisibleProgram(scope, "prg_…");
 */
export async function findVisibleProgram(
  { db, actor }: Pick<Scope, "db" | "actor">,
  id: string,
): Promise<ProgramRow> {
  const [row] = await db
    .select()
    .from(programs)
    .where(and(eq(programs.id, id), programVisibleTo(actor)));
  if (!row) throw new AppError("not_found", `Program ${id} does not exist`);
  return row;
}

/** A visible program that the actor's organisation offers; 403 for anyone else who can see it. */
export async function findOwnProgram(
  scope: Pick<Scope, "db" | "actor">,
  id: string,
  action: string,
): Promise<ProgramRow> {
  const row = await findVisibleProgram(scope, id);
  if (row.providerOrgId !== scope.actor.orgId) {
    throw new AppError("forbidden", `Only the provider that offers program ${id} may ${action} it`);
  }
  return row;
}
