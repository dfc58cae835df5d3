/** The bureau's subsidy policies: one per occupation, set by PUT, read by everyone signed in. */
import { asc, eq, sql } from "drizzle-orm";
import { occupations, subsidyPolicies } from "../../db/schema";
import { requireKind } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import { AppError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import { type SubsidyPolicy, type SubsidyPolicyRequest, toSubsidyPolicy } from "./schemas";

/** Every subsidy policy, by occupation code. */
export async function listSubsidyPolicies({ db }: Scope): Promise<SubsidyPolicy[]> {
  const rows = await db.select().from(subsidyPolicies).orderBy(asc(subsidyPolicies.occupationCode));
  return rows.map(toSubsidyPolicy);
}

/**
 * The bureau sets an occupation's policy (creating or replacing it); `created` tells which.
 * @example await putSubsidyPolicy(scope, { occupationCode: "ai_engineer", perTraineeFen: 300_000, validFrom: "2031-01-01" });
 */
export async function putSubsidyPolicy(
  scope: Scope,
  input: SubsidyPolicyRequest & { occupationCode: string },
): Promise<{ policy: SubsidyPolicy; created: boolean }> {
  const { db, actor, now } = scope;
  requireKind(actor, "bureau");
  const [occupation] = await db.select().from(occupations).where(eq(occupations.code, input.occupationCode));
  if (!occupation) throw new AppError("not_found", `Occupation ${input.occupationCode} does not exist`);
  const values = {
    perTraineeFen: input.perTraineeFen,
    validFrom: input.validFrom,
    validUntil: input.validUntil ?? null,
    updatedBy: actor.userId,
    updatedAt: now,
  };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(subsidyPolicies)
      .values({ occupationCode: input.occupationCode, ...values })
      .onConflictDoUpdate({
        target: subsidyPolicies.occupationCode,
        set: { ...values, version: sql`${subsidyPolicies.version} + 1` },
      })
      .returning();
    await writeAudit(tx, actor, now, {
      entityType: "subsidy_policy",
      entityId: row.occupationCode,
      action: row.version === 1 ? "create" : "update",
      data: { perTraineeFen: row.perTraineeFen, validFrom: row.validFrom, validUntil: row.validUntil },
    });
    return { policy: toSubsidyPolicy(row), created: row.version === 1 };
  });
}
