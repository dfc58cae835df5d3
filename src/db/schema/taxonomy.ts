/** The reference taxonomy: occupations of the digital economy and the skill tree. */
import { type AnyPgColumn, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const SECTORS = [
  "ai",
  "big_data",
  "blockchain",
  "cloud",
  "iot",
  "intelligent_manufacturing",
  "industrial_internet",
  "vr",
  "digital_twin",
] as const;
export type Sector = (typeof SECTORS)[number];

export const occupations = pgTable("occupations", {
  code: text("code").primaryKey(),
  nameEn: text("name_en").notNull(),
  nameZh: text("name_zh").notNull(),
  nationalCode: text("national_code"),
  sector: text("sector", { enum: SECTORS }).notNull(),
  version: integer("version").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
});

export const skills = pgTable(
  "skills",
  {
    id: text("id").primaryKey(),
    nameEn: text("name_en").notNull(),
    nameZh: text("name_zh").notNull(),
    parentId: text("parent_id").references((): AnyPgColumn => skills.id),
    sector: text("sector", { enum: SECTORS }).notNull(),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("skills_parent_idx").on(t.parentId), index("skills_sector_idx").on(t.sector, t.id)],
);
