/** Organisation rules: registration, visibility, verification, suspension, members, accreditation. */
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accreditations, occupations, organizations, users } from "../../db/schema";
import { type Actor, isBureau, requireKind } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { AppError, invalidField } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { keyset, toPage } from "../../platform/pagination";
import type { PasswordHasher } from "../../platform/password";
import { isUniqueViolation } from "../../platform/db-errors";
import { transition } from "../../platform/transition";
import { toAccreditation, toOrganization, toUser } from "./schemas";

type OrgRow = typeof organizations.$inferSelect;

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  role: "admin" | "member";
}

/** Inserts a user (409 when the email is taken, case-insensitively). */
export async function insertUser(db: Database, hasher: PasswordHasher, orgId: string, input: NewUser, now: Date) {
  const email = input.email.trim().toLowerCase();
  const [taken] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  if (taken) throw new AppError("conflict", "An account with this email already exists");
  const passwordHash = await hasher.hash(input.password);
  try {
    const [row] = await db
      .insert(users)
      .values({ id: newId("usr"), orgId, email, passwordHash, displayName: input.displayName, role: input.role, createdAt: now })
      .returning();
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", "An account with this email already exists");
    throw err;
  }
}

export interface Registration {
  organization: { kind: "company" | "provider" | "assessor"; name: string; uscc: string; city: string; district?: string };
  user: { email: string; password: string; displayName: string };
}

/** Self-registration: a pending organisation and its first admin, in one transaction. */
export async function registerOrganization(db: Database, hasher: PasswordHasher, input: Registration, now: Date) {
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.uscc, input.organization.uscc));
    if (taken) throw new AppError("conflict", "An organisation with this USCC is already registered");
    let org: OrgRow;
    try {
      [org] = await tx
        .insert(organizations)
        .values({ id: newId("org"), ...input.organization, district: input.organization.district ?? null, status: "pending", createdAt: now })
        .returning();
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError("conflict", "An organisation with this USCC is already registered");
      throw err;
    }
    const user = await insertUser(tx, hasher, org.id, { ...input.user, role: "admin" }, now);
    await writeAudit(tx, { userId: user.id, orgId: org.id, orgKind: org.kind, orgStatus: org.status, role: "admin" }, now, {
      entityType: "organization",
      entityId: org.id,
      action: "register",
      toState: "pending",
    });
    return { organization: toOrganization(org, true), user: toUser(user) };
  });
}

/** The bureau and an organisation's own users see everything about it. */
const seesFully = (actor: Actor, org: OrgRow) => isBureau(actor) || actor.orgId === org.id;

/** The organisation as the actor may see it; 404 when it is not visible (unverified, someone else's). */
export async function findVisibleOrganization(db: Database, actor: Actor, id: string): Promise<OrgRow> {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, id));
  if (!org || (!seesFully(actor, org) && org.status !== "verified")) {
    throw new AppError("not_found", `Organisation ${id} does not exist`);
  }
  return org;
}

export async function getOrganization(db: Database, actor: Actor, id: string) {
  const org = await findVisibleOrganization(db, actor, id);
  return toOrganization(org, seesFully(actor, org));
}

export interface OrgListQuery {
  kind?: OrgRow["kind"];
  status?: OrgRow["status"];
  limit: number;
  cursor?: string;
}

/** Bureau: every organisation, filtered by kind and status. Others: verified organisations' summaries. */
export async function listOrganizations(db: Database, actor: Actor, q: OrgListQuery) {
  const { after, orderBy } = keyset({ sortBy: organizations.createdAt, id: organizations.id, direction: "desc" }, q.cursor);
  const status = isBureau(actor) ? q.status : "verified";
  const rows = await db
    .select()
    .from(organizations)
    .where(and(q.kind ? eq(organizations.kind, q.kind) : undefined, status ? eq(organizations.status, status) : undefined, after))
    .orderBy(...orderBy)
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id], (r) => toOrganization(r, seesFully(actor, r)));
}

function refuseBureauTarget(org: OrgRow) {
  if (org.kind === "bureau") throw new AppError("conflict", "The bureau's own organisation is not verified or suspended");
}

export async function verifyOrganization(db: Database, actor: Actor, id: string, now: Date) {
  requireKind(actor, "bureau");
  const org = await transition(db, {
    table: organizations,
    entityType: "organization",
    id,
    action: "verify",
    from: ["pending", "suspended"],
    to: "verified",
    actor,
    now,
    guard: refuseBureauTarget,
    set: { verifiedAt: now, suspendedReason: null },
  });
  return toOrganization(org, true);
}

export async function suspendOrganization(db: Database, actor: Actor, id: string, reason: string, now: Date) {
  requireKind(actor, "bureau");
  const org = await transition(db, {
    table: organizations,
    entityType: "organization",
    id,
    action: "suspend",
    from: ["pending", "verified"],
    to: "suspended",
    actor,
    now,
    guard: refuseBureauTarget,
    set: { suspendedReason: reason },
    data: { reason },
  });
  return toOrganization(org, true);
}

/** An organisation's admin adds a user to it. */
export async function addMember(db: Database, hasher: PasswordHasher, actor: Actor, orgId: string, input: NewUser, now: Date) {
  const org = await findVisibleOrganization(db, actor, orgId);
  if (actor.orgId !== org.id || actor.role !== "admin") {
    throw new AppError("forbidden", "Only an admin of this organisation adds its members");
  }
  if (org.kind === "bureau") throw new AppError("forbidden", "Bureau users are created by the operator (npm run cli -- create-bureau-user)");
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, hasher, org.id, input, now);
    await writeAudit(tx, actor, now, { entityType: "user", entityId: user.id, action: "add_member", data: { role: input.role } });
    return toUser(user);
  });
}

const today = (now: Date) => now.toISOString().slice(0, 10);

/** The bureau accredits a provider or assessor for an occupation; accrediting again renews it. */
export async function accredit(db: Database, actor: Actor, orgId: string, input: { occupationCode: string; validUntil: string }, now: Date) {
  requireKind(actor, "bureau");
  const org = await findVisibleOrganization(db, actor, orgId);
  if (org.kind !== "provider" && org.kind !== "assessor") {
    throw new AppError("conflict", "Only providers and assessors are accredited");
  }
  const [occupation] = await db.select().from(occupations).where(eq(occupations.code, input.occupationCode));
  if (!occupation) throw invalidField("occupationCode", "no such occupation");
  if (input.validUntil < today(now)) throw invalidField("validUntil", "must not be in the past");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accreditations)
      .values({ id: newId("acc"), orgId, ...input, grantedBy: actor.userId, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [accreditations.orgId, accreditations.occupationCode],
        set: { validUntil: input.validUntil, grantedBy: actor.userId, updatedAt: now },
      })
      .returning();
    await writeAudit(tx, actor, now, { entityType: "organization", entityId: orgId, action: "accredit", data: input });
    return toAccreditation(row, today(now));
  });
}

/** The bureau reads anyone's accreditations; a provider or assessor reads its own. */
export async function listAccreditations(db: Database, actor: Actor, orgId: string, now: Date) {
  const org = await findVisibleOrganization(db, actor, orgId);
  if (!isBureau(actor) && !(actor.orgId === org.id && (org.kind === "provider" || org.kind === "assessor"))) {
    throw new AppError("forbidden", "Accreditations are read by the bureau and the accredited organisation");
  }
  const rows = await db.select().from(accreditations).where(eq(accreditations.orgId, orgId)).orderBy(accreditations.occupationCode);
  return rows.map((r) => toAccreditation(r, today(now)));
}

/** Whether an organisation holds a current accreditation for an occupation (used by programs and bids). */
export async function isAccredited(db: Database, orgId: string, occupationCode: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: accreditations.id })
    .from(accreditations)
    .where(and(eq(accreditations.orgId, orgId), eq(accreditations.occupationCode, occupationCode), sql`${accreditations.validUntil} >= ${today(now)}`));
  return Boolean(row);
}
