/** Tripartite contracts (DESIGN §6.6): drafted by an award, one per awarded bid, with terms copied from order and bid. */
import { sql } from "drizzle-orm";
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { awards, bids } from "./bids";
import { orders } from "./orders";
import { organizations, users } from "./organizations";
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

/** A party's signature: who signed which terms version, and the SHA-256 of those terms in canonical form. */
export interface Signature {
  termsVersion: number;
  termsSha256: string;
  signedBy: string;
  signedAt: string;
}

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
    /** Placements recorded as hired, kept by the placement's own transaction so every read of a contract has it. */
    hiresMade: integer("hires_made").notNull().default(0),
    specialTerms: text("special_terms"),
    /** The version of the terms alone (1 as drafted); signatures bind to it, `version` counts every change. */
    termsVersion: integer("terms_version").notNull().default(1),
    /** Each party's signature of the current terms; a change of terms voids both (null). */
    companySignature: jsonb("company_signature").$type<Signature>(),
    providerSignature: jsonb("provider_signature").$type<Signature>(),
    reviewReason: text("review_reason"),
    terminationReason: text("termination_reason"),
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

/** The full terms of each terms version of a contract, and who changed which fields (version 1: as drafted). */
export const contractVersions = pgTable(
  "contract_versions",
  {
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id),
    termsVersion: integer("terms_version").notNull(),
    terms: jsonb("terms").$type<Record<string, unknown>>().notNull(),
    changedFields: jsonb("changed_fields").$type<string[]>().notNull(),
    changedBy: text("changed_by").references(() => users.id),
    changedAt: ts("changed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.termsVersion] })],
);

export const OBJECTION_STATUSES = ["open", "answered", "upheld", "dismissed"] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

/**
 * A losing bidder's objection to an award during its publicity period: answered by the company, decided by the
 * bureau. `open` and `answered` are undecided, and hold up signing.
 */
export const objections = pgTable(
  "objections",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    awardId: text("award_id")
      .notNull()
      .references(() => awards.id),
    providerOrgId: text("provider_org_id")
      .notNull()
      .references(() => organizations.id),
    reason: text("reason").notNull(),
    answer: text("answer"),
    answeredAt: ts("answered_at"),
    decision: text("decision", { enum: ["upheld", "dismissed"] }),
    decisionReason: text("decision_reason"),
    decidedAt: ts("decided_at"),
    status: text("status", { enum: OBJECTION_STATUSES }).notNull(),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("objections_order_idx").on(t.orderId, t.createdAt, t.id),
    // One objection per losing bidder per award.
    uniqueIndex("objections_award_provider_idx").on(t.awardId, t.providerOrgId),
  ],
);

/**
 * The bureau's subsidy per trainee for an occupation, in force from `valid_from` until `valid_until` (inclusive)
 * if set; one per occupation, replaced by a PUT. A contract's cap is the policy in force on its start date × its
 * headcount; none in force means 0.
 */
export const subsidyPolicies = pgTable("subsidy_policies", {
  occupationCode: text("occupation_code")
    .primaryKey()
    .references(() => occupations.code),
  validFrom: date("valid_from", { mode: "string" }).notNull(),
  validUntil: date("valid_until", { mode: "string" }),
  perTraineeFen: bigint("per_trainee_fen", { mode: "number" }).notNull(),
  version: integer("version").notNull().default(1),
  updatedBy: text("updated_by").references(() => users.id),
  updatedAt: ts("updated_at").notNull(),
});
