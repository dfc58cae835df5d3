/** Stored allocation runs: recommendations from the matching engine (they change no order or cohort). */
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { users } from "./organizations";

export const ALLOCATION_MODES = ["optimal", "stable"] as const;
export const PROPOSING_SIDES = ["orders", "cohorts"] as const;

export const allocations = pgTable(
  "allocations",
  {
    id: text("id").primaryKey(),
    mode: text("mode", { enum: ALLOCATION_MODES }).notNull(),
    proposing: text("proposing", { enum: PROPOSING_SIDES }),
    allowSplit: boolean("allow_split").notNull(),
    filter: jsonb("filter").$type<{ occupationCodes?: string[]; city?: string }>(),
    assignments: jsonb("assignments")
      .$type<{ orderId: string; cohortId: string; headcount: number; score: number }[]>()
      .notNull(),
    underfilledOrders: jsonb("underfilled_orders")
      .$type<{ orderId: string; headcount: number; headcountMin: number }[]>()
      .notNull(),
    /** Σ score × headcount over the assignments. */
    objective: doublePrecision("objective").notNull(),
    blockingPairs: integer("blocking_pairs"),
    stats: jsonb("stats").$type<Record<string, number>>().notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("allocations_created_idx").on(t.createdAt, t.id)],
);
