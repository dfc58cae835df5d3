/** `score`: explainable suitability of one candidate (cohort or bid) for one order. */
import {
  DEFAULT_TRACK_MEANS,
  RELATED_CREDIT,
  TIMING_DECAY_DAYS,
  combine,
  dayNumber,
  levelCredit,
  locationScore,
  locationTier,
  priceScore,
  resolveWeights,
  sizeScore,
  skillCredit,
  timingScore,
  trackRecordScore,
} from "./factors";
import { relatedSkills, skillName } from "./taxonomy";
import type { FactorResult, MatchCandidate, MatchOrder, ScoreContext, ScoreResult, Taxonomy } from "./types";

interface SkillsOutcome {
  score: number;
  missingEssential: string | null;
  detail: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** Weighted coverage of the order's required skills; see factors.ts for the credit rules. */
function scoreSkills(order: MatchOrder, cand: MatchCandidate, tax: Taxonomy): SkillsOutcome {
  const reqs = order.requiredSkills;
  if (reqs.length === 0) return { score: 1, missingEssential: null, detail: "no skills required" };
  let num = 0;
  let den = 0;
  let full = 0;
  let missingEssential: string | null = null;
  const notes: string[] = [];
  for (const r of reqs) {
    const related = relatedSkills(tax, r.skillId);
    let best = 0;
    let bestSkill: MatchCandidate["skills"][number] | null = null;
    let direct: MatchCandidate["skills"][number] | null = null;
    for (const cs of cand.skills) {
      const isDirect = cs.skillId === r.skillId;
      if (!isDirect && !related.includes(cs.skillId)) continue;
      const v = skillCredit(cs.level, r.minLevel, cs.share, isDirect ? 1 : RELATED_CREDIT);
      if (
        isDirect &&
        v > 0 &&
        (direct === null || v > skillCredit(direct.level, r.minLevel, direct.share, 1))
      ) {
        direct = cs;
      }
      if (v > best) {
        best = v;
        bestSkill = cs;
      }
    }
    num += r.weight * best;
    den += r.weight;
    const name = skillName(tax, r.skillId);
    if (r.essential && direct === null && missingEssential === null) missingEssential = name;
    if (bestSkill === null) {
      notes.push(`${name} missing${r.essential ? " (essential)" : ""}`);
    } else if (bestSkill.skillId !== r.skillId) {
      notes.push(`${name} only via related ${skillName(tax, bestSkill.skillId)} (level ${bestSkill.level})`);
    } else if (levelCredit(bestSkill.level, r.minLevel) < 1) {
      notes.push(`${name} at level ${bestSkill.level} of ${r.minLevel} required`);
    } else {
      full++;
      if (bestSkill.share < 1) notes.push(`${name} held by ${pct(bestSkill.share)} of trainees`);
    }
  }
  const score = den > 0 ? num / den : 1;
  const head = `covers ${full} of ${reqs.length} required skills`;
  return { score, missingEssential, detail: notes.length ? `${head}; ${notes.join("; ")}` : head };
}

function sizeDetail(size: number, min: number, max: number): string {
  if (size < min) return `size ${size} below the minimum headcount of ${min}`;
  if (size > max) return `size ${size} above the maximum headcount of ${max}`;
  return `size ${size} within the ${min}–${max} headcount range`;
}

function timingDetail(ready: string, deliverBy: string, late: number): string {
  if (late <= 0) return `ready ${ready}, ${-late} days before the ${deliverBy} deadline`;
  const tail = late >= TIMING_DECAY_DAYS ? " (too late to count)" : "";
  return `ready ${ready}, ${late} days after the ${deliverBy} deadline${tail}`;
}

function locationDetail(tier: number, order: MatchOrder, cand: MatchCandidate): string {
  if (tier === 0)
    return order.district ? `same district (${order.district}, ${order.city})` : `in ${order.city}`;
  if (tier === 1) return `same city (${order.city}), district ${cand.district ?? "unknown"}`;
  if (tier === 2) return `${cand.mode} delivery from ${cand.city}; the order allows remote training`;
  return `in ${cand.city}, the order is in ${order.city}`;
}

function priceDetail(price: number, budget: number): string {
  if (budget <= 0) return `${yuan(price)} per trainee; no budget set`;
  if (price <= budget) return `${yuan(price)} per trainee within the ${yuan(budget)} budget`;
  return `${yuan(price)} per trainee, ${pct((price - budget) / budget)} above the ${yuan(budget)} budget`;
}

/**
 * Scores a candidate for an order. Different occupation or a missing essential skill ⇒ `eligible: false` and
 * `score: 0` (factors are still explained). An essential skill counts as present only when the candidate holds
 * that very skill at most one level short with a non-zero share; a related skill earns credit but never
 * satisfies an essential requirement.
 * @example score(order, cohort, { taxonomy, cityTrackRecord }).factors[0].detail
 *   // "covers 7 of 8 required skills; Solidity at level 3 of 4 required"
 */
export function score(order: MatchOrder, candidate: MatchCandidate, context: ScoreContext): ScoreResult {
  const weights = resolveWeights(order.matchWeights);
  const sk = scoreSkills(order, candidate, context.taxonomy);
  const sz = sizeScore(candidate.size, order.headcountMin, order.headcountMax);
  const readyDay = dayNumber(candidate.readyDate);
  const dueDay = dayNumber(order.deliverBy);
  const tm = timingScore(readyDay, dueDay);
  const hasDistrict = order.district != null && order.district !== "";
  const sameCity = candidate.city === order.city;
  const tier = locationTier(
    sameCity,
    hasDistrict,
    sameCity && hasDistrict && candidate.district === order.district,
    order.remoteAllowed,
    candidate.mode,
  );
  const lo = locationScore(tier);
  const pr = priceScore(candidate.pricePerTraineeFen, order.budgetPerTraineeFen);
  const p = candidate.provider;
  const prior = context.cityTrackRecord.get(p.city) ?? DEFAULT_TRACK_MEANS;
  const tr = trackRecordScore(p.contracts, p.completionRate, p.certificationRate, p.placementRate, prior);
  const factors: FactorResult[] = [
    { factor: "skills", score: sk.score, weight: weights.skills, detail: sk.detail },
    {
      factor: "size",
      score: sz,
      weight: weights.size,
      detail: sizeDetail(candidate.size, order.headcountMin, order.headcountMax),
    },
    {
      factor: "timing",
      score: tm,
      weight: weights.timing,
      detail: timingDetail(candidate.readyDate, order.deliverBy, readyDay - dueDay),
    },
    {
      factor: "location",
      score: lo,
      weight: weights.location,
      detail: locationDetail(tier, order, candidate),
    },
    {
      factor: "price",
      score: pr,
      weight: weights.price,
      detail: priceDetail(candidate.pricePerTraineeFen, order.budgetPerTraineeFen),
    },
    {
      factor: "trackRecord",
      score: tr,
      weight: weights.trackRecord,
      detail:
        p.contracts === 0
          ? `no completed contracts yet: the ${p.city} average applies`
          : `completion ${pct(p.completionRate)}, certification ${pct(p.certificationRate)}, placement ` +
            `${pct(p.placementRate)} over ${p.contracts} contracts, smoothed toward the ${p.city} average`,
    },
  ];
  let reason: string | undefined;
  if (candidate.occupationCode !== order.occupationCode) {
    reason = `occupation ${candidate.occupationCode} differs from the order's ${order.occupationCode}`;
  } else if (sk.missingEssential !== null) {
    reason = `missing essential skill ${sk.missingEssential}`;
  }
  const total = reason ? 0 : combine(weights, sk.score, sz, tm, lo, pr, tr);
  return reason
    ? { score: 0, eligible: false, reason, weights, factors }
    : { score: total, eligible: true, weights, factors };
}
