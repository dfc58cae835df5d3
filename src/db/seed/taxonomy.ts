/** Seeds the reference occupations and skill tree into a new database (a no-op once present). */
import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { occupations, skills } from "../schema";
import { OCCUPATIONS, SKILLS } from "./taxonomy-data";

/** Stable ids for seeded skills, so demo data and clients can name them. */
export const seededSkillId = (key: string) => `skl_${key}`;

export async function seedTaxonomy(db: Database, now: Date): Promise<void> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(occupations);
  if (n > 0) return;
  await db.transaction(async (tx) => {
    await tx.insert(occupations).values(OCCUPATIONS.map((o) => ({ ...o, createdAt: now })));
    await tx.insert(skills).values(
      SKILLS.map((s) => ({
        id: seededSkillId(s.key),
        nameEn: s.nameEn,
        nameZh: s.nameZh,
        parentId: s.parentKey ? seededSkillId(s.parentKey) : null,
        sector: s.sector,
        createdAt: now,
      })),
    );
  });
}
