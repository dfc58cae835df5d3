/** Sealed bids on orders (DESIGN §6.4), the revisions of submitted ones, and companies' invitations to bid. */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { orders } from "./orders";
import { organizations, users } from "./organizations";
import { cohorts, programs } from "./programs";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const fen = (name: string) => bigint(name, { mode: "number" });

export const BID_STATUSES = [
  "draft",
  "submitted",
  "withdrawn",
  "awarded",
  "not_awarded",
  "disqualified",
] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

/** The terms of a bid: what is sealed until the opening. */
export interface BidTerms {
  cohortSize: number;
  pricePerTraineeFen: number;
  startDate: string;
  endDate: string;
  proposal: string;
  validUntil: string;
}

/** A company's invitation to a provider to bid on its open order (at most one per provider and order). */
export const invitations = pgTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    companyOrgId: text("company_org_id")
      .notNull()
      .references(() => organizations.id),
    providerOrgId: text("provider_org_id")
      .notNull()
      .references(() => organizations.id),
    cohortId: text("cohort_id").references(() => cohorts.id),
    message: text("message").notNull(),
    invitedBy: text("invited_by")
      .notNull()
      .references(() => users.id),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("invitations_order_provider_idx").on(t.orderId, t.providerOrgId),
    index("invitations_provider_idx").on(t.providerOrgId, t.createdAt, t.id),
    index("invitations_company_idx").on(t.companyOrgId, t.createdAt, t.id),
  ],
);

/**
 * Sealed bids. Until the opening the terms exist only as AES-256-GCM ciphertext (`sealed_terms`, sealed under
 * the key `sealed_key_id`, bound to the bid's id); the opening writes them into the clear columns and drops the
 * ciphertext. The checks make the database refuse any other mix. The orders module counts bids and flags them for
 * reconfirmation; the bids module owns them.
 */
export const bids = pgTable(
  "bids",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    providerOrgId: text("provider_org_id")
      .notNull()
      .references(() => organizations.id),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id),
    cohortId: text("cohort_id").references(() => cohorts.id),
    invitationId: text("invitation_id").references(() => invitations.id),
    cohortSize: integer("cohort_size"),
    pricePerTraineeFen: fen("price_per_trainee_fen"),
    startDate: date("start_date", { mode: "string" }),
    endDate: date("end_date", { mode: "string" }),
    proposal: text("proposal"),
    validUntil: date("valid_until", { mode: "string" }),
    sealedKeyId: text("sealed_key_id"),
    sealedTerms: text("sealed_terms"),
    status: text("status", { enum: BID_STATUSES }).notNull(),
    needsReconfirmation: boolean("needs_reconfirmation").notNull().default(false),
    /** Why a bid takes no part in the evaluation: not reconfirmed at the deadline, or disqualified by the company. */
    exclusionReason: text("exclusion_reason"),
    version: integer("version").notNull().default(1),
    submittedAt: ts("submitted_at"),
    openedAt: ts("opened_at"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("bids_order_status_idx").on(t.orderId, t.status),
    index("bids_provider_idx").on(t.providerOrgId, t.createdAt, t.id),
    // One live bid per provider per order.
    uniqueIndex("bids_live_per_provider_idx")
      .on(t.orderId, t.providerOrgId)
      .where(sql`${t.status} in ('draft', 'submitted')`),
    check(
      "bids_sealed_until_opened",
      sql`${t.openedAt} is not null or (${t.sealedTerms} is not null and ${t.sealedKeyId} is not null
        and ${t.cohortSize} is null and ${t.pricePerTraineeFen} is null and ${t.startDate} is null
        and ${t.endDate} is null and ${t.proposal} is null and ${t.validUntil} is null)`,
    ),
    check(
      "bids_clear_once_opened",
      sql`${t.openedAt} is null or (${t.sealedTerms} is null and ${t.sealedKeyId} is null
        and ${t.cohortSize} is not null and ${t.pricePerTraineeFen} is not null and ${t.startDate} is not null
        and ${t.endDate} is not null and ${t.proposal} is not null and ${t.validUntil} is not null)`,
    ),
  ],
);

/**
 * The terms of a submitted bid at each revision (1 = as first submitted), sealed like the bid itself until the
 * opening, for the provider's own history.
 */
export const bidRevisions = pgTable(
  "bid_revisions",
  {
    id: text("id").primaryKey(),
    bidId: text("bid_id")
      .notNull()
      .references(() => bids.id),
    revision: integer("revision").notNull(),
    /** Names of the terms that changed from the previous revision (never their values). */
    changedFields: jsonb("changed_fields").$type<string[]>().notNull(),
    terms: jsonb("terms").$type<BidTerms>(),
    sealedKeyId: text("sealed_key_id"),
    sealedTerms: text("sealed_terms"),
    revisedBy: text("revised_by")
      .notNull()
      .references(() => users.id),
    revisedAt: ts("revised_at").notNull(),
  },
  (t) => [
    uniqueIndex("bid_revisions_bid_idx").on(t.bidId, t.revision),
    check(
      "bid_revisions_sealed_or_clear",
      sql`(${t.terms} is null) = (${t.sealedTerms} is not null and ${t.sealedKeyId} is not null)`,
    ),
  ],
);

/**
 * The company's award of an order to one or more of its bids, with the reason every bidder sees. At most one award
 * per order stands (`annulled_at` null); annulling one (an upheld objection) lets the order be awarded again.
 */
export const awards = pgTable(
  "awards",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    bidIds: jsonb("bid_ids").$type<string[]>().notNull(),
    reason: text("reason").notNull(),
    awardedBy: text("awarded_by")
      .notNull()
      .references(() => users.id),
    awardedAt: ts("awarded_at").notNull(),
    /**
     * The award is public and open to objection until then (AWARD_PUBLICITY_MINUTES after `awarded_at`); awards
     * made before publicity existed had none (the epoch).
     */
    publicityEndsAt: ts("publicity_ends_at").notNull().default(sql`'epoch'`),
    annulledAt: ts("annulled_at"),
  },
  (t) => [uniqueIndex("awards_standing_per_order_idx").on(t.orderId).where(sql`${t.annulledAt} is null`)],
);
