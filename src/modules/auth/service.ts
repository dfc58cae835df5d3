/** Logging in and out: argon2id verification, the per-account lockout, session tokens; bureau users. */
import { and, desc, eq, gt, ne, notExists, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { loginAttempts, organizations, sessions, users } from "../../db/schema";
import { newSessionToken, sha256Hex } from "../../platform/auth";
import { MINUTE } from "../../platform/clock";
import { AppError, validationError } from "../../platform/errors";
import type { PublicScope, Scope } from "../../platform/scope";
import { type BureauUser, bureauUserSchema, toOrganization, toUser } from "../organizations/schemas";
import { insertUser } from "../organizations/service";
import type { LoginBody } from "./schemas";

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * MINUTE;

// Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3a0PhTqXdV2oOOOExl4kL1hRbwpOyLfXLTYmBaIRBBE";

const windowStartOf = (now: Date) => new Date(now.getTime() - LOCKOUT_WINDOW_MS);

/**
 * Claims one of the account's 5 attempts per 15 minutes before its password is checked (429 with Retry-After when
 * none is left). Claims are counted under a per-email lock, so concurrent logins cannot check more than 5.
 */
async function claimAttempt(db: Database, email: string, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    // Also for emails nobody registered, so a wrong email behaves like a wrong password.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login:${email}`}))`);
    const recent = await tx
      .select({ at: loginAttempts.attemptedAt })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), gt(loginAttempts.attemptedAt, windowStartOf(now))))
      .orderBy(desc(loginAttempts.attemptedAt))
      .limit(LOCKOUT_FAILURES);
    if (recent.length >= LOCKOUT_FAILURES) {
      const unlockAt = recent[LOCKOUT_FAILURES - 1].at.getTime() + LOCKOUT_WINDOW_MS;
      const seconds = Math.max(1, Math.ceil((unlockAt - now.getTime()) / 1000));
      throw new AppError(
        "rate_limited",
        `Too many failed logins for this account; try again in ${seconds} s`,
        {
          headers: { "Retry-After": String(seconds) },
        },
      );
    }
    const [claim] = await tx
      .insert(loginAttempts)
      .values({ email, attemptedAt: now })
      .returning({ id: loginAttempts.id });
    return claim.id;
  });
}

/**
 * After a correct password the claim is given back, unless other attempts share its window: then someone may be
 * guessing, and every check counts (a success never resets the failures that concurrent guesses are counted by).
 */
async function releaseAttempt(db: Database, email: string, id: number, now: Date): Promise<void> {
  const others = db
    .select({ id: loginAttempts.id })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, email),
        ne(loginAttempts.id, id),
        gt(loginAttempts.attemptedAt, windowStartOf(now)),
      ),
    );
  await db.delete(loginAttempts).where(and(eq(loginAttempts.id, id), notExists(others)));
}

/** Checks the password and opens a session: an opaque token stored only as its SHA-256. */
export async function login(scope: PublicScope, input: LoginBody) {
  const { db, hasher, config, now } = scope;
  const email = input.email.trim().toLowerCase();
  const attempt = await claimAttempt(db, email, now);
  const [found] = await db
    .select({ user: users, org: organizations })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(sql`lower(${users.email}) = ${email}`);
  const ok = await hasher.verify(found?.user.passwordHash ?? DUMMY_HASH, input.password);
  // A failed check keeps its claim: it is one of the account's 5.
  if (!found || !ok) throw new AppError("unauthenticated", "Email or password is incorrect");
  await releaseAttempt(db, email, attempt, now);
  if (found.org.status === "suspended") {
    throw new AppError("forbidden", "Your organisation is suspended; contact the bureau");
  }
  const { token, tokenHash } = await newSessionToken();
  const expiresAt = new Date(now.getTime() + config.TOKEN_TTL_MINUTES * MINUTE);
  await db.insert(sessions).values({ tokenHash, userId: found.user.id, createdAt: now, expiresAt });
  return {
    token,
    expiresAt: expiresAt.toISOString(),
    user: toUser(found.user),
    organization: toOrganization(found.org, true),
  };
}

/** Revokes the presented token. */
export async function logout({ db, now }: Scope, input: { token: string }) {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(eq(sessions.tokenHash, await sha256Hex(input.token)));
}

/** The caller and their organisation. */
export async function me({ db, actor }: Scope) {
  const [row] = await db
    .select({ user: users, org: organizations })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(eq(users.id, actor.userId));
  return { user: toUser(row.user), organization: toOrganization(row.org, true) };
}

/**
 * Creates a bureau user (and the bureau organisation on first use). Operators only: CLI, bootstrap and demo.
 * @example await createBureauUser({ db, hasher, now }, { email: "ops@hrss.beijing.gov.cn", password: "…" });
 */
export async function createBureauUser(scope: Pick<Scope, "db" | "hasher" | "now">, input: BureauUser) {
  const parsed = bureauUserSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { email, password, displayName = "Bureau operator" } = parsed.data;
  const { db, now } = scope;
  return db.transaction(async (tx) => {
    let [bureau] = await tx.select().from(organizations).where(eq(organizations.kind, "bureau")).limit(1);
    if (!bureau) {
      [bureau] = await tx
        .insert(organizations)
        .values({
          id: "org_bureau",
          kind: "bureau",
          name: "Beijing Municipal Human Resources and Social Security Bureau",
          uscc: null,
          city: "Beijing",
          status: "verified",
          createdAt: now,
          verifiedAt: now,
        })
        .returning();
    }
    const user = await insertUser(
      { ...scope, db: tx },
      { orgId: bureau.id, user: { email, password, displayName, role: "admin" } },
    );
    return toUser(user);
  });
}
