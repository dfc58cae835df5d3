/** The environment, described once with zod and parsed once; nothing else reads `process.env`. */
import { z } from "zod";
import { isSealingKey } from "./platform/sealing";

const sealingKey = z
  .string()
  .trim()
  .refine(
    isSealingKey,
    "must be 32 random bytes, base64-encoded (e.g. the output of `openssl rand -base64 32`)",
  );

const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");
/** A positive whole number from the environment (limits and quotas). */
const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

export const configSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default("./data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  DEMO: flag.default(true),
  BOOTSTRAP_BUREAU_EMAIL: z.string().email().optional(),
  BOOTSTRAP_BUREAU_PASSWORD: z.string().min(10).max(128).optional(),
  TOKEN_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(60 * 24 * 30)
    .default(720),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(5).default(60),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Seals bid terms at rest until the opening; see `requiresSealingKey`. */
  BID_SEALING_KEY: sealingKey.optional(),
  /** Earlier sealing keys, comma-separated: they still open what they sealed, but never seal (key rotation). */
  BID_SEALING_PREVIOUS_KEYS: z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .pipe(z.array(sealingKey).max(10))
    .default([]),
  /**
   * Behind a reverse proxy: take the client's IP from X-Forwarded-For (its last address, the one the proxy added)
   * rather than the socket, and believe X-Forwarded-Proto (the console's cookies are Secure when it says https).
   */
  TRUST_PROXY: flag.default(false),
  /** Requests per client IP per minute to each of register, login and public lookups. */
  RATE_LIMIT_AUTH_PER_MINUTE: count(20),
  /** Requests per bearer token per minute. */
  RATE_LIMIT_PER_MINUTE: count(600),
  /** Per-organisation quotas: a creation beyond them is 409 `quota_exceeded`. */
  QUOTA_OPEN_ORDERS: count(100),
  QUOTA_ACTIVE_PROGRAMS: count(100),
  QUOTA_OPEN_COHORTS: count(200),
  QUOTA_LIVE_BIDS: count(200),
  /** How long an award stays public and open to objection before its contracts may be signed (3 days). */
  AWARD_PUBLICITY_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 90)
    .default(4320),
  /** Node: worker threads that run allocation jobs, i.e. jobs solved at once. */
  ALLOCATION_WORKERS: count(1),
});

export type Config = z.infer<typeof configSchema>;

/**
 * Where the bid sealing key must come from the environment: with a PostgreSQL server and on Workers. Only the
 * embedded default may go without, because Node then generates one into `DATA_DIR` on first start.
 */
const requiresSealingKey = (config: Config, runtime: "node" | "workers") =>
  runtime === "workers" || config.DATABASE_URL !== undefined;

/**
 * Parses an environment record (Node's `process.env` or a Workers `env`), failing fast with every problem.
 * Empty strings count as unset so `FOO=` in a shell behaves like no FOO.
 * @example const config = parseConfig({ PORT: "8080" });
 */
export function parseConfig(env: Record<string, unknown>, runtime: "node" | "workers" = "node"): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in configSchema.shape && typeof v === "string" && v !== ""),
  );
  const parsed = configSchema.safeParse(cleaned);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  if (parsed.success && !parsed.data.BID_SEALING_KEY && requiresSealingKey(parsed.data, runtime)) {
    problems.push(
      `  BID_SEALING_KEY: required ${runtime === "workers" ? "on Workers (`wrangler secret put BID_SEALING_KEY`)" : "with DATABASE_URL"}; generate one with \`openssl rand -base64 32\` and keep it safe: sealed bids cannot be opened without it`,
    );
  }
  if (!parsed.success || problems.length > 0) {
    throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  }
  return parsed.data;
}

/** The Node process's configuration (the only reader of `process.env`). */
export function loadNodeConfig(): Config {
  return parseConfig(process.env);
}
