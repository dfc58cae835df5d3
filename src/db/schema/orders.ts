/** Talent orders, their required skills, amendments and enquiries (their bids are in `bids.ts`). */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { organizations, users } from "./organizations";
import { occupations, skills } from "./taxonomy";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const fen = (name: string) => bigint(name, { mode: "number" });

export const ORDER_STATUSES = [
  "draft",
  "open",
  "evaluation",
  "awarded",
  "contracted",
  "fulfilled",
  "cancelled",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const orders = pgTable(
  "orders",
  {
    id: text("id").primaryKey(),
    companyOrgId: text("company_org_id")
      .notNull()
      .references(() => organizations.id),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    description: text("description").notNull(),
    occupationCode: text("occupation_code")
      .notNull()
      .references(() => occupations.code),
    headcountMin: integer("headcount_min").notNull(),
    headcountMax: integer("headcount_max").notNull(),
    city: text("city").notNull(),
    district: text("district"),
    remoteAllowed: boolean("remote_allowed").notNull(),
    deliverBy: date("deliver_by", { mode: "string" }).notNull(),
    budgetPerTraineeFen: fen("budget_per_trainee_fen").notNull(),
    hires: integer("hires").notNull(),
    salaryMinFen: fen("salary_min_fen").notNull(),
    salaryMaxFen: fen("salary_max_fen").notNull(),
    servicePeriodMonths: integer("service_period_months").notNull(),
    enquiryDeadline: ts("enquiry_deadline").notNull(),
    bidDeadline: ts("bid_deadline").notNull(),
    matchWeights: jsonb("match_weights").$type<Record<string, number>>(),
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    version: integer("version").notNull().default(1),
    publishedAt: ts("published_at"),
    cancelReason: text("cancel_reason"),
    /** When the bids were opened (sealed terms written in clear), once the bid deadline passed. */
    bidsOpenedAt: ts("bids_opened_at"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("orders_created_idx").on(t.createdAt, t.id),
    index("orders_status_occupation_idx").on(t.status, t.occupationCode, t.createdAt, t.id),
    index("orders_company_idx").on(t.companyOrgId, t.createdAt, t.id),
    index("orders_open_deadline_idx").on(t.bidDeadline).where(sql`${t.status} = 'open'`),
    // The opening sweep's work list: published orders whose bids are still sealed.
    index("orders_unopened_bids_idx")
      .on(t.bidDeadline)
      .where(sql`${t.bidsOpenedAt} is null and ${t.status} in ('open', 'evaluation')`),
  ],
);

export const orderSkills = pgTable(
  "order_skills",
  {
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    skillId: text("skill_id")
      .notNull()
      .references(() => skills.id),
    position: integer("position").notNull(),
    minLevel: integer("min_level").notNull(),
    weight: integer("weight").notNull(),
    essential: boolean("essential").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.skillId] }),
    index("order_skills_skill_idx").on(t.skillId, t.orderId),
  ],
);

/** What an amendment of an open order changed: `[{ field, from, to }]`. */
export const orderAmendments = pgTable(
  "order_amendments",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    version: integer("version").notNull(),
    changes: jsonb("changes").$type<{ field: string; from: unknown; to: unknown }[]>().notNull(),
    amendedBy: text("amended_by")
      .notNull()
      .references(() => users.id),
    amendedAt: ts("amended_at").notNull(),
  },
  (t) => [index("order_amendments_order_idx").on(t.orderId, t.version)],
);

export const enquiries = pgTable(
  "enquiries",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    askerOrgId: text("asker_org_id")
      .notNull()
      .references(() => organizations.id),
    askerUserId: text("asker_user_id")
      .notNull()
      .references(() => users.id),
    question: text("question").notNull(),
    answer: text("answer"),
    answeredBy: text("answered_by").references(() => users.id),
    answeredAt: ts("answered_at"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [index("enquiries_order_idx").on(t.orderId, t.createdAt)],
);
