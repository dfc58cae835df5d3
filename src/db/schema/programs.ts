/** Providers' training programs and the trainee cohorts run under them. */
import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { occupations, skills } from "./taxonomy";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const PROGRAM_MODES = ["onsite", "online", "hybrid"] as const;
export const PROGRAM_STATUSES = ["active", "archived"] as const;
export const CERTIFICATION_TYPES = ["vocational_skill_level", "professional_technical_grade"] as const;

export const programs = pgTable(
  "programs",
  {
    id: text("id").primaryKey(),
    providerOrgId: text("provider_org_id")
      .notNull()
      .references(() => organizations.id),
    title: text("title").notNull(),
    description: text("description").notNull(),
    occupationCode: text("occupation_code")
      .notNull()
      .references(() => occupations.code),
    durationWeeks: integer("duration_weeks").notNull(),
    mode: text("mode", { enum: PROGRAM_MODES }).notNull(),
    city: text("city").notNull(),
    cohortCapacity: integer("cohort_capacity").notNull(),
    pricePerTraineeFen: bigint("price_per_trainee_fen", { mode: "number" }).notNull(),
    certificationType: text("certification_type", { enum: CERTIFICATION_TYPES }).notNull(),
    certificationLevel: integer("certification_level").notNull(),
    status: text("status", { enum: PROGRAM_STATUSES }).notNull(),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("programs_created_idx").on(t.createdAt, t.id),
    index("programs_occupation_idx").on(t.occupationCode, t.createdAt, t.id),
    index("programs_provider_idx").on(t.providerOrgId, t.createdAt, t.id),
  ],
);

export const programSkills = pgTable(
  "program_skills",
  {
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    skillId: text("skill_id")
      .notNull()
      .references(() => skills.id),
    level: integer("level").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.skillId] }),
    index("program_skills_skill_idx").on(t.skillId, t.programId),
  ],
);

export const COHORT_STATUSES = ["planned", "in_training", "graduated"] as const;

export const cohorts = pgTable(
  "cohorts",
  {
    id: text("id").primaryKey(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id),
    providerOrgId: text("provider_org_id")
      .notNull()
      .references(() => organizations.id),
    occupationCode: text("occupation_code")
      .notNull()
      .references(() => occupations.code),
    name: text("name").notNull(),
    size: integer("size").notNull(),
    readyDate: date("ready_date", { mode: "string" }).notNull(),
    city: text("city").notNull(),
    district: text("district"),
    status: text("status", { enum: COHORT_STATUSES }).notNull(),
    /** Set when a contract takes the cohort; an open cohort has none and is offered for matching. */
    contractId: text("contract_id"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("cohorts_created_idx").on(t.createdAt, t.id),
    index("cohorts_provider_idx").on(t.providerOrgId, t.createdAt, t.id),
    index("cohorts_program_idx").on(t.programId),
  ],
);

/** A cohort's skill profile: the level reached and the share of its trainees who reach it. */
export const cohortSkills = pgTable(
  "cohort_skills",
  {
    cohortId: text("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    skillId: text("skill_id")
      .notNull()
      .references(() => skills.id),
    level: integer("level").notNull(),
    share: real("share").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cohortId, t.skillId] }),
    index("cohort_skills_skill_idx").on(t.skillId, t.cohortId),
  ],
);
