/** Numeric factor functions and constants shared by `score` and the indexed fast path (same arithmetic, same floats). */
import type { Factor, FactorWeights, TrackRecordMeans } from "./types";

/** Fixed factor order; weighted sums always run in this order so every code path gets identical floats. */
export const FACTORS: readonly Factor[] = ["skills", "size", "timing", "location", "price", "trackRecord"];

/**
 * Default factor weights (sum 1). Skills dominate because a cohort that cannot do the job is useless at any
 * price; timing and price next because they are the order's hard business constraints.
 */
export const DEFAULT_WEIGHTS: Readonly<FactorWeights> = Object.freeze({
  skills: 0.4,
  size: 0.1,
  timing: 0.15,
  location: 0.1,
  price: 0.15,
  trackRecord: 0.1,
});

/** Credit for holding a required skill one level below the minimum. */
export const SHORTFALL_CREDIT = 0.5;
/** Multiplier for a related skill (parent, child or sibling in the taxonomy) instead of the required one. */
export const RELATED_CREDIT = 0.5;
/** Timing score falls linearly from 1 (on time) to 0 at this many days late. */
export const TIMING_DECAY_DAYS = 60;
/** Price score falls linearly from 1 (at budget) to 0 at this fraction above budget. */
export const PRICE_DECAY_RATIO = 0.5;
/** Location scores: same district, same city, remote delivery allowed, elsewhere. */
export const LOCATION_SCORES = Object.freeze({ district: 1, city: 0.8, remote: 0.6, elsewhere: 0.2 });
/** Pseudo-contracts of the city mean added to a provider's record (Bayesian smoothing strength). */
export const TRACK_PRIOR_CONTRACTS = 5;
/** Prior used when the city has no mean of its own. */
export const DEFAULT_TRACK_MEANS: Readonly<TrackRecordMeans> = Object.freeze({
  completionRate: 0.85,
  certificationRate: 0.7,
  placementRate: 0.6,
});

/** Merges an order's partial override into the defaults and normalises to sum 1 (falls back if all zero). */
export function resolveWeights(override?: Partial<FactorWeights> | null): FactorWeights {
  const merged = { ...DEFAULT_WEIGHTS };
  if (override) {
    for (const f of FACTORS) {
      const w = override[f];
      if (typeof w === "number" && Number.isFinite(w) && w >= 0) merged[f] = w;
    }
  }
  let sum = 0;
  for (const f of FACTORS) sum += merged[f];
  if (sum <= 0) return { ...DEFAULT_WEIGHTS };
  const out = { ...merged };
  for (const f of FACTORS) out[f] = merged[f] / sum;
  return out;
}

/** 1 at or above the required level, SHORTFALL_CREDIT one level below, else 0. */
export function levelCredit(level: number, minLevel: number): number {
  if (level >= minLevel) return 1;
  if (level === minLevel - 1) return SHORTFALL_CREDIT;
  return 0;
}

/** Credit of one held skill toward one requirement; `mult` is 1 (same skill) or RELATED_CREDIT. */
export function skillCredit(level: number, minLevel: number, share: number, mult: number): number {
  const s = Math.min(1, Math.max(0, share));
  return mult * levelCredit(level, minLevel) * s;
}

/** Candidate size against the order's headcount range: 1 inside, proportional shortfall or excess outside. */
export function sizeScore(size: number, min: number, max: number): number {
  if (size <= 0) return 0;
  if (size < min) return size / min;
  if (size > max) return max / size;
  return 1;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (UTC, so no DST drift). */
export function dayNumber(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** 1 if ready on or before the deadline, then linear decay to 0 at TIMING_DECAY_DAYS late. */
export function timingScore(readyDay: number, deliverByDay: number): number {
  const late = readyDay - deliverByDay;
  if (late <= 0) return 1;
  return late >= TIMING_DECAY_DAYS ? 0 : 1 - late / TIMING_DECAY_DAYS;
}

/** 1 within budget (or with no budget set), linear decay to 0 at PRICE_DECAY_RATIO above it. */
export function priceScore(price: number, budget: number): number {
  if (budget <= 0 || price <= budget) return 1;
  const over = (price - budget) / budget;
  return over >= PRICE_DECAY_RATIO ? 0 : 1 - over / PRICE_DECAY_RATIO;
}

/** Location tier: 0 district, 1 city, 2 remote, 3 elsewhere. Online/hybrid cohorts can serve remote orders. */
export function locationTier(
  sameCity: boolean,
  orderHasDistrict: boolean,
  sameDistrict: boolean,
  remoteAllowed: boolean,
  mode: string,
): number {
  if (sameCity && (!orderHasDistrict || sameDistrict)) return 0;
  if (sameCity) return 1;
  if (remoteAllowed && mode !== "onsite") return 2;
  return 3;
}

/** Score of a location tier. */
export function locationScore(tier: number): number {
  return tier === 0
    ? LOCATION_SCORES.district
    : tier === 1
      ? LOCATION_SCORES.city
      : tier === 2
        ? LOCATION_SCORES.remote
        : LOCATION_SCORES.elsewhere;
}

/** Rate smoothed toward the prior: (n·rate + m·prior) / (n + m). */
export function smoothRate(rate: number, contracts: number, prior: number): number {
  const n = Math.max(0, contracts);
  return (n * rate + TRACK_PRIOR_CONTRACTS * prior) / (n + TRACK_PRIOR_CONTRACTS);
}

/** Track record: 0.4 completion + 0.3 certification + 0.3 placement, each smoothed toward the city mean. */
export function trackRecordScore(
  contracts: number,
  completion: number,
  certification: number,
  placement: number,
  prior: TrackRecordMeans,
): number {
  const c = smoothRate(completion, contracts, prior.completionRate);
  const k = smoothRate(certification, contracts, prior.certificationRate);
  const p = smoothRate(placement, contracts, prior.placementRate);
  const s = 0.4 * c + 0.3 * k + 0.3 * p;
  return Math.min(1, Math.max(0, s));
}

/** Weighted sum of the six factor scores in FACTORS order, clamped to [0,1]. */
export function combine(
  w: FactorWeights,
  sk: number,
  sz: number,
  tm: number,
  lo: number,
  pr: number,
  tr: number,
) {
  const s = w.skills * sk + w.size * sz + w.timing * tm + w.location * lo + w.price * pr + w.trackRecord * tr;
  return Math.min(1, Math.max(0, s));
}
