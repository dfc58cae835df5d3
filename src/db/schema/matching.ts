/**
 * Allocation jobs (recommendations from the matching engine: they change no order or cohort), and the change log
 * that keeps in-memory retrieval indexes of open cohorts and orders current.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { users } from "./organizations";

export const ALLOCATION_MODES = ["optimal", "stable"] as const;
export const PROPOSING_SIDES = ["orders", "cohorts"] as const;
export const ALLOCATION_STATUSES = ["queued", "running", "succeeded", "failed"] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];

/** The phases a running allocation reports: reading its problem, the engine's two, and writing the result. */
export const ALLOCATION_PHASES = ["loading", "retrieval", "solve", "storing"] as const;

/** How far a running allocation has come: the phase and its counters. */
export interface AllocationProgress {
  phase: (typeof ALLOCATION_PHASES)[number];
  done: number;
  total: number;
}

/** Why a job failed, as the problem the API shows (RFC 9457 fields without the request id). */
export interface AllocationFailure {
  type: string;
  code: string;
  title: string;
  status: number;
  detail: string;
}

export const allocations = pgTable(
  "allocations",
  {
    id: text("id").primaryKey(),
    status: text("status", { enum: ALLOCATION_STATUSES }).notNull().default("queued"),
    mode: text("mode", { enum: ALLOCATION_MODES }).notNull(),
    proposing: text("proposing", { enum: PROPOSING_SIDES }),
    allowSplit: boolean("allow_split").notNull(),
    filter: jsonb("filter").$type<{ occupationCodes?: string[]; city?: string }>(),
    progress: jsonb("progress").$type<AllocationProgress>(),
    /** The result, set when the job succeeds. */
    assignments:
      jsonb("assignments").$type<{ orderId: string; cohortId: string; headcount: number; score: number }[]>(),
    underfilledOrders:
      jsonb("underfilled_orders").$type<{ orderId: string; headcount: number; headcountMin: number }[]>(),
    /** Σ score × headcount over the assignments. */
    objective: doublePrecision("objective"),
    blockingPairs: integer("blocking_pairs"),
    stats: jsonb("stats").$type<Record<string, number>>(),
    failure: jsonb("failure").$type<AllocationFailure>(),
    /** The runner holding a running job, and until when; a lease that runs out unrenewed means it died. */
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true, mode: "date" }),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("allocations_created_idx").on(t.createdAt, t.id),
    index("allocations_pending_idx")
      .on(t.status, t.createdAt, t.id)
      .where(sql`status in ('queued', 'running')`),
  ],
);

/**
 * One row per entity a transaction changed that matching can see, numbered in commit order by triggers (see the custom
 * migration `match_changes_triggers`). `occupation_code` null means "anything may have changed".
 */
export const matchChanges = pgTable(
  "match_changes",
  {
    /** One number per committed transaction, shared by all it changed. */
    seq: bigint("seq", { mode: "number" }).notNull(),
    occupationCode: text("occupation_code"),
    entityId: text("entity_id").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.seq, t.entityId] }), index("match_changes_at_idx").on(t.at)],
);

/** The single-row counter whose row lock makes `match_changes.seq` follow commit order. */
export const matchWatermark = pgTable("match_watermark", {
  id: integer("id").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
});
