/** Who sees which organisations, and how much of them. */
import { eq, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { organizations } from "../../db/schema";
import { type Actor, isBureau } from "../../platform/actor";
import { AppError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";

export type OrgRow = typeof organizations.$inferSelect;

/** The bureau and an organisation's own users see everything about it; others its public summary. */
export const seesFully = (actor: Actor, org: OrgRow) => isBureau(actor) || actor.orgId === org.id;

/** The organisation as the actor may see it; 404 when it is not visible (unverified, someone else's). */
export async function findVisibleOrganization(
  { db, actor }: Pick<Scope, "db" | "actor">,
  id: string,
): Promise<OrgRow> {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, id));
  if (!org || (!seesFully(actor, org) && org.status !== "verified")) {
    throw new AppError("not_found", `Organisation ${id} does not exist`);
  }
  return org;
}

/**
 * Whether the organisation named by `orgId` (a column of the outer query) is not suspended, as a WHERE condition:
 * what a suspended organisation offers or asks for disappears from other organisations' views and from matching.
 * @example where(or(own, and(isNotNull(orders.publishedAt), notSuspended(orders.companyOrgId))))
 */
export const notSuspended = (orgId: PgColumn): SQL =>
  sql`not exists (select 1 from ${organizations} where ${organizations.id} = ${orgId} and ${organizations.status} = 'suspended')`;
