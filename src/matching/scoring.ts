/** `score`: explainable suitability of one candidate (cohort or bid) for one order: a sentence and evidence per factor. */
import {
  DEFAULT_TRACK_MEANS,
  RELATED_CREDIT,
  TIMING_DECAY_DAYS,
  TRACK_PRIOR_CONTRACTS,
  combine,
  dayNumber,
  levelCredit,
  locationScore,
  locationTier,
  priceScore,
  resolveWeights,
  sizeScore,
  skillCredit,
  smoothRate,
  timingScore,
  trackRecordScore,
} from "./factors";
import { relatedSkills, skillName } from "./taxonomy";
import type {
  CandidateSkill,
  DistanceClass,
  FactorEvidence,
  FactorResult,
  IneligibilityEvidence,
  LocationParams,
  MatchCandidate,
  MatchOrder,
  ProviderRecord,
  RequiredSkill,
  ScoreContext,
  ScoreResult,
  SkillEvidence,
  Taxonomy,
  TrackRecordMeans,
} from "./types";

interface SkillsOutcome {
  score: number;
  missingEssential: string | null;
  detail: string;
  evidence: FactorEvidence;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** The outcome of one requirement, from the best-crediting held skill (if any). */
function skillOutcome(
  r: RequiredSkill,
  best: CandidateSkill | null,
  credit: number,
): Pick<SkillEvidence, "outcome" | "heldSkillId" | "level" | "share" | "credit"> {
  if (best === null) return { outcome: "missing", heldSkillId: null, level: null, share: null, credit: 0 };
  const held = { heldSkillId: best.skillId, level: best.level, share: best.share, credit };
  if (best.skillId !== r.skillId) return { outcome: "related", ...held };
  return { outcome: levelCredit(best.level, r.minLevel) < 1 ? "shortfall" : "met", ...held };
}

/** The English sentence of one requirement's outcome, or null when it is fully met by every trainee. */
function skillNote(tax: Taxonomy, e: SkillEvidence): string | null {
  const name = skillName(tax, e.skillId);
  if (e.outcome === "missing") return `${name} missing${e.essential ? " (essential)" : ""}`;
  if (e.outcome === "related")
    return `${name} only via related ${skillName(tax, e.heldSkillId!)} (level ${e.level})`;
  if (e.outcome === "shortfall") return `${name} at level ${e.level} of ${e.minLevel} required`;
  return e.share! < 1 ? `${name} held by ${pct(e.share!)} of trainees` : null;
}

/** Weighted coverage of the order's required skills; see factors.ts for the credit rules. */
function scoreSkills(order: MatchOrder, cand: MatchCandidate, tax: Taxonomy): SkillsOutcome {
  const reqs = order.requiredSkills;
  if (reqs.length === 0) {
    const evidence: FactorEvidence = { code: "skills_none_required", params: {} };
    return { score: 1, missingEssential: null, detail: "no skills required", evidence };
  }
  let num = 0;
  let den = 0;
  let missingEssential: string | null = null;
  const skills: SkillEvidence[] = [];
  for (const r of reqs) {
    const related = relatedSkills(tax, r.skillId);
    let best = 0;
    let bestSkill: CandidateSkill | null = null;
    let direct: CandidateSkill | null = null;
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
    if (r.essential && direct === null && missingEssential === null) missingEssential = r.skillId;
    const { skillId, minLevel, weight, essential } = r;
    skills.push({ skillId, minLevel, weight, essential, ...skillOutcome(r, bestSkill, best) });
  }
  const score = den > 0 ? num / den : 1;
  const covered = skills.filter((e) => e.outcome === "met").length;
  const notes = skills.map((e) => skillNote(tax, e)).filter((n) => n !== null);
  const head = `covers ${covered} of ${reqs.length} required skills`;
  return {
    score,
    missingEssential,
    detail: notes.length ? `${head}; ${notes.join("; ")}` : head,
    evidence: { code: "skills_coverage", params: { required: reqs.length, covered, skills } },
  };
}

type Explained = Pick<FactorResult, "detail" | "evidence">;

function explainSize(size: number, headcountMin: number, headcountMax: number): Explained {
  const params = { size, headcountMin, headcountMax };
  if (size < headcountMin)
    return {
      detail: `size ${size} below the minimum headcount of ${headcountMin}`,
      evidence: { code: "size_below", params },
    };
  if (size > headcountMax)
    return {
      detail: `size ${size} above the maximum headcount of ${headcountMax}`,
      evidence: { code: "size_above", params },
    };
  return {
    detail: `size ${size} within the ${headcountMin}–${headcountMax} headcount range`,
    evidence: { code: "size_within", params },
  };
}

function explainTiming(readyDate: string, deliverBy: string, late: number): Explained {
  if (late <= 0)
    return {
      detail: `ready ${readyDate}, ${-late} days before the ${deliverBy} deadline`,
      evidence: { code: "timing_on_time", params: { readyDate, deliverBy, daysEarly: -late } },
    };
  const tail = late >= TIMING_DECAY_DAYS ? " (too late to count)" : "";
  return {
    detail: `ready ${readyDate}, ${late} days after the ${deliverBy} deadline${tail}`,
    evidence: {
      code: "timing_late",
      params: { readyDate, deliverBy, daysLate: late, decayDays: TIMING_DECAY_DAYS },
    },
  };
}

const DISTANCE_CLASSES: readonly DistanceClass[] = ["district", "city", "remote", "elsewhere"];
const LOCATION_CODES = {
  district: "location_same_district",
  city: "location_same_city",
  remote: "location_remote",
  elsewhere: "location_elsewhere",
} as const;

function explainLocation(tier: number, order: MatchOrder, cand: MatchCandidate): Explained {
  const distanceClass = DISTANCE_CLASSES[tier];
  const params: LocationParams = {
    distanceClass,
    orderCity: order.city,
    orderDistrict: order.district || null,
    city: cand.city,
    district: cand.district ?? null,
    mode: cand.mode,
  };
  const evidence: FactorEvidence = { code: LOCATION_CODES[distanceClass], params };
  let detail: string;
  if (tier === 0)
    detail = order.district ? `same district (${order.district}, ${order.city})` : `in ${order.city}`;
  else if (tier === 1) detail = `same city (${order.city}), district ${cand.district ?? "unknown"}`;
  else if (tier === 2) detail = `${cand.mode} delivery from ${cand.city}; the order allows remote training`;
  else detail = `in ${cand.city}, the order is in ${order.city}`;
  return { detail, evidence };
}

function explainPrice(priceFen: number, budgetFen: number): Explained {
  const overBudgetRatio = budgetFen > 0 && priceFen > budgetFen ? (priceFen - budgetFen) / budgetFen : 0;
  const params = { priceFen, budgetFen, overBudgetRatio };
  if (budgetFen <= 0)
    return {
      detail: `${yuan(priceFen)} per trainee; no budget set`,
      evidence: { code: "price_no_budget", params },
    };
  if (priceFen <= budgetFen)
    return {
      detail: `${yuan(priceFen)} per trainee within the ${yuan(budgetFen)} budget`,
      evidence: { code: "price_within_budget", params },
    };
  return {
    detail: `${yuan(priceFen)} per trainee, ${pct(overBudgetRatio)} above the ${yuan(budgetFen)} budget`,
    evidence: { code: "price_over_budget", params },
  };
}

function explainTrackRecord(p: ProviderRecord, prior: TrackRecordMeans): Explained {
  if (p.contracts === 0)
    return {
      detail: `no delivery on record yet: the ${p.city} average applies`,
      evidence: { code: "track_record_city_prior", params: { city: p.city, prior: { ...prior } } },
    };
  const rates = {
    completionRate: p.completionRate,
    certificationRate: p.certificationRate,
    placementRate: p.placementRate,
  };
  // The figures the score uses: each rate pulled toward the city's by TRACK_PRIOR_CONTRACTS pseudo-contracts.
  const smoothed = {
    completionRate: smoothRate(p.completionRate, p.contracts, prior.completionRate),
    certificationRate: smoothRate(p.certificationRate, p.contracts, prior.certificationRate),
    placementRate: smoothRate(p.placementRate, p.contracts, prior.placementRate),
  };
  return {
    detail:
      `completion ${pct(p.completionRate)}, certification ${pct(p.certificationRate)}, placement ` +
      `${pct(p.placementRate)} over ${p.contracts} contracts; smoothed toward the ${p.city} average: ` +
      `${pct(smoothed.completionRate)}, ${pct(smoothed.certificationRate)}, ${pct(smoothed.placementRate)}`,
    evidence: {
      code: "track_record_history",
      params: {
        city: p.city,
        contracts: p.contracts,
        rates,
        prior: { ...prior },
        priorContracts: TRACK_PRIOR_CONTRACTS,
        smoothed,
      },
    },
  };
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
    { factor: "skills", score: sk.score, weight: weights.skills, detail: sk.detail, evidence: sk.evidence },
    {
      factor: "size",
      score: sz,
      weight: weights.size,
      ...explainSize(candidate.size, order.headcountMin, order.headcountMax),
    },
    {
      factor: "timing",
      score: tm,
      weight: weights.timing,
      ...explainTiming(candidate.readyDate, order.deliverBy, readyDay - dueDay),
    },
    { factor: "location", score: lo, weight: weights.location, ...explainLocation(tier, order, candidate) },
    {
      factor: "price",
      score: pr,
      weight: weights.price,
      ...explainPrice(candidate.pricePerTraineeFen, order.budgetPerTraineeFen),
    },
    { factor: "trackRecord", score: tr, weight: weights.trackRecord, ...explainTrackRecord(p, prior) },
  ];
  let reason: string | undefined;
  let reasonEvidence: IneligibilityEvidence | undefined;
  if (candidate.occupationCode !== order.occupationCode) {
    reason = `occupation ${candidate.occupationCode} differs from the order's ${order.occupationCode}`;
    reasonEvidence = {
      code: "occupation_mismatch",
      params: { occupationCode: candidate.occupationCode, orderOccupationCode: order.occupationCode },
    };
  } else if (sk.missingEssential !== null) {
    reason = `missing essential skill ${skillName(context.taxonomy, sk.missingEssential)}`;
    reasonEvidence = { code: "missing_essential_skill", params: { skillId: sk.missingEssential } };
  }
  const total = reason ? 0 : combine(weights, sk.score, sz, tm, lo, pr, tr);
  return reason
    ? { score: 0, eligible: false, reason, reasonEvidence, weights, factors }
    : { score: total, eligible: true, weights, factors };
}
