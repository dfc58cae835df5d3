/** Scoring kernels over the typed forms: exact skills score, a cheap skills upper bound, and the full combine. */
import {
  RELATED_CREDIT,
  combine,
  locationScore,
  locationTier,
  priceScore,
  sizeScore,
  skillCredit,
  timingScore,
} from "./factors";
import type { CandidateStore, PreparedOrder } from "./prepared";

/** Everything but skills, combined with a given skills score; identical arithmetic to `score`. */
export function combineRest(p: PreparedOrder, st: CandidateStore, c: number, sk: number): number {
  return combine(
    p.w,
    sk,
    sizeScore(st.size[c], p.hmin, p.hmax),
    timingScore(st.ready[c], p.due),
    locationScore(tier(p, st, c)),
    priceScore(st.price[c], p.budget),
    st.track[c],
  );
}

/** The five factors other than skills, in FACTORS order, so one candidate's bound and score share them. */
export function restFactors(p: PreparedOrder, st: CandidateStore, c: number, out: Float64Array): void {
  out[0] = sizeScore(st.size[c], p.hmin, p.hmax);
  out[1] = timingScore(st.ready[c], p.due);
  out[2] = locationScore(tier(p, st, c));
  out[3] = priceScore(st.price[c], p.budget);
  out[4] = st.track[c];
}

/** `combine` with factors from `restFactors`: the same floats as `combineRest`. */
export function combineFactors(p: PreparedOrder, sk: number, f: Float64Array): number {
  return combine(p.w, sk, f[0], f[1], f[2], f[3], f[4]);
}

function tier(p: PreparedOrder, st: CandidateStore, c: number): number {
  const sameCity = st.city[c] === p.city;
  return locationTier(
    sameCity,
    p.hasDistrict,
    sameCity && p.hasDistrict && st.district[c] === p.district,
    p.remote,
    st.onsite[c] ? "onsite" : "online",
  );
}

/** Scratch buffers reused across pairs. */
export interface SkillScratch {
  credit: Float64Array;
  ok: Uint8Array;
}

export function newScratch(maxReq: number): SkillScratch {
  return { credit: new Float64Array(maxReq), ok: new Uint8Array(maxReq) };
}

/**
 * Skills score of candidate c for p, or -1 if an essential requirement is unmet. `entriesOf(skill)` yields
 * entry indices through `head`/`next` linked lists (dense table on the forward path, per-order on reverse).
 */
export function skillsFast(
  p: PreparedOrder,
  st: CandidateStore,
  c: number,
  head: Int32Array | Map<number, number>,
  next: Int32Array,
  sc: SkillScratch,
): number {
  const nReq = p.nReq;
  if (nReq === 0) return 1;
  if (p.impossible) return -1;
  const { credit, ok } = sc;
  for (let r = 0; r < nReq; r++) {
    credit[r] = 0;
    ok[r] = 0;
  }
  const dense = head instanceof Int32Array;
  for (let j = st.skStart[c], end = st.skStart[c + 1]; j < end; j++) {
    const s = st.skId[j];
    if (s < 0) continue;
    let e = dense ? (head as Int32Array)[s] : ((head as Map<number, number>).get(s) ?? -1);
    while (e >= 0) {
      const r = p.entReq[e];
      const v = skillCredit(st.skLevel[j], p.minLevel[r], st.skShare[j], p.entMult[e]);
      if (v > credit[r]) credit[r] = v;
      if (v > 0 && p.entDirect[e] === 1) ok[r] = 1;
      e = next[e];
    }
  }
  for (let i = 0; i < p.essential.length; i++) if (ok[p.essential[i]] === 0) return -1;
  let num = 0;
  for (let r = 0; r < nReq; r++) num += p.reqWeight[r] * credit[r];
  return p.den > 0 ? num / p.den : 1;
}

/**
 * Upper bound of `skillsFast` from skill signatures alone (hash collisions only loosen it): a requirement
 * earns at most 1 if its skill may be held, RELATED_CREDIT if only a related one may be. Returns -1 when an
 * essential skill is certainly absent. Same summation order as skillsFast, so bound ≥ exact in floats too.
 */
export function skillsBound(p: PreparedOrder, st: CandidateStore, c: number): number {
  const nReq = p.nReq;
  if (nReq === 0) return 1;
  if (p.impossible) return -1;
  const b = 4 * c;
  const s0 = st.sig[b];
  const s1 = st.sig[b + 1];
  const s2 = st.sig[b + 2];
  const s3 = st.sig[b + 3];
  const dm = p.directMask;
  const rm = p.relatedMask;
  for (let i = 0; i < p.essential.length; i++) {
    const q = 4 * p.essential[i];
    if (((s0 & dm[q]) | (s1 & dm[q + 1]) | (s2 & dm[q + 2]) | (s3 & dm[q + 3])) === 0) return -1;
  }
  let num = 0;
  for (let r = 0; r < nReq; r++) {
    const q = 4 * r;
    if (((s0 & dm[q]) | (s1 & dm[q + 1]) | (s2 & dm[q + 2]) | (s3 & dm[q + 3])) !== 0) {
      num += p.reqWeight[r] * 1;
    } else if (((s0 & rm[q]) | (s1 & rm[q + 1]) | (s2 & rm[q + 2]) | (s3 & rm[q + 3])) !== 0) {
      num += p.reqWeight[r] * RELATED_CREDIT;
    } else {
      num += p.reqWeight[r] * 0;
    }
  }
  return p.den > 0 ? num / p.den : 1;
}
