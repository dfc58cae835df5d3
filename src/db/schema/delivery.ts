/** Delivery (DESIGN §6.7–8): trainees of contracted cohorts, their assessments and placements, yearly targets. */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { contracts } from "./contracts";
import { organizations } from "./organizations";
import { CERTIFICATION_TYPES, cohorts } from "./programs";
import { occupations } from "./taxonomy";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const TRAINEE_STATUSES = ["enrolled", "completed", "dropped"] as const;
export type TraineeStatus = (typeof TRAINEE_STATUSES)[number];
export const ASSESSMENT_RESULTS = ["pass", "fail"] as const;

export const trainees = pgTable(
  "trainees",
  {
    id: text("id").primaryKey(),
    /** Enrolment order, batch order included (a batch shares one instant). */
    seq: integer("seq").notNull().generatedAlwaysAsIdentity(),
    cohortId: text("cohort_id")
      .notNull()
      .references(() => cohorts.id),
    /** The cohort's contract at enrolment, kept on the row so statistics join one table fewer. */
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id),
    providerOrgId: text("provider_org_id")
      .notNull()
      .references(() => organizations.id),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    /** The last four characters of the national ID number; never the whole number. */
    idLast4: text("id_last4"),
    status: text("status", { enum: TRAINEE_STATUSES }).notNull(),
    enrolledOn: date("enrolled_on", { mode: "string" }).notNull(),
    /** When the trainee completed or dropped out; null while enrolled. */
    statusDate: date("status_date", { mode: "string" }),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("trainees_cohort_idx").on(t.cohortId, t.seq),
    index("trainees_contract_idx").on(t.contractId),
    index("trainees_provider_idx").on(t.providerOrgId),
  ],
);

export const assessments = pgTable(
  "assessments",
  {
    id: text("id").primaryKey(),
    traineeId: text("trainee_id")
      .notNull()
      .references(() => trainees.id),
    /** The trainee's contract, kept on the row so that statistics need not join 200,000 trainees. */
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id),
    assessorOrgId: text("assessor_org_id")
      .notNull()
      .references(() => organizations.id),
    occupationCode: text("occupation_code")
      .notNull()
      .references(() => occupations.code),
    certificationType: text("certification_type", { enum: CERTIFICATION_TYPES }).notNull(),
    level: integer("level").notNull(),
    result: text("result", { enum: ASSESSMENT_RESULTS }).notNull(),
    assessedOn: date("assessed_on", { mode: "string" }).notNull(),
    certificateNo: text("certificate_no"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    index("assessments_trainee_idx").on(t.traineeId, t.assessedOn, t.id),
    index("assessments_assessor_idx").on(t.assessorOrgId),
    // A certificate number is unique across the system, whatever its case or spacing.
    uniqueIndex("assessments_certificate_idx")
      .on(sql`upper(${t.certificateNo})`)
      .where(sql`${t.certificateNo} is not null`),
  ],
);

/** One placement per trainee, recorded (and corrected) by the contracted company. */
export const placements = pgTable(
  "placements",
  {
    traineeId: text("trainee_id")
      .primaryKey()
      .references(() => trainees.id),
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id),
    hired: boolean("hired").notNull(),
    hiredOn: date("hired_on", { mode: "string" }),
    salaryFen: bigint("salary_fen", { mode: "number" }),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [index("placements_contract_idx").on(t.contractId, t.hired)],
);

/**
 * Each provider's delivery per contract, kept by triggers on trainees, assessments and placements (hand-written
 * migration 0021): track records read these few thousand rows instead of aggregating every trainee per request.
 * A trainee counts as certified (or placed) once completed with at least one pass (or a hire).
 */
export const deliveryRollup = pgTable(
  "delivery_rollup",
  {
    providerOrgId: text("provider_org_id")
      .notNull()
      .references(() => organizations.id),
    contractId: text("contract_id")
      .notNull()
      .references(() => contracts.id),
    trainees: integer("trainees").notNull().default(0),
    /** Completed or dropped. */
    settled: integer("settled").notNull().default(0),
    completed: integer("completed").notNull().default(0),
    dropped: integer("dropped").notNull().default(0),
    certified: integer("certified").notNull().default(0),
    placed: integer("placed").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.providerOrgId, t.contractId] })],
);

/** The bureau's yearly training target; a year without a row has the default (10,000). */
export const statsTargets = pgTable("stats_targets", {
  year: integer("year").primaryKey(),
  target: integer("target").notNull(),
  version: integer("version").notNull().default(1),
  updatedAt: ts("updated_at").notNull(),
});
