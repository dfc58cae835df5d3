/**
 * The naive baseline of `bench:stats`: every row loaded into JavaScript and counted there, producing the same
 * shapes as the statistics service, so the benchmark can check that both agree.
 */
import { CONTRACT_STATUSES, type Sector, SECTORS } from "../src/db/schema";
import type { Database } from "../src/db/client";
import { selectRows } from "../src/modules/stats/queries";
import { CERTIFICATION_GRADES, type Figures } from "../src/modules/stats/schemas";
import { sql } from "drizzle-orm";

const empty = (): Figures => ({
  enrolled: 0,
  completed: 0,
  certified: 0,
  certifications: CERTIFICATION_GRADES.map((g) => ({ ...g, certified: 0 })),
  placed: 0,
  subsidiesApprovedFen: 0,
  contracts: Object.fromEntries(CONTRACT_STATUSES.map((s) => [s, 0])) as Figures["contracts"],
});

interface Rows {
  trainees: {
    id: string;
    contractId: string;
    providerOrgId: string;
    status: string;
    enrolledOn: string;
    statusDate: string | null;
  }[];
  contracts: {
    id: string;
    providerOrgId: string;
    occupationCode: string;
    status: string;
    startDate: string;
    subsidy: number | null;
  }[];
  sectors: Map<string, Sector>;
  passes: { traineeId: string; type: string; level: number; assessedOn: string }[];
  placements: Map<string, { hired: boolean; hiredOn: string | null }>;
  names: Map<string, string>;
}

/** Loads every row the statistics read. */
export async function loadAll(db: Database): Promise<Rows> {
  const [trainees, contracts, occupations, passes, placements, orgs] = await Promise.all([
    selectRows<Rows["trainees"][number]>(
      db,
      sql`select id, contract_id as "contractId", provider_org_id as "providerOrgId", status, enrolled_on::text as "enrolledOn", status_date::text as "statusDate" from trainees`,
    ),
    selectRows<Rows["contracts"][number]>(
      db,
      sql`select id, provider_org_id as "providerOrgId", occupation_code as "occupationCode", status, start_date::text as "startDate", subsidy_approved_fen::float8 as subsidy from contracts`,
    ),
    selectRows<{ code: string; sector: Sector }>(db, sql`select code, sector from occupations`),
    selectRows<Rows["passes"][number]>(
      db,
      sql`select trainee_id as "traineeId", certification_type as type, level, assessed_on::text as "assessedOn" from assessments where result = 'pass'`,
    ),
    selectRows<{ traineeId: string; hired: boolean; hiredOn: string | null }>(
      db,
      sql`select trainee_id as "traineeId", hired, hired_on::text as "hiredOn" from placements`,
    ),
    selectRows<{ id: string; name: string }>(db, sql`select id, name from organizations`),
  ]);
  return {
    trainees,
    contracts,
    sectors: new Map(occupations.map((o) => [o.code, o.sector])),
    passes,
    placements: new Map(placements.map((p) => [p.traineeId, p])),
    names: new Map(orgs.map((o) => [o.id, o.name])),
  };
}

const inYear = (date: string | null, year: number) => date?.startsWith(`${year}-`) ?? false;

/** Figures by sector, counted row by row. */
export function naiveSectors(rows: Rows, year: number) {
  const bySector = new Map<Sector, Figures>(SECTORS.map((s) => [s, empty()]));
  const contract = new Map(rows.contracts.map((c) => [c.id, c]));
  const sectorOfTrainee = new Map<string, Sector>();
  for (const t of rows.trainees) {
    const sector = rows.sectors.get(contract.get(t.contractId)!.occupationCode)!;
    sectorOfTrainee.set(t.id, sector);
    const f = bySector.get(sector)!;
    if (inYear(t.enrolledOn, year)) f.enrolled++;
    if (t.status === "completed" && inYear(t.statusDate, year)) f.completed++;
    const p = rows.placements.get(t.id);
    if (p?.hired && inYear(p.hiredOn, year)) f.placed++;
  }
  const certified = new Map<Sector, Set<string>>();
  const graded = new Map<string, Set<string>>();
  for (const a of rows.passes) {
    if (!inYear(a.assessedOn, year)) continue;
    const sector = sectorOfTrainee.get(a.traineeId)!;
    (certified.get(sector) ?? certified.set(sector, new Set()).get(sector)!).add(a.traineeId);
    const key = `${sector}|${a.type}|${a.level}`;
    (graded.get(key) ?? graded.set(key, new Set()).get(key)!).add(a.traineeId);
  }
  for (const [sector, f] of bySector) {
    f.certified = certified.get(sector)?.size ?? 0;
    for (const g of f.certifications)
      g.certified = graded.get(`${sector}|${g.certificationType}|${g.level}`)?.size ?? 0;
  }
  for (const c of rows.contracts) {
    if (!inYear(c.startDate, year)) continue;
    const f = bySector.get(rows.sectors.get(c.occupationCode)!)!;
    f.contracts[c.status as keyof Figures["contracts"]]++;
    f.subsidiesApprovedFen += c.subsidy ?? 0;
  }
  return bySector;
}

/** The overview: the sectors added up. */
export function naiveOverview(rows: Rows, year: number) {
  const total = empty();
  for (const f of naiveSectors(rows, year).values()) {
    total.enrolled += f.enrolled;
    total.completed += f.completed;
    total.certified += f.certified;
    total.placed += f.placed;
    total.subsidiesApprovedFen += f.subsidiesApprovedFen;
    f.certifications.forEach((g, i) => {
      total.certifications[i].certified += g.certified;
    });
    for (const s of CONTRACT_STATUSES) total.contracts[s] += f.contracts[s];
  }
  return total;
}

const rate = (a: number, b: number) => (b ? Math.round((a / b) * 10_000) / 10_000 : null);

/** Per provider, counted row by row. */
export function naiveProviders(rows: Rows, year: number) {
  const passed = new Set(rows.passes.map((a) => a.traineeId));
  const by = new Map<
    string,
    {
      contracts: number;
      trainees: number;
      completed: number;
      dropped: number;
      certified: number;
      placed: number;
    }
  >();
  const of = (id: string) =>
    by.get(id) ??
    by.set(id, { contracts: 0, trainees: 0, completed: 0, dropped: 0, certified: 0, placed: 0 }).get(id)!;
  for (const c of rows.contracts) if (inYear(c.startDate, year)) of(c.providerOrgId).contracts++;
  for (const t of rows.trainees) {
    if (!inYear(t.enrolledOn, year)) continue;
    const f = of(t.providerOrgId);
    f.trainees++;
    if (t.status === "dropped") f.dropped++;
    if (t.status !== "completed") continue;
    f.completed++;
    if (passed.has(t.id)) f.certified++;
    if (rows.placements.get(t.id)?.hired) f.placed++;
  }
  return [...by].map(([id, f]) => ({
    providerOrgId: id,
    name: rows.names.get(id)!,
    ...f,
    completionRate: rate(f.completed, f.completed + f.dropped),
    certificationRate: rate(f.certified, f.completed),
    placementRate: rate(f.placed, f.completed),
  }));
}
