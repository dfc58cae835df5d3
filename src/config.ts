/** The environment, described once with zod and parsed once; nothing else reads `process.env`. */
import { z } from "zod";

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
  /** Node: take the client's IP from X-Forwarded-For (its last address, the one the proxy added), not the socket. */
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
});

export type Config = z.infer<typeof configSchema>;

/**
 * Parses an environment record (Node's `process.env` or a Workers `env`).
 * Empty strings count as unset so `FOO=` in a shell behaves like no FOO.
 * @example const config = parseConfig({ PORT: "8080" });
 */
export function parseConfig(env: Record<string, unknown>): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in configSchema.shape && typeof v === "string" && v !== ""),
  );
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return parsed.data;
}

/** The Node process's configuration (the only reader of `process.env`). */
export function loadNodeConfig(): Config {
  return parseConfig(process.env);
}
