/** Invitation use cases: a company invites providers to bid on its open order; each side lists its own. */
import { and, eq, type SQL } from "drizzle-orm";
import { cohorts, invitations, organizations } from "../../db/schema";
import { isBureau, requireVerified } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { isUniqueViolation } from "../../platform/db-errors";
import { AppError, type FieldError, invalidFields } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { keyset, toPage } from "../../platform/pagination";
import type { Scope } from "../../platform/scope";
import { findOwnOrder } from "../orders/access";
import { effectiveStatus } from "../orders/rules";
import { type Invitation, type InvitationListQuery, type NewInvitation, toInvitation } from "./schemas";

/**
 * The ordering company invites a verified provider (optionally naming one of its open cohorts) while the order is
 * open; once per provider and order. The invitation reveals nothing about bids, and the invited provider must
 * still meet every bid rule.
 * @example await inviteProvider(scope, { orderId: "ord_…", providerOrgId: "org_…", message: "…" });
 */
export async function inviteProvider(
  scope: Scope,
  input: { orderId: string } & NewInvitation,
): Promise<Invitation> {
  const { db, actor, now } = scope;
  const order = await findOwnOrder(scope, input.orderId);
  requireVerified(actor);
  const status = effectiveStatus(order, now);
  if (status !== "open") {
    throw new AppError(
      "invalid_state",
      `Invitations are sent while the order is open; order ${order.id} is ${status}`,
    );
  }
  const [[provider], [cohort]] = await Promise.all([
    db
      .select({ id: organizations.id })
      .from(organizations)
      .where(
        and(
          eq(organizations.id, input.providerOrgId),
          eq(organizations.kind, "provider"),
          eq(organizations.status, "verified"),
        ),
      ),
    input.cohortId ? db.select().from(cohorts).where(eq(cohorts.id, input.cohortId)) : [],
  ]);
  const errors: FieldError[] = [];
  if (!provider) errors.push({ path: "providerOrgId", message: "not a verified provider" });
  if (
    input.cohortId &&
    (cohort?.providerOrgId !== input.providerOrgId ||
      cohort.contractId !== null ||
      cohort.status !== "planned")
  ) {
    errors.push({ path: "cohortId", message: "not an open cohort of that provider" });
  }
  if (errors.length > 0) throw invalidFields(errors);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(invitations)
        .values({
          id: newId("inv"),
          orderId: order.id,
          companyOrgId: order.companyOrgId,
          providerOrgId: input.providerOrgId,
          cohortId: input.cohortId ?? null,
          message: input.message,
          invitedBy: actor.userId,
          createdAt: now,
        })
        .returning();
      await writeAudit(tx, actor, now, {
        entityType: "invitation",
        entityId: row.id,
        action: "invite",
        data: { orderId: order.id, providerOrgId: input.providerOrgId },
      });
      return toInvitation(row);
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw new AppError("conflict", `Provider ${input.providerOrgId} is already invited to order ${order.id}`);
  }
}

/** Whose invitations the actor lists: a provider's received, a company's sent, the bureau's all. */
function invitationsOf(scope: Scope): SQL | undefined {
  const { actor } = scope;
  if (isBureau(actor)) return undefined;
  if (actor.orgKind === "provider") return eq(invitations.providerOrgId, actor.orgId);
  if (actor.orgKind === "company") return eq(invitations.companyOrgId, actor.orgId);
  throw new AppError("forbidden", "Invitations are for companies, providers and the bureau");
}

/** A provider's received or a company's sent invitations, newest first; the bureau sees all. */
export async function listInvitations(scope: Scope, q: InvitationListQuery) {
  const { after, orderBy } = keyset(
    { sortBy: invitations.createdAt, id: invitations.id, direction: "desc" },
    q.cursor,
  );
  const rows = await scope.db
    .select()
    .from(invitations)
    .where(and(invitationsOf(scope), q.orderId ? eq(invitations.orderId, q.orderId) : undefined, after))
    .orderBy(...orderBy)
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id], toInvitation);
}
