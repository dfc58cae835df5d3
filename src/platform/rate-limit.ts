/**
 * Rate limits in one-minute windows counted in the database (`rate_limit_windows`), so every Node process and
 * Workers isolate shares them: per client IP on the routes that opt in, and per bearer token on every request.
 */
import { sql } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import type { Database } from "../db/client";
import { rateLimitWindows } from "../db/schema";
import { MINUTE } from "./clock";
import type { AppEnv } from "./context";
import { AppError } from "./errors";

export const WINDOW_MS = MINUTE;

/** How a runtime finds the client's IP address: the socket on Node, `CF-Connecting-IP` on Workers. */
export type ClientIp = (c: Context) => string | undefined;

/** The start of the window `now` falls in. */
export const windowStart = (now: Date) => new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);

/** 429 `rate_limited`, with `Retry-After` counting the seconds until the current window ends. */
export function rateLimited(what: string, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((windowStart(now).getTime() + WINDOW_MS - now.getTime()) / 1000));
  return new AppError("rate_limited", `Too many requests ${what}; try again in ${seconds} s`, {
    headers: { "Retry-After": String(seconds) },
  });
}

/**
 * Adds `n` to `key`'s current window in one atomic upsert and returns the window's new count.
 * @example if ((await countInWindow(db, "ip:login:203.0.113.7", 1, now)) > limit) throw rateLimited("…", now);
 */
export async function countInWindow(db: Database, key: string, n: number, now: Date): Promise<number> {
  const [row] = await db
    .insert(rateLimitWindows)
    .values({ key, windowStart: windowStart(now), count: n })
    .onConflictDoUpdate({
      target: [rateLimitWindows.key, rateLimitWindows.windowStart],
      // Saturates instead of overflowing the integer: past the limit the exact count no longer matters, and an
      // overflow (a data exception, answered as a 400) would fail every request of the key until the window ends.
      set: { count: sql`least(${rateLimitWindows.count}::bigint + excluded.count, 2147483647)::integer` },
    })
    .returning({ count: rateLimitWindows.count });
  return row.count;
}

/**
 * Route middleware: at most `limit` requests per client IP per minute to this operation, counted before the body is
 * validated. The route contract installs it: `RATE_LIMIT_AUTH_PER_MINUTE` where a route says `rateLimit: "ip"`
 * (register, login, certificate lookup), else `RATE_LIMIT_PER_MINUTE` on every public route, so an anonymous
 * caller is metered by address as a signed-in one is by token.
 */
export function perIpLimit(
  operationId: string,
  limit: "RATE_LIMIT_AUTH_PER_MINUTE" | "RATE_LIMIT_PER_MINUTE",
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { db, clock, config } = c.var.services;
    const now = clock.now();
    // Callers whose address the runtime cannot tell share one bucket: safe, if strict. (An IPv6 address is ≤ 45.)
    const ip = c.var.limits.clientIp(c)?.slice(0, 64) ?? "unknown";
    // When the database cannot count, the request goes on: it needs the database anyway, and /health must still
    // be able to say that the database is unreachable.
    const count = await countInWindow(db, `ip:${operationId}:${ip}`, 1, now).catch((error) => {
      c.var.services.logger.warn("rate limit not counted", { operationId, error: String(error) });
      return 0;
    });
    if (count > config[limit]) throw rateLimited("from this address", now);
    await next();
  };
}

interface Held {
  window: number;
  units: number;
  /** The database said the window is full: nothing more to lease until it ends. */
  full: boolean;
  leasing?: Promise<void>;
}

/**
 * This process's share of each token's window. Units are leased from the database in blocks and spent here without
 * a round trip; the database count is never below the requests served, so no number of processes lets a token
 * exceed its limit (unspent units of a process, at most one and a half blocks, only make the others stop early).
 */
export class TokenMeter {
  readonly #held = new Map<string, Held>();

  /**
   * @param leaseShare the share of the limit leased at once (1/20 on Node). 0 means no lease: the token lookup itself
   *   counts each request in the database (Workers, whose isolates keep no reliable state).
   */
  constructor(readonly leaseShare: number) {}

  /** Whether each request is counted by the token lookup's own query instead of by `take`. */
  get countsInLookup(): boolean {
    return this.leaseShare === 0;
  }

  /**
   * Takes one unit of `key`'s window for a request; false when the window is full. `lease(n, at)` adds `n` to the
   * database window `at` falls in and returns its new count; one lease per key is in flight at a time, the others
   * wait for it.
   * @example if (!(await meter.take(key, 600, now, (n, at) => countInWindow(db, key, n, at)))) throw rateLimited(…);
   */
  async take(
    key: string,
    limit: number,
    now: Date,
    lease: (n: number, at: Date) => Promise<number>,
  ): Promise<boolean> {
    const window = windowStart(now).getTime();
    const n = Math.max(1, Math.floor(limit * this.leaseShare));
    for (;;) {
      let held = this.#held.get(key);
      // A request whose instant falls in the window before the held one (it started before the minute turned, and
      // its token lookup finished after) is counted in the newer window. Replacing the newer entry would lease
      // again at each alternation: under load, a token's requests around the turn of a minute spent its whole
      // limit on leases, and it got 429s until the next minute (`npm run bench:http` found it).
      if (!held || held.window < window) {
        held = { window, units: 0, full: false };
        this.#keep(key, held);
      }
      if (held.units > 0) {
        held.units--;
        // Lease the next block while half of this one is left, so a busy token's requests rarely wait for it.
        if (held.units < n / 2 && !held.full && !held.leasing) {
          held.leasing = this.#lease(held, limit, n, lease);
          held.leasing.catch(() => {}); // a failed lease in the background is retried by the next request
        }
        return true;
      }
      if (held.full) return false;
      held.leasing ??= this.#lease(held, limit, n, lease);
      await held.leasing;
    }
  }

  async #lease(
    held: Held,
    limit: number,
    n: number,
    lease: (n: number, at: Date) => Promise<number>,
  ): Promise<void> {
    try {
      // Into the held window, not the requesting request's: the units are spent there.
      const count = await lease(n, new Date(held.window));
      // The lease was added to the window: the part still within the limit is ours.
      const granted = Math.min(n, Math.max(0, limit - (count - n)));
      held.units += granted;
      if (granted < n) held.full = true;
    } finally {
      held.leasing = undefined;
    }
  }

  #keep(key: string, held: Held) {
    // Forget past windows now and then, so the map holds only the tokens active this minute.
    if (this.#held.size >= 10_000) {
      for (const [k, v] of this.#held) if (v.window !== held.window && !v.leasing) this.#held.delete(k);
    }
    this.#held.set(key, held);
  }
}

/** The limiters' per-app state, shared by every request of one app instance. */
export interface Limits {
  clientIp: ClientIp;
  tokens: TokenMeter;
}
