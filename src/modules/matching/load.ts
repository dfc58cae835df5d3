/** Loads the marketplace into the matching engine's plain shapes (orders, cohorts, bids, taxonomy, track records). */
import { and, eq, gt, inArray, isNull, notExists, notInArray, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  type BidTerms,
  cohortSkills,
  cohorts,
  orderSkills,
  orders,
  organizations,
  programSkills,
  programs,
  skills,
} from "../../db/schema";
import {
  DEFAULT_TRACK_MEANS,
  type MatchCandidate,
  type MatchOrder,
  type ProviderRecord,
  type ScoreContext,
  type Taxonomy,
  type TrackRecordMeans,
} from "../../matching";
import { hasChild, loadGrouped } from "../../platform/children";
import { prepared, textArray } from "../../platform/prepared";
import { notSuspended } from "../organizations/access";
import { cityTrackRecords, providerTrackRecords, type TrackRecordRow } from "../stats/queries";
import type { AllocationRequest } from "./schemas";

export type MatchFilter = NonNullable<AllocationRequest["filter"]>;

/**
 * Candidate pre-filters that the database answers from its skill indexes. They only drop pairs the engine would
 * find ineligible (an essential skill must be held directly), so results stay exact.
 */
export interface EssentialFilter {
  /** Cohorts must hold every one of these skills. */
  cohortsHolding?: string[];
  /** Orders must have no essential skill outside this set. */
  ordersNeedingOnly?: string[];
}

type OrderRow = typeof orders.$inferSelect;

/** A keyset page by id: rows after `after`, at most `limit` of them. */
export interface IdPage {
  after?: string;
  limit: number;
}

type RequiredSkill = Pick<typeof orderSkills.$inferSelect, "skillId" | "minLevel" | "weight" | "essential">;

export function toMatchOrder(row: OrderRow, skillRows: RequiredSkill[]): MatchOrder {
  return {
    id: row.id,
    occupationCode: row.occupationCode,
    requiredSkills: skillRows.map(({ skillId, minLevel, weight, essential }) => ({
      skillId,
      minLevel,
      weight,
      essential,
    })),
    headcountMin: row.headcountMin,
    headcountMax: row.headcountMax,
    city: row.city,
    district: row.district,
    remoteAllowed: row.remoteAllowed,
    deliverBy: row.deliverBy,
    budgetPerTraineeFen: row.budgetPerTraineeFen,
    matchWeights: row.matchWeights,
  };
}

/**
 * The skill tree's stamp: skills are inserted, or updated through `updateVersioned`, never deleted, so any write
 * on any instance moves the row count or the sum of versions.
 */
const prepareStamp = (db: Database) =>
  db
    .select({ stamp: sql<string>`count(*) || ':' || coalesce(sum(${skills.version}), 0)` })
    .from(skills)
    .prepare("skills_stamp");
const prepareTree = (db: Database) =>
  db
    .select({ id: skills.id, parentId: skills.parentId, nameEn: skills.nameEn })
    .from(skills)
    .prepare("skills_tree");

/** The last tree read per database, with its stamp (a Workers database lives one request: nothing is kept). */
const trees = new WeakMap<Database, { stamp: string; taxonomy: Taxonomy }>();

/**
 * The skill tree and display names, read again only when its stamp has moved: one small aggregate instead of every
 * skill, and the tree's child and related-skill caches (kept per taxonomy object) survive between requests.
 */
async function taxonomyOf(db: Database): Promise<Taxonomy> {
  const [{ stamp }] = await prepared(db, "skills_stamp", prepareStamp).execute();
  const kept = trees.get(db);
  if (kept?.stamp === stamp) return kept.taxonomy;
  // Read after the stamp: the tree is at least as new as the stamp it is kept under.
  const rows = await prepared(db, "skills_tree", prepareTree).execute();
  const taxonomy = {
    parentOf: new Map(rows.map((r) => [r.id, r.parentId])),
    names: new Map(rows.map((r) => [r.id, r.nameEn])),
  };
  trees.set(db, { stamp, taxonomy });
  return taxonomy;
}

/** The skill tree and display names, plus each city's pooled delivery rates (the track-record priors). */
export async function loadContext(db: Database): Promise<ScoreContext> {
  const [taxonomy, cities] = await Promise.all([taxonomyOf(db), cityTrackRecords(db)]);
  return {
    taxonomy,
    // A rate the city cannot measure yet (nobody completed) falls back to the engine's documented prior.
    cityTrackRecord: new Map(
      cities.map((c): [string, TrackRecordMeans] => [
        c.city,
        {
          completionRate: c.completionRate ?? DEFAULT_TRACK_MEANS.completionRate,
          certificationRate: c.certificationRate ?? DEFAULT_TRACK_MEANS.certificationRate,
          placementRate: c.placementRate ?? DEFAULT_TRACK_MEANS.placementRate,
        },
      ]),
    ),
  };
}

/**
 * A provider's delivery record from its aggregate row (`providerTrackRecords`, one query for all candidates):
 * rates over its settled trainees, the same definitions as the bureau's statistics. Without a row it has no
 * contracts on record, so the city prior applies in full.
 */
function toProviderRecord(orgId: string, city: string, row: TrackRecordRow | undefined): ProviderRecord {
  return {
    providerOrgId: orgId,
    city,
    contracts: row?.contracts ?? 0,
    // Nobody completed: nobody was certified or placed either.
    completionRate: row?.completionRate ?? 0,
    certificationRate: row?.certificationRate ?? 0,
    placementRate: row?.placementRate ?? 0,
  };
}

/** The track-record rows of these providers, by provider id. */
export async function trackRecordsOf(db: Database, providerIds: string[]) {
  const rows = await providerTrackRecords(db, [...new Set(providerIds)]);
  return new Map(rows.map((r) => [r.providerOrgId, r]));
}

/** Orders accepting bids: open, bid deadline still ahead, placed by a company that is not suspended. */
export async function loadOpenOrders(
  db: Database,
  now: Date,
  filter: MatchFilter = {},
  essential: EssentialFilter = {},
  page?: IdPage,
): Promise<MatchOrder[]> {
  const held = essential.ordersNeedingOnly;
  const query = db
    .select()
    .from(orders)
    .where(
      and(
        ...openOrderConditions(now, filter),
        page?.after ? gt(orders.id, page.after) : undefined,
        held
          ? notExists(
              db
                .select({ one: sql`1` })
                .from(orderSkills)
                .where(
                  and(
                    eq(orderSkills.orderId, orders.id),
                    eq(orderSkills.essential, true),
                    held.length ? notInArray(orderSkills.skillId, held) : undefined,
                  ),
                ),
            )
          : undefined,
      ),
    )
    .orderBy(orders.id);
  return attachOrderSkills(db, page ? await query.limit(page.limit) : await query);
}

const openOrderConditions = (now: Date, filter: MatchFilter) => [
  eq(orders.status, "open"),
  gt(orders.bidDeadline, now),
  notSuspended(orders.companyOrgId),
  ...filterConditions(orders, filter),
];

const openCohortConditions = (filter: MatchFilter) => [
  isNull(cohorts.contractId),
  eq(organizations.status, "verified"),
  ...filterConditions(cohorts, filter),
];

/**
 * How many open orders and open cohorts a filter selects, without loading them (two index counts).
 * @example const { orders, cohorts } = await countOpen(db, now, { city: "Beijing" });
 */
export async function countOpen(db: Database, now: Date, filter: MatchFilter = {}) {
  const [[o], [c]] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(orders)
      .where(and(...openOrderConditions(now, filter))),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(cohorts)
      .innerJoin(organizations, eq(organizations.id, cohorts.providerOrgId))
      .where(and(...openCohortConditions(filter))),
  ]);
  return { orders: o.n, cohorts: c.n };
}

export async function attachOrderSkills(db: Database, rows: OrderRow[]): Promise<MatchOrder[]> {
  const ids = rows.map((r) => r.id);
  const byOrder = await loadGrouped(db, orderSkills, orderSkills.orderId, ids, [orderSkills.position]);
  return rows.map((r) => toMatchOrder(r, byOrder.get(r.id) ?? []));
}

/** Open cohorts (no contract yet) with their program's mode and price and the provider's record. */
export async function loadOpenCohorts(
  db: Database,
  filter: MatchFilter = {},
  ids?: string[],
  essential: EssentialFilter = {},
  page?: IdPage,
): Promise<MatchCandidate[]> {
  const holding = (essential.cohortsHolding ?? []).map((skillId) =>
    hasChild(cohortSkills, cohortSkills.cohortId, cohorts.id, cohortSkills.skillId, skillId),
  );
  const query = db
    .select({
      cohort: cohorts,
      mode: programs.mode,
      price: programs.pricePerTraineeFen,
      providerCity: organizations.city,
    })
    .from(cohorts)
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .innerJoin(organizations, eq(organizations.id, cohorts.providerOrgId))
    .where(
      and(
        ...openCohortConditions(filter),
        ids ? inArray(cohorts.id, ids) : undefined,
        page?.after ? gt(cohorts.id, page.after) : undefined,
        ...holding,
      ),
    )
    .orderBy(cohorts.id);
  const rows = page ? await query.limit(page.limit) : await query;
  const found = rows.map((r) => r.cohort.id);
  const [bySkill, records] = await Promise.all([
    loadGrouped(db, cohortSkills, cohortSkills.cohortId, found, [cohortSkills.skillId]),
    trackRecordsOf(
      db,
      rows.map((r) => r.cohort.providerOrgId),
    ),
  ]);
  return rows.map(({ cohort, mode, price, providerCity }) => ({
    id: cohort.id,
    kind: "cohort" as const,
    occupationCode: cohort.occupationCode,
    skills: (bySkill.get(cohort.id) ?? []).map(({ skillId, level, share }) => ({ skillId, level, share })),
    size: cohort.size,
    readyDate: cohort.readyDate,
    city: cohort.city,
    district: cohort.district,
    mode,
    pricePerTraineeFen: price,
    provider: toProviderRecord(cohort.providerOrgId, providerCity, records.get(cohort.providerOrgId)),
  }));
}

function filterConditions(table: typeof orders | typeof cohorts, filter: MatchFilter): (SQL | undefined)[] {
  return [
    filter.occupationCodes?.length ? inArray(table.occupationCode, filter.occupationCodes) : undefined,
    filter.city ? eq(table.city, filter.city) : undefined,
  ];
}

/** What a bid offers the engine: its references and its opened terms. */
export interface BidOffer extends Pick<BidTerms, "cohortSize" | "pricePerTraineeFen" | "endDate"> {
  id: string;
  providerOrgId: string;
  programId: string;
  cohortId: string | null;
}

/** What a bid's candidate is built from: its program, its cited cohort and its provider's city, as JSON. */
interface OfferRows {
  programs: {
    id: string;
    occupationCode: string;
    city: string;
    mode: MatchCandidate["mode"];
    skills: { skillId: string; level: number }[];
  }[];
  cohorts: {
    id: string;
    city: string;
    district: string | null;
    skills: { skillId: string; level: number; share: number }[];
  }[];
  cities: Record<string, string> | null;
}

/**
 * Everything `loadBidCandidates` reads, in one statement: the programs with their taught skills, the cited cohorts
 * with their profiles, and the providers' cities (five reads before; round trips are an opened bid list's cost).
 */
const prepareOffers = (db: Database) =>
  db
    .select({
      programs: sql<OfferRows["programs"]>`(
        select coalesce(json_agg(json_build_object('id', p.id, 'occupationCode', p.occupation_code, 'city', p.city,
          'mode', p.mode, 'skills', (
            select coalesce(json_agg(json_build_object('skillId', s.skill_id, 'level', s.level) order by s.skill_id),
              '[]'::json)
            from ${programSkills} s where s.program_id = p.id))), '[]'::json)
        from ${programs} p where p.id = any(${sql.placeholder("programIds")}::text[]))`,
      cohorts: sql<OfferRows["cohorts"]>`(
        select coalesce(json_agg(json_build_object('id', c.id, 'city', c.city, 'district', c.district, 'skills', (
            select coalesce(json_agg(json_build_object('skillId', s.skill_id, 'level', s.level, 'share', s.share)
              order by s.skill_id), '[]'::json)
            from ${cohortSkills} s where s.cohort_id = c.id))), '[]'::json)
        from ${cohorts} c where c.id = any(${sql.placeholder("cohortIds")}::text[]))`,
      cities: sql<OfferRows["cities"]>`(
        select json_object_agg(o.id, o.city) from ${organizations} o
        where o.id = any(${sql.placeholder("providerIds")}::text[]))`,
    })
    .from(sql`(select 1) as one`)
    .prepare("bid_offers");

/**
 * Bids as candidates (`kind: "bid"`): the size and price they offer, ready when their training ends, with their
 * program's mode and occupation. Skills and place are the cited cohort's profile, city and district; without a
 * cohort, the program's taught skills (held by every trainee) and its city. `records`: the providers' track-record
 * rows (`trackRecordsOf`), which the caller may hold already.
 * @example const candidates = await loadBidCandidates(db, openedBids, await trackRecordsOf(db, providerIds));
 */
export async function loadBidCandidates(
  db: Database,
  offers: BidOffer[],
  records: ReadonlyMap<string, TrackRecordRow | undefined>,
): Promise<MatchCandidate[]> {
  const ids = (list: string[]) => textArray([...new Set(list)]);
  const [rows] = await prepared(db, "bid_offers", prepareOffers).execute({
    programIds: ids(offers.map((b) => b.programId)),
    cohortIds: ids(offers.flatMap((b) => (b.cohortId ? [b.cohortId] : []))),
    providerIds: ids(offers.map((b) => b.providerOrgId)),
  });
  const program = new Map(rows.programs.map((p) => [p.id, p]));
  const cohort = new Map(rows.cohorts.map((c) => [c.id, c]));
  return offers.map((b) => {
    const p = program.get(b.programId)!;
    const c = b.cohortId ? cohort.get(b.cohortId) : undefined;
    return {
      id: b.id,
      kind: "bid" as const,
      occupationCode: p.occupationCode,
      // A program's taught skills are held by every trainee.
      skills: c ? c.skills : p.skills.map(({ skillId, level }) => ({ skillId, level, share: 1 })),
      size: b.cohortSize,
      readyDate: b.endDate,
      city: c?.city ?? p.city,
      district: c?.district ?? null,
      mode: p.mode,
      pricePerTraineeFen: b.pricePerTraineeFen,
      provider: toProviderRecord(
        b.providerOrgId,
        rows.cities?.[b.providerOrgId] ?? p.city,
        records.get(b.providerOrgId),
      ),
    };
  });
}
