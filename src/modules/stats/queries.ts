/**
 * The statistics' SQL: every figure is an aggregate computed by PostgreSQL, never rows counted in JavaScript.
 * Years are calendar years; each event counts in the year of its own date (enrolment, completion, pass, hire).
 */
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import type { CERTIFICATION_TYPES, CONTRACT_STATUSES, Sector } from "../../db/schema";

/** Rows of a raw query, whichever driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function selectRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * The year's first and last day as SQL date literals, not parameters. Sent as parameters, the statements are
 * prepared, and from the sixth run on a connection PostgreSQL plans them once for any dates (a generic plan), which
 * cannot see that a year is a small slice of the table: the providers' figures took 430 ms instead of 230 ms at
 * 200,000 trainees. The year is an integer, so the literal is safe, and each year's statement is planned for it.
 */
function bounds(year: number) {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`Not a year: ${year}`);
  const day = (md: string) => sql.raw(`date '${String(year).padStart(4, "0")}-${md}'`);
  return { from: day("01-01"), to: day("12-31") };
}

/**
 * Trainees enrolled and completed in the year, by sector. Counted per contract first (a few hundred groups) and only
 * then joined to the contracts' sectors, so no trainee row is joined.
 */
export function traineeFiguresBySector(db: Database, year: number) {
  const { from, to } = bounds(year);
  return selectRows<{ sector: Sector; enrolled: number; completed: number }>(
    db,
    sql`with per_contract as (
          select t.contract_id,
            count(*) filter (where t.enrolled_on >= ${from}) as enrolled,
            count(*) filter (where t.status = 'completed' and t.status_date between ${from} and ${to}) as completed
          from trainees t
          where t.enrolled_on <= ${to}
          group by t.contract_id
        )
        select o.sector, sum(pc.enrolled)::int as enrolled, sum(pc.completed)::int as completed
        from per_contract pc
        join contracts c on c.id = pc.contract_id
        join occupations o on o.code = c.occupation_code
        group by o.sector`,
  );
}

/** Trainees hired in the year, by sector (placements carry their contract, so no trainee is read). */
export function placementsBySector(db: Database, year: number) {
  const { from, to } = bounds(year);
  return selectRows<{ sector: Sector; placed: number }>(
    db,
    sql`with per_contract as (
          select contract_id, count(*) as placed
          from placements
          where hired and hired_on between ${from} and ${to}
          group by contract_id
        )
        select o.sector, sum(pc.placed)::int as placed
        from per_contract pc
        join contracts c on c.id = pc.contract_id
        join occupations o on o.code = c.occupation_code
        group by o.sector`,
  );
}

/**
 * Trainees with a pass in the year, by sector and by certification type and level; the rows with a null type are
 * each sector's distinct certified trainees (a trainee certified twice counts once there).
 */
export function certificationsBySector(db: Database, year: number) {
  const { from, to } = bounds(year);
  return selectRows<{
    sector: Sector;
    certificationType: (typeof CERTIFICATION_TYPES)[number] | null;
    level: number | null;
    certified: number;
  }>(
    db,
    sql`select o.sector, a.certification_type as "certificationType", a.level,
          count(distinct a.trainee_id)::int as certified
        from assessments a
        join contracts c on c.id = a.contract_id
        join occupations o on o.code = c.occupation_code
        where a.result = 'pass' and a.assessed_on between ${from} and ${to}
        group by grouping sets ((o.sector, a.certification_type, a.level), (o.sector))`,
  );
}

/** Contracts whose training starts in the year, and the subsidies approved for them, by sector and state. */
export function contractsBySector(db: Database, year: number) {
  const { from, to } = bounds(year);
  return selectRows<{
    sector: Sector;
    status: (typeof CONTRACT_STATUSES)[number];
    contracts: number;
    subsidiesApprovedFen: number;
  }>(
    db,
    sql`select o.sector, c.status, count(*)::int as contracts,
          coalesce(sum(c.subsidy_approved_fen), 0)::float8 as "subsidiesApprovedFen"
        from contracts c
        join occupations o on o.code = c.occupation_code
        where c.start_date between ${from} and ${to}
        group by o.sector, c.status`,
  );
}

/** Outcome counts and rates of a set of trainees, per provider (shared by statistics and track records). */
const outcomeColumns = sql`
  count(*)::int as trainees,
  count(*) filter (where t.status = 'completed')::int as completed,
  count(*) filter (where t.status = 'dropped')::int as dropped,
  count(*) filter (where t.status = 'completed' and cert.trainee_id is not null)::int as certified,
  count(*) filter (where t.status = 'completed' and p.hired)::int as placed`;

const outcomeJoins = sql`
  left join placements p on p.trainee_id = t.id
  left join (select distinct trainee_id from assessments where result = 'pass') cert on cert.trainee_id = t.id`;

const rates = sql`
  round(completed::numeric / nullif(completed + dropped, 0), 4)::float8 as "completionRate",
  round(certified::numeric / nullif(completed, 0), 4)::float8 as "certificationRate",
  round(placed::numeric / nullif(completed, 0), 4)::float8 as "placementRate"`;

export interface ProviderFigures {
  providerOrgId: string;
  name: string;
  contracts: number;
  trainees: number;
  completed: number;
  dropped: number;
  certified: number;
  placed: number;
  completionRate: number | null;
  certificationRate: number | null;
  placementRate: number | null;
}

/** Per provider: contracts starting in the year, and the outcomes of the trainees enrolled in it. */
export function providerFigures(db: Database, year: number) {
  const { from, to } = bounds(year);
  return selectRows<ProviderFigures>(
    db,
    sql`with tr as (
          select t.provider_org_id as pid, ${outcomeColumns}
          from trainees t ${outcomeJoins}
          where t.enrolled_on between ${from} and ${to}
          group by t.provider_org_id
        ), ct as (
          select provider_org_id as pid, count(*)::int as contracts
          from contracts where start_date between ${from} and ${to}
          group by provider_org_id
        ), figures as (
          select coalesce(tr.pid, ct.pid) as pid, coalesce(ct.contracts, 0) as contracts,
            coalesce(tr.trainees, 0) as trainees, coalesce(tr.completed, 0) as completed,
            coalesce(tr.dropped, 0) as dropped, coalesce(tr.certified, 0) as certified,
            coalesce(tr.placed, 0) as placed
          from tr full join ct on ct.pid = tr.pid
        )
        select org.id as "providerOrgId", org.name, f.contracts, f.trainees, f.completed, f.dropped,
          f.certified, f.placed, ${rates}
        from figures f join organizations org on org.id = f.pid
        order by org.name, org.id`,
  );
}

export interface TrackRecordRow {
  providerOrgId: string;
  contracts: number;
  completionRate: number | null;
  certificationRate: number | null;
  placementRate: number | null;
}

/** The outcome counts of `outcomeColumns`, summed from `delivery_rollup` rows (aliased `r`). */
const rollupColumns = sql`
  sum(r.trainees)::int as trainees,
  sum(r.completed)::int as completed,
  sum(r.dropped)::int as dropped,
  sum(r.certified)::int as certified,
  sum(r.placed)::int as placed`;

/**
 * The whole delivery history of the given providers: their rates over settled trainees, and how many contracts
 * have settled trainees. Read from `delivery_rollup` (kept by triggers), so the cost follows the providers'
 * contracts, not their trainees; the figures are those of the same aggregate over trainees.
 */
export function providerTrackRecords(db: Database, providerIds: string[]) {
  if (!providerIds.length) return Promise.resolve([]);
  const ids = sql.join(
    providerIds.map((id) => sql`${id}`),
    sql`, `,
  );
  return selectRows<TrackRecordRow>(
    db,
    sql`with f as (
          select r.provider_org_id as pid,
            count(*) filter (where r.settled > 0)::int as contracts,
            ${rollupColumns}
          from delivery_rollup r
          where r.provider_org_id in (${ids})
          group by r.provider_org_id
          having sum(r.trainees) > 0
        )
        select pid as "providerOrgId", contracts, ${rates} from f`,
  );
}

/**
 * The pooled rates of all trainees of each city's providers: the prior a provider's record is smoothed toward.
 * One row per provider and contract in the rollup, however many trainees the city has.
 */
export function cityTrackRecords(db: Database) {
  return selectRows<Omit<TrackRecordRow, "providerOrgId" | "contracts"> & { city: string }>(
    db,
    sql`with f as (
          select org.city, ${rollupColumns}
          from delivery_rollup r join organizations org on org.id = r.provider_org_id
          group by org.city
          having sum(r.trainees) > 0
        )
        select city, ${rates} from f`,
  );
}
