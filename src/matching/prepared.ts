/** Flat, typed-array forms of candidates and orders so retrieval can score pairs without objects or strings. */
import { DEFAULT_TRACK_MEANS, RELATED_CREDIT, dayNumber, resolveWeights, trackRecordScore } from "./factors";
import { relatedSkills } from "./taxonomy";
import type { FactorWeights, MatchCandidate, MatchOrder, ScoreContext } from "./types";

/** Query-side value that was never interned: never equal to a stored id (>= 0) nor to "absent" (-1). */
export const UNKNOWN = -3;

/** String → dense int ids. `lookup` never grows the table (queries must not mutate an index). */
export class Interner {
  readonly ids = new Map<string, number>();
  intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(s, id);
    }
    return id;
  }
  lookup(s: string | null | undefined): number {
    if (s == null || s === "") return -1;
    return this.ids.get(s) ?? UNKNOWN;
  }
  get size(): number {
    return this.ids.size;
  }
}

/** Shared interners of one index. */
export interface Vocab {
  skills: Interner;
  places: Interner;
  occupations: Interner;
}

export function newVocab(): Vocab {
  return { skills: new Interner(), places: new Interner(), occupations: new Interner() };
}

/** Column store of candidates; skills in CSR form. `track` is order-independent so it is precomputed. */
export interface CandidateStore {
  n: number;
  candidates: MatchCandidate[];
  occ: Int32Array;
  size: Float64Array;
  ready: Float64Array;
  city: Int32Array;
  district: Int32Array;
  onsite: Uint8Array;
  price: Float64Array;
  track: Float64Array;
  skStart: Int32Array;
  skId: Int32Array;
  skLevel: Float64Array;
  skShare: Float64Array;
  /** Rank of each id in ascending string order, for integer tie-breaking. */
  idRank: Int32Array;
  /** 128-bit skill signature per candidate (4 words): bit (skill mod 128) set for each held skill. */
  sig: Int32Array;
}

/** Rank of each candidate's id in ascending string order (fast when the array is already sorted by id). */
export function idRanks(cands: { id: string }[]): Int32Array {
  const order = Array.from({ length: cands.length }, (_, i) => i).sort((a, b) =>
    cands[a].id < cands[b].id ? -1 : cands[a].id > cands[b].id ? 1 : 0,
  );
  const rank = new Int32Array(cands.length);
  for (let r = 0; r < order.length; r++) rank[order[r]] = r;
  return rank;
}

/**
 * Builds a store; `grow` interns unseen strings (index build) or maps them to UNKNOWN (query side). `idRank`
 * may be passed when the caller already knows the id ranks.
 */
export function buildStore(
  cands: MatchCandidate[],
  vocab: Vocab,
  ctx: ScoreContext,
  grow: boolean,
  idRank: Int32Array = idRanks(cands),
): CandidateStore {
  const n = cands.length;
  const key = (it: Interner, s: string | null | undefined) =>
    s == null || s === "" ? -1 : grow ? it.intern(s) : it.lookup(s);
  let nsk = 0;
  for (const c of cands) nsk += c.skills.length;
  const st: CandidateStore = {
    n,
    candidates: cands,
    occ: new Int32Array(n),
    size: new Float64Array(n),
    ready: new Float64Array(n),
    city: new Int32Array(n),
    district: new Int32Array(n),
    onsite: new Uint8Array(n),
    price: new Float64Array(n),
    track: new Float64Array(n),
    skStart: new Int32Array(n + 1),
    skId: new Int32Array(nsk),
    skLevel: new Float64Array(nsk),
    skShare: new Float64Array(nsk),
    idRank,
    sig: new Int32Array(4 * n),
  };
  let j = 0;
  for (let i = 0; i < n; i++) {
    const c = cands[i];
    st.occ[i] = key(vocab.occupations, c.occupationCode);
    st.size[i] = c.size;
    st.ready[i] = dayNumber(c.readyDate);
    st.city[i] = key(vocab.places, c.city);
    st.district[i] = key(vocab.places, c.district);
    st.onsite[i] = c.mode === "onsite" ? 1 : 0;
    st.price[i] = c.pricePerTraineeFen;
    const p = c.provider;
    const prior = ctx.cityTrackRecord.get(p.city) ?? DEFAULT_TRACK_MEANS;
    st.track[i] = trackRecordScore(
      p.contracts,
      p.completionRate,
      p.certificationRate,
      p.placementRate,
      prior,
    );
    st.skStart[i] = j;
    for (const s of c.skills) {
      const sid = key(vocab.skills, s.skillId);
      st.skId[j] = sid;
      if (sid >= 0) st.sig[4 * i + ((sid >> 5) & 3)] |= 1 << (sid & 31);
      st.skLevel[j] = s.level;
      st.skShare[j] = s.share;
      j++;
    }
  }
  st.skStart[n] = j;
  return st;
}

/**
 * An order compiled against a vocabulary. Entries map a held skill to the requirement it serves: the
 * required skill itself (direct) or a related one (credit × RELATED_CREDIT).
 */
export interface PreparedOrder {
  order: MatchOrder;
  occ: number;
  w: FactorWeights;
  nReq: number;
  minLevel: Float64Array;
  reqWeight: Float64Array;
  essential: Int32Array;
  /** Interned id of each requirement's own skill (-1/UNKNOWN if never seen). */
  reqSkill: Int32Array;
  /** Essential requirements whose skill is unknown to the vocabulary: nothing can satisfy them. */
  impossible: boolean;
  den: number;
  entSkill: Int32Array;
  entReq: Int32Array;
  entMult: Float64Array;
  entDirect: Uint8Array;
  /** Per requirement, signature masks of its own skill and of its related skills (4 words each). */
  directMask: Int32Array;
  relatedMask: Int32Array;
  hmin: number;
  hmax: number;
  due: number;
  city: number;
  district: number;
  hasDistrict: boolean;
  remote: boolean;
  budget: number;
}

/** Compiles an order; `grow` as in buildStore. */
export function prepareOrder(
  order: MatchOrder,
  vocab: Vocab,
  ctx: ScoreContext,
  grow: boolean,
): PreparedOrder {
  const reqs = order.requiredSkills;
  const key = (it: Interner, s: string | null | undefined) =>
    s == null || s === "" ? -1 : grow ? it.intern(s) : it.lookup(s);
  const ents: [number, number, number, number][] = [];
  const essential: number[] = [];
  let impossible = false;
  let den = 0;
  reqs.forEach((r, i) => {
    den += r.weight;
    const s = key(vocab.skills, r.skillId);
    if (s >= 0) ents.push([s, i, 1, 1]);
    if (r.essential) {
      essential.push(i);
      if (s < 0) impossible = true;
    }
    for (const rel of relatedSkills(ctx.taxonomy, r.skillId)) {
      const t = key(vocab.skills, rel);
      if (t >= 0) ents.push([t, i, RELATED_CREDIT, 0]);
    }
  });
  const district = key(vocab.places, order.district);
  const directMask = new Int32Array(4 * reqs.length);
  const relatedMask = new Int32Array(4 * reqs.length);
  for (const [s, r, , direct] of ents) {
    (direct ? directMask : relatedMask)[4 * r + ((s >> 5) & 3)] |= 1 << (s & 31);
  }
  return {
    order,
    occ: key(vocab.occupations, order.occupationCode),
    w: resolveWeights(order.matchWeights),
    nReq: reqs.length,
    minLevel: Float64Array.from(reqs, (r) => r.minLevel),
    reqWeight: Float64Array.from(reqs, (r) => r.weight),
    essential: Int32Array.from(essential),
    reqSkill: Int32Array.from(reqs, (r) => key(vocab.skills, r.skillId)),
    impossible,
    den,
    entSkill: Int32Array.from(ents, (e) => e[0]),
    entReq: Int32Array.from(ents, (e) => e[1]),
    entMult: Float64Array.from(ents, (e) => e[2]),
    entDirect: Uint8Array.from(ents, (e) => e[3]),
    directMask,
    relatedMask,
    hmin: order.headcountMin,
    hmax: order.headcountMax,
    due: dayNumber(order.deliverBy),
    city: key(vocab.places, order.city),
    district,
    hasDistrict: order.district != null && order.district !== "",
    remote: order.remoteAllowed,
    budget: order.budgetPerTraineeFen,
  };
}
