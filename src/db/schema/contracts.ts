/** Tripartite contracts (DESIGN §6.6): drafted by an award, one per awarded bid, with terms copied from order and bid. */
import { sql } from "drizzle-orm";
import { bigint, date, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { awards, bids } from "./bids";
import { orders } from "./orders";
import { organizations } from "./organizations";
import { cohorts } from "./programs";
import { occupations } from "./taxonomy";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const fen = (name: string) => bigint(name, { mode: "number" });

/** DESIGN §6.6, plus `cancelled` for the drafts of an annulled award. */
export const CONTRACT_STATUSES = [
  "draft",
  "signed",
  "under_review",
  "approved",
  "rejected",
  "changes_requested",
  "active",
  "completed",
  "terminated",
  "cancelled",
] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const contracts = pgTable(
  "contracts",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    awardId: text("award_id")
      .notNull()
      .references(() => awards.id),
    bidId: text("bid_id")
      .notNull()
      .references(() => bids.id),
    companyOrgId: text("company_org_id")
      .notNull()
      .references(() => organizations.id),
    providerOrgId: text("provider_org_id")
      .notNull()
      .references(() => organizations.id),
    /** The cohort the bid offered; the cohort itself is bound to the contract when training starts. */
    cohortId: text("cohort_id").references(() => cohorts.id),
    occupationCode: text("occupation_code")
      .notNull()
      .references(() => occupations.code),
    // The terms: a change bumps `version` (and, from the contracts issue on, voids signatures).
    headcount: integer("headcount").notNull(),
    pricePerTraineeFen: fen("price_per_trainee_fen").notNull(),
    totalValueFen: fen("total_value_fen").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    hires: integer("hires").notNull(),
    salaryMinFen: fen("salary_min_fen").notNull(),
    salaryMaxFen: fen("salary_max_fen").notNull(),
    servicePeriodMonths: integer("service_period_months").notNull(),
    subsidyRequestedFen: fen("subsidy_requested_fen").notNull().default(0),
    /** Set by the bureau's approval (≤ requested ≤ the policy cap × headcount); null until then. */
    subsidyApprovedFen: fen("subsidy_approved_fen"),
    specialTerms: text("special_terms"),
    status: text("status", { enum: CONTRACT_STATUSES }).notNull(),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("contracts_created_idx").on(t.createdAt, t.id),
    index("contracts_order_idx").on(t.orderId, t.createdAt, t.id),
    index("contracts_company_idx").on(t.companyOrgId, t.createdAt, t.id),
    index("contracts_provider_idx").on(t.providerOrgId, t.createdAt, t.id),
    // One contract per awarded bid, however often an order is re-awarded after an annulment.
    uniqueIndex("contracts_live_per_bid_idx").on(t.bidId).where(sql`${t.status} <> 'cancelled'`),
  ],
);
