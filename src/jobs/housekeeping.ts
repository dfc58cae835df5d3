/**
 * Housekeeping: forgets expired sessions, login attempts outside the lockout window, old idempotency keys and past
 * rate-limit windows, and match changes older than a day, so those tables stay small.
 */
import { lt, or } from "drizzle-orm";
import { idempotencyKeys, loginAttempts, matchChanges, rateLimitWindows, sessions } from "../db/schema";
import { LOCKOUT_WINDOW_MS } from "../modules/auth/service";
import { DAY } from "../platform/clock";
import { IDEMPOTENCY_TTL_MS } from "../platform/idempotency";
import { WINDOW_MS } from "../platform/rate-limit";
import type { JobDeps } from "./types";

/** Revoked or expired sessions are kept a day for support questions, then deleted. */
const SESSION_GRACE_MS = DAY;

export async function housekeeping({ db, clock }: JobDeps): Promise<number> {
  const now = clock.now().getTime();
  const before = (ms: number) => new Date(now - ms);
  const removed = await Promise.all([
    db
      .delete(sessions)
      .where(
        or(
          lt(sessions.expiresAt, before(SESSION_GRACE_MS)),
          lt(sessions.revokedAt, before(SESSION_GRACE_MS)),
        ),
      )
      .returning({ k: sessions.tokenHash }),
    db
      .delete(loginAttempts)
      .where(lt(loginAttempts.attemptedAt, before(LOCKOUT_WINDOW_MS)))
      .returning({ k: loginAttempts.id }),
    db
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, before(IDEMPOTENCY_TTL_MS)))
      .returning({ k: idempotencyKeys.key }),
    // Match-list indexes read the change log since their last refresh; one idle for a day starts again.
    db
      .delete(matchChanges)
      .where(lt(matchChanges.at, before(DAY)))
      .returning({ k: matchChanges.seq }),
    db
      .delete(rateLimitWindows)
      .where(lt(rateLimitWindows.windowStart, before(WINDOW_MS)))
      .returning({ k: rateLimitWindows.key }),
  ]);
  return removed.reduce((n, rows) => n + rows.length, 0);
}
