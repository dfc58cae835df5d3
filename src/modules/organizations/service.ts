/** Organisation use cases: registration, listing, verification, suspension, members, accreditation. */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accreditations, occupations, organizations, sessions, users } from "../../db/schema";
import { isBureau, requireKind } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { isUniqueViolation } from "../../platform/db-errors";
import { AppError, invalidField } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { keyset, type PageQuery, toPage } from "../../platform/pagination";
import type { PublicScope, Scope } from "../../platform/scope";
import { transition } from "../../platform/transition";
import { findVisibleOrganization, type OrgRow, seesFully } from "./access";
import {
  type NewMember,
  type OrgListQuery,
  type Registration,
  toAccreditation,
  toOrganization,
  toUser,
} from "./schemas";

const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Inserts a user into an organisation (409 when the email is taken, case-insensitively).
 * @example await insertUser({ db: tx, hasher, now }, { orgId, user: { email, password, displayName, role: "admin" } });
 */
export async function insertUser(
  { db, hasher, now }: Pick<Scope, "db" | "hasher" | "now">,
  input: { orgId: string; user: NewMember },
) {
  const email = input.user.email.trim().toLowerCase();
  const taken = () => new AppError("conflict", "An account with this email already exists");
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  if (existing) throw taken();
  const passwordHash = await hasher.hash(input.user.password);
  try {
    const [row] = await db
      .insert(users)
      .values({
        id: newId("usr"),
        orgId: input.orgId,
        email,
        passwordHash,
        displayName: input.user.displayName,
        role: input.user.role,
        createdAt: now,
      })
      .returning();
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}

/** Self-registration: a pending organisation and its first admin, in one transaction. */
export async function registerOrganization(scope: PublicScope, input: Registration) {
  const { db, now } = scope;
  const duplicate = () => new AppError("conflict", "An organisation with this USCC is already registered");
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.uscc, input.organization.uscc));
    if (taken) throw duplicate();
    let org: OrgRow;
    try {
      [org] = await tx
        .insert(organizations)
        .values({
          id: newId("org"),
          ...input.organization,
          district: input.organization.district ?? null,
          status: "pending",
          createdAt: now,
        })
        .returning();
    } catch (err) {
      if (isUniqueViolation(err)) throw duplicate();
      throw err;
    }
    const user = await insertUser(
      { ...scope, db: tx },
      { orgId: org.id, user: { ...input.user, role: "admin" } },
    );
    const actor = {
      userId: user.id,
      orgId: org.id,
      orgKind: org.kind,
      orgStatus: org.status,
      role: "admin" as const,
    };
    await writeAudit(tx, actor, now, {
      entityType: "organization",
      entityId: org.id,
      action: "register",
      toState: "pending",
    });
    return { organization: toOrganization(org, true), user: toUser(user) };
  });
}

export async function getOrganization(scope: Scope, input: { id: string }) {
  const org = await findVisibleOrganization(scope, input.id);
  return toOrganization(org, seesFully(scope.actor, org));
}

/** Bureau: every organisation, filtered by kind and status. Others: verified organisations' summaries. */
export async function listOrganizations({ db, actor }: Scope, q: OrgListQuery) {
  const { after, orderBy } = keyset(
    { sortBy: organizations.createdAt, id: organizations.id, direction: "desc" },
    q.cursor,
  );
  const status = isBureau(actor) ? q.status : "verified";
  const rows = await db
    .select()
    .from(organizations)
    .where(
      and(
        q.kind ? eq(organizations.kind, q.kind) : undefined,
        status ? eq(organizations.status, status) : undefined,
        after,
      ),
    )
    .orderBy(...orderBy)
    .limit(q.limit + 1);
  return toPage(
    rows,
    q.limit,
    (r) => [r.createdAt.toISOString(), r.id],
    (r) => toOrganization(r, seesFully(actor, r)),
  );
}

function refuseBureauTarget(org: OrgRow) {
  if (org.kind === "bureau")
    throw new AppError("conflict", "The bureau's own organisation is not verified or suspended");
}

/** The bureau verifies a pending organisation, or reinstates a suspended one. */
export async function verifyOrganization(scope: Scope, input: { id: string; expectedVersion?: number }) {
  const { db, actor, now } = scope;
  requireKind(actor, "bureau");
  const org = await transition(db, {
    table: organizations,
    entityType: "organization",
    id: input.id,
    action: "verify",
    from: ["pending", "suspended"],
    to: "verified",
    actor,
    now,
    expectedVersion: input.expectedVersion,
    guard: refuseBureauTarget,
    set: { verifiedAt: now, suspendedReason: null },
  });
  return toOrganization(org, true);
}

/** The bureau suspends an organisation; every session of its users is revoked in the same transaction. */
export async function suspendOrganization(
  scope: Scope,
  input: { id: string; reason: string; expectedVersion?: number },
) {
  const { db, actor, now } = scope;
  requireKind(actor, "bureau");
  const org = await db.transaction(async (tx) => {
    const suspended = await transition(tx, {
      table: organizations,
      entityType: "organization",
      id: input.id,
      action: "suspend",
      from: ["pending", "verified"],
      to: "suspended",
      actor,
      now,
      expectedVersion: input.expectedVersion,
      guard: refuseBureauTarget,
      set: { suspendedReason: input.reason },
      data: { reason: input.reason },
    });
    // Reinstating the organisation later must not bring these tokens back to life.
    const members = tx.select({ id: users.id }).from(users).where(eq(users.orgId, input.id));
    await tx.update(sessions).set({ revokedAt: now }).where(inArray(sessions.userId, members));
    return suspended;
  });
  return toOrganization(org, true);
}

/** An organisation's admin adds a user to it. */
export async function addMember(scope: Scope, input: { orgId: string; member: NewMember }) {
  const { db, actor, now } = scope;
  const org = await findVisibleOrganization(scope, input.orgId);
  if (actor.orgId !== org.id || actor.role !== "admin") {
    throw new AppError("forbidden", "Only an admin of this organisation adds its members");
  }
  if (org.kind === "bureau") {
    throw new AppError(
      "forbidden",
      "Bureau users are created by the operator (npm run cli -- create-bureau-user)",
    );
  }
  return db.transaction(async (tx) => {
    const user = await insertUser({ ...scope, db: tx }, { orgId: org.id, user: input.member });
    await writeAudit(tx, actor, now, {
      entityType: "user",
      entityId: user.id,
      action: "add_member",
      data: { role: input.member.role },
    });
    return toUser(user);
  });
}

/** The bureau accredits a provider or assessor for an occupation; accrediting again renews it. */
export async function accredit(
  scope: Scope,
  input: { orgId: string; occupationCode: string; validUntil: string },
) {
  const { db, actor, now } = scope;
  requireKind(actor, "bureau");
  const org = await findVisibleOrganization(scope, input.orgId);
  if (org.kind !== "provider" && org.kind !== "assessor") {
    throw new AppError("conflict", "Only providers and assessors are accredited");
  }
  const [occupation] = await db.select().from(occupations).where(eq(occupations.code, input.occupationCode));
  if (!occupation) throw invalidField("occupationCode", "no such occupation");
  if (input.validUntil < today(now)) throw invalidField("validUntil", "must not be in the past");
  const grant = { occupationCode: input.occupationCode, validUntil: input.validUntil };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accreditations)
      .values({
        id: newId("acc"),
        orgId: org.id,
        ...grant,
        grantedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [accreditations.orgId, accreditations.occupationCode],
        set: { validUntil: input.validUntil, grantedBy: actor.userId, updatedAt: now },
      })
      .returning();
    await writeAudit(tx, actor, now, {
      entityType: "organization",
      entityId: org.id,
      action: "accredit",
      data: grant,
    });
    return toAccreditation(row, today(now));
  });
}

/** The bureau reads anyone's accreditations; a provider or assessor reads its own. By occupation code. */
export async function listAccreditations(scope: Scope, input: { orgId: string } & PageQuery) {
  const { db, actor, now } = scope;
  const org = await findVisibleOrganization(scope, input.orgId);
  if (!isBureau(actor) && !(actor.orgId === org.id && (org.kind === "provider" || org.kind === "assessor"))) {
    throw new AppError("forbidden", "Accreditations are read by the bureau and the accredited organisation");
  }
  const { after, orderBy } = keyset(
    { sortBy: accreditations.occupationCode, id: accreditations.id, direction: "asc" },
    input.cursor,
  );
  const rows = await db
    .select()
    .from(accreditations)
    .where(and(eq(accreditations.orgId, org.id), after))
    .orderBy(...orderBy)
    .limit(input.limit + 1);
  return toPage(
    rows,
    input.limit,
    (r) => [r.occupationCode, r.id],
    (r) => toAccreditation(r, today(now)),
  );
}

/** Whether an organisation holds a current accreditation for an occupation (programs, bids, assessments). */
export async function isAccredited(
  db: Database,
  q: { orgId: string; occupationCode: string; now: Date },
): Promise<boolean> {
  const [row] = await db
    .select({ id: accreditations.id })
    .from(accreditations)
    .where(
      and(
        eq(accreditations.orgId, q.orgId),
        eq(accreditations.occupationCode, q.occupationCode),
        sql`${accreditations.validUntil} >= ${today(q.now)}`,
      ),
    );
  return Boolean(row);
}
