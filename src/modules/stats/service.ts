/** Statistics use cases for the bureau: the year against its target, by sector, by provider, and the target itself. */
import { eq } from "drizzle-orm";
import { CONTRACT_STATUSES, SECTORS, type Sector, statsTargets } from "../../db/schema";
import { requireKind } from "../../platform/actor";
import { writeAudit } from "../../platform/audit";
import type { Scope } from "../../platform/scope";
import {
  certificationsBySector,
  contractsBySector,
  placementsBySector,
  providerFigures,
  traineeFiguresBySector,
} from "./queries";
import {
  CERTIFICATION_GRADES,
  DEFAULT_TARGET,
  type Figures,
  type Overview,
  type ProviderStats,
  type SectorStats,
  type StatsTarget,
} from "./schemas";

const emptyFigures = (): Figures => ({
  enrolled: 0,
  completed: 0,
  certified: 0,
  certifications: CERTIFICATION_GRADES.map((g) => ({ ...g, certified: 0 })),
  placed: 0,
  subsidiesApprovedFen: 0,
  contracts: Object.fromEntries(CONTRACT_STATUSES.map((s) => [s, 0])) as Figures["contracts"],
});

const yearOf = (scope: Scope, year?: number) => year ?? scope.now.getUTCFullYear();

/** Each sector's figures for the year, from four aggregate queries. */
async function figuresBySector(scope: Scope, year: number): Promise<Map<Sector, Figures>> {
  const [trainees, placed, certifications, contracts] = await Promise.all([
    traineeFiguresBySector(scope.db, year),
    placementsBySector(scope.db, year),
    certificationsBySector(scope.db, year),
    contractsBySector(scope.db, year),
  ]);
  const bySector = new Map<Sector, Figures>(SECTORS.map((s) => [s, emptyFigures()]));
  const of = (sector: Sector) => bySector.get(sector) ?? bySector.set(sector, emptyFigures()).get(sector)!;
  for (const r of trainees) Object.assign(of(r.sector), { enrolled: r.enrolled, completed: r.completed });
  for (const r of placed) of(r.sector).placed = r.placed;
  for (const r of certifications) {
    const f = of(r.sector);
    if (r.certificationType === null) f.certified = r.certified;
    else {
      const grade = f.certifications.find(
        (g) => g.certificationType === r.certificationType && g.level === r.level,
      );
      if (grade) grade.certified = r.certified;
    }
  }
  for (const r of contracts) {
    const f = of(r.sector);
    f.contracts[r.status] = r.contracts;
    f.subsidiesApprovedFen += r.subsidiesApprovedFen;
  }
  return bySector;
}

/** The sum of sectors' figures: exact, since every trainee and contract belongs to exactly one sector. */
function total(all: Iterable<Figures>): Figures {
  const sum = emptyFigures();
  for (const f of all) {
    sum.enrolled += f.enrolled;
    sum.completed += f.completed;
    sum.certified += f.certified;
    sum.placed += f.placed;
    sum.subsidiesApprovedFen += f.subsidiesApprovedFen;
    f.certifications.forEach((g, i) => {
      sum.certifications[i].certified += g.certified;
    });
    for (const s of CONTRACT_STATUSES) sum.contracts[s] += f.contracts[s];
  }
  return sum;
}

/** The year's target: the bureau's, or the default of 10,000. */
export async function getTarget(scope: Scope, input: { year: number }): Promise<StatsTarget> {
  const [row] = await scope.db.select().from(statsTargets).where(eq(statsTargets.year, input.year));
  return row
    ? { year: row.year, target: row.target, updatedAt: row.updatedAt.toISOString() }
    : { year: input.year, target: DEFAULT_TARGET, updatedAt: null };
}

/** Sets the year's target — the bureau. */
export async function setTarget(scope: Scope, input: { year: number; target: number }): Promise<StatsTarget> {
  requireKind(scope.actor, "bureau");
  const { db, actor, now } = scope;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(statsTargets)
      .values({ year: input.year, target: input.target, updatedAt: now })
      .onConflictDoUpdate({ target: statsTargets.year, set: { target: input.target, updatedAt: now } })
      .returning();
    await writeAudit(tx, actor, now, {
      entityType: "stats_target",
      entityId: String(input.year),
      action: "set",
      data: { target: input.target },
    });
    return { year: row.year, target: row.target, updatedAt: row.updatedAt.toISOString() };
  });
}

/** The year at a glance against its target — the bureau. */
export async function overview(scope: Scope, input: { year?: number }): Promise<Overview> {
  requireKind(scope.actor, "bureau");
  const year = yearOf(scope, input.year);
  const [bySector, { target }] = await Promise.all([
    figuresBySector(scope, year),
    getTarget(scope, { year }),
  ]);
  const figures = total(bySector.values());
  return { year, target, progress: Math.round((figures.completed / target) * 10_000) / 10_000, ...figures };
}

/** The same figures for each sector (every sector listed, zeros included) — the bureau. */
export async function bySector(scope: Scope, input: { year?: number }): Promise<SectorStats> {
  requireKind(scope.actor, "bureau");
  const year = yearOf(scope, input.year);
  const figures = await figuresBySector(scope, year);
  return { year, data: [...figures].map(([sector, f]) => ({ sector, ...f })) };
}

/** Per provider: contracts, trainees and their completion, certification and placement rates — the bureau. */
export async function byProvider(scope: Scope, input: { year?: number }): Promise<ProviderStats> {
  requireKind(scope.actor, "bureau");
  const year = yearOf(scope, input.year);
  return { year, data: await providerFigures(scope.db, year) };
}
