/** Organisations, their users, sessions, login attempts and accreditations. */
import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { occupations } from "./taxonomy";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const ORG_KINDS = ["company", "provider", "assessor", "bureau"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_STATUSES = ["pending", "verified", "suspended"] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];
export const USER_ROLES = ["admin", "member"] as const;

export const organizations = pgTable(
  "organizations",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ORG_KINDS }).notNull(),
    name: text("name").notNull(),
    uscc: text("uscc").unique(),
    city: text("city").notNull(),
    district: text("district"),
    status: text("status", { enum: ORG_STATUSES }).notNull(),
    suspendedReason: text("suspended_reason"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    verifiedAt: ts("verified_at"),
  },
  (t) => [index("organizations_kind_status_idx").on(t.kind, t.status, t.createdAt, t.id)],
);

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [uniqueIndex("users_email_idx").on(sql`lower(${t.email})`), index("users_org_idx").on(t.orgId)],
);

export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: ts("created_at").notNull(),
    expiresAt: ts("expires_at").notNull(),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * The attempts the login lockout counts: a row is claimed before a password is checked and stays when the check
 * fails, so concurrent logins can never check more than 5 per account per 15 minutes (in the database for Workers).
 */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    email: text("email").notNull(),
    attemptedAt: ts("attempted_at").notNull(),
  },
  (t) => [index("login_attempts_email_idx").on(t.email, t.attemptedAt)],
);

export const accreditations = pgTable(
  "accreditations",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id),
    occupationCode: text("occupation_code")
      .notNull()
      .references(() => occupations.code),
    validUntil: date("valid_until", { mode: "string" }).notNull(),
    grantedBy: text("granted_by").notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [uniqueIndex("accreditations_org_occupation_idx").on(t.orgId, t.occupationCode)],
);
