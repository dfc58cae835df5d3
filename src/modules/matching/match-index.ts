/**
 * The retrieval indexes behind match lists, kept in memory between requests: open cohorts and open orders per
 * occupation, refreshed incrementally from `match_changes`. Before answering, a request reads the database's
 * watermark (one indexed row) and applies every change up to it, so it never sees an index older than its own
 * writes, nor than anyone's write committed before it began.
 */
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { matchChanges, matchWatermark, orders } from "../../db/schema";
import {
  buildCohortIndex,
  buildOrderIndex,
  type CohortIndex,
  type MatchCandidate,
  type MatchOrder,
  type OrderIndex,
  type ScoreContext,
} from "../../matching";
import { prepared } from "../../platform/prepared";
import type { TrackRecordRow } from "../stats/queries";
import { loadContext, loadOpenCohorts, loadOpenOrders, trackRecordsOf } from "./load";

interface OccupationCohorts {
  byId: Map<string, MatchCandidate>;
  /** Rebuilt on the first query after a change (one occupation's cohorts, not the market). */
  index: CohortIndex | null;
}

interface OccupationOrders {
  byId: Map<string, MatchOrder>;
  index: OrderIndex;
  /** Open means "bid deadline ahead": the set holds for requests from `from` until the earliest deadline. */
  from: number;
  until: number;
}

/**
 * One per app instance (a Node process, a Workers isolate).
 * @example const { index, candidates } = await matchIndex.cohortsOf(db, "ai_engineer");
 */
export class MatchIndex {
  private watermark = -1;
  private context: ScoreContext | null = null;
  private cohorts = new Map<string, OccupationCohorts>();
  private orders = new Map<string, OccupationOrders>();
  /**
   * Answers computed from the index at `watermark` (a match list, by the caller's key), dropped when it moves:
   * whoever reads the same watermark may reuse them. Bounded, for a Workers isolate's memory.
   */
  private answers = new Map<string, unknown>();
  /** Providers' track-record rows (undefined: nothing settled yet), dropped when the index resets. */
  private records = new Map<string, TrackRecordRow | undefined>();
  /** Index updates run one at a time; queries between them are synchronous. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The latest watermark read, and the one not started yet that new callers join (see `currentWatermark`). */
  private lastRead: Promise<unknown> = Promise.resolve();
  private unstarted: Promise<number> | null = null;

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => {});
    return run;
  }

  /**
   * The database's watermark, read after this call began. Callers share reads: one runs at a time, and every
   * caller arriving meanwhile joins the single read queued behind it. Under load, each request used to read the
   * watermark itself, one after another in `exclusive`: 50 concurrent match requests waited for 50 round trips
   * in a row (most of their latency in `npm run bench:http`); now they wait for two at most.
   */
  private currentWatermark(db: Database): Promise<number> {
    if (this.unstarted) return this.unstarted;
    const start = () => {
      this.unstarted = null;
      return prepared(db, "match_watermark", readWatermark)
        .execute()
        .then(([row]) => row?.seq ?? 0);
    };
    // Started in a later microtask at the earliest, so every caller that joins it arrived before it started.
    const read = this.lastRead.then(start, start);
    this.lastRead = read;
    this.unstarted = read;
    return read;
  }

  /** The open cohorts of an occupation and their index, current as of this call. */
  async cohortsOf(db: Database, occupation: string) {
    const seq = await this.currentWatermark(db);
    return this.exclusive(async () => {
      await this.sync(db, seq);
      const context = await this.contextOf(db);
      let entry = this.cohorts.get(occupation);
      if (!entry) {
        const loaded = await loadOpenCohorts(db, { occupationCodes: [occupation] });
        entry = { byId: new Map(loaded.map((c) => [c.id, c])), index: null };
        this.cohorts.set(occupation, entry);
      }
      entry.index ??= buildCohortIndex([...entry.byId.values()].sort(byId), context);
      return { context, index: entry.index, byId: entry.byId, watermark: this.watermark };
    });
  }

  /** The orders of an occupation open at `now` and their index, current as of this call. */
  async ordersOf(db: Database, occupation: string, now: Date) {
    const seq = await this.currentWatermark(db);
    return this.exclusive(async () => {
      await this.sync(db, seq);
      const context = await this.contextOf(db);
      const at = now.getTime();
      let entry = this.orders.get(occupation);
      if (!entry || at < entry.from || at >= entry.until) {
        const loaded = await loadOpenOrders(db, now, { occupationCodes: [occupation] });
        const until = await earliestDeadline(db, occupation, now);
        entry = {
          byId: new Map(loaded.map((o) => [o.id, o])),
          index: buildOrderIndex(loaded, context),
          from: at,
          until,
        };
        this.orders.set(occupation, entry);
      }
      return { context, index: entry.index, byId: entry.byId };
    });
  }

  /**
   * The scoring context (taxonomy, city priors) and the track records of these providers, current as of this call:
   * from memory while the watermark stands (a delivery outcome moves it too), read only for providers not seen since.
   */
  async scoringFor(db: Database, providerIds: string[]) {
    const seq = await this.currentWatermark(db);
    return this.exclusive(async () => {
      await this.sync(db, seq);
      const context = await this.contextOf(db);
      const missing = providerIds.filter((id) => !this.records.has(id));
      if (missing.length) {
        const read = await trackRecordsOf(db, missing);
        if (this.records.size + missing.length > MAX_RECORDS) this.records.clear();
        for (const id of missing) this.records.set(id, read.get(id));
      }
      return { context, records: this.records as ReadonlyMap<string, TrackRecordRow | undefined> };
    });
  }

  /** The answer remembered under `key` at `watermark`, if the index is still there. */
  recall<T>(watermark: number, key: string): T | undefined {
    return watermark === this.watermark ? (this.answers.get(key) as T | undefined) : undefined;
  }

  /** Remembers an answer computed at `watermark` (nothing if the index has moved on since). */
  remember(watermark: number, key: string, answer: unknown): void {
    if (watermark !== this.watermark) return;
    if (this.answers.size >= MAX_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, answer);
  }

  private async contextOf(db: Database): Promise<ScoreContext> {
    this.context ??= await loadContext(db);
    return this.context;
  }

  /**
   * Applies the changes committed up to `seq`, a watermark just read. Reads run one at a time and their callers
   * queue here in the same order, so `seq` never goes back unless the database did (recreated, or trimmed).
   */
  private async sync(db: Database, seq: number): Promise<void> {
    if (seq === this.watermark) return;
    this.answers.clear();
    if (this.watermark < 0 || seq < this.watermark) return this.reset(seq);
    const changes = await db
      .select({
        seq: matchChanges.seq,
        occupation: matchChanges.occupationCode,
        entity: matchChanges.entityId,
      })
      .from(matchChanges)
      .where(and(gt(matchChanges.seq, this.watermark), lte(matchChanges.seq, seq)))
      .orderBy(asc(matchChanges.seq));
    // One seq per committed transaction, all present: a gap means housekeeping trimmed changes this index never
    // saw, so it starts again.
    if (new Set(changes.map((c) => c.seq)).size !== seq - this.watermark) return this.reset(seq);
    const cohortIds = new Map<string, Set<string>>();
    for (const { occupation, entity } of changes) {
      if (occupation === null) return this.reset(seq);
      this.orders.delete(occupation); // an occupation's open orders are few: reloaded whole
      const entry = this.cohorts.get(occupation);
      if (!entry) continue;
      if (entity?.startsWith("coh_")) {
        const ids = cohortIds.get(occupation) ?? new Set();
        cohortIds.set(occupation, ids.add(entity));
      } else if (entity?.startsWith("prg_")) {
        this.cohorts.delete(occupation); // a program's price or mode: every cohort of it
        cohortIds.delete(occupation);
      }
    }
    for (const [occupation, ids] of cohortIds) {
      const entry = this.cohorts.get(occupation);
      if (!entry) continue;
      const fresh = await loadOpenCohorts(db, {}, [...ids]);
      for (const id of ids) entry.byId.delete(id);
      for (const c of fresh) if (c.occupationCode === occupation) entry.byId.set(c.id, c);
      entry.index = null;
    }
    this.watermark = seq;
  }

  private reset(seq: number): void {
    this.watermark = seq;
    this.context = null;
    this.records.clear();
    this.cohorts.clear();
    this.orders.clear();
  }
}

/** Track records kept per instance: a few hundred bytes each. */
const MAX_RECORDS = 10_000;

/** Remembered answers per instance: a few hundred match lists, tens of kilobytes each. */
const MAX_ANSWERS = 256;

const readWatermark = (db: Database) =>
  db.select({ seq: matchWatermark.seq }).from(matchWatermark).prepare("match_watermark");

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The earliest bid deadline among an occupation's open orders: until then, the same orders stay open. */
async function earliestDeadline(db: Database, occupation: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ at: sql<Date | string | null>`min(${orders.bidDeadline})` })
    .from(orders)
    .where(
      and(eq(orders.status, "open"), eq(orders.occupationCode, occupation), gt(orders.bidDeadline, now)),
    );
  return row?.at ? new Date(row.at).getTime() : Number.POSITIVE_INFINITY;
}
