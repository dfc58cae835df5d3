/** Cross-cutting tables: the append-only audit log, the Idempotency-Key store and the rate-limit windows. */
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

export const auditLog = pgTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    /** Insertion order: events of one transaction share `at`, and the trail lists them in the order they happened. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    actorUserId: text("actor_user_id"),
    actorOrgId: text("actor_org_id"),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    action: text("action").notNull(),
    fromState: text("from_state"),
    toState: text("to_state"),
    data: jsonb("data"),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId, t.seq),
    uniqueIndex("audit_log_seq_idx").on(t.seq),
  ],
);

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    body: jsonb("body"),
    /** Instead of `body`, for responses that carry sealed bid terms: the body sealed like the bid itself. */
    sealedBody: jsonb("sealed_body").$type<{ keyId: string; ciphertext: string }>(),
    /** The replayed response headers: Content-Type, ETag, Location. */
    headers: jsonb("headers").$type<Record<string, string>>(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/**
 * One counter per key (`ip:login:203.0.113.7`, `token:<sha256>`) per one-minute window, raised by an atomic upsert,
 * so every Node process and Workers isolate counts against the same numbers. Housekeeping deletes past windows.
 * The migration creates it UNLOGGED (drizzle does not model that): counting never waits for a WAL flush.
 */
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.windowStart] }),
    index("rate_limit_windows_start_idx").on(t.windowStart),
  ],
);
