/** Plain data shapes of the matching engine; the API layer maps database rows into these. */

/** The six scoring factors, in the fixed order used for summing. */
export type Factor = "skills" | "size" | "timing" | "location" | "price" | "trackRecord";

/** Non-negative weight per factor; they are normalised to sum 1 before use. */
export type FactorWeights = Record<Factor, number>;

/** A skill an order asks for. `minLevel` 1–5, `weight` 1–5. */
export interface RequiredSkill {
  skillId: string;
  minLevel: number;
  weight: number;
  essential: boolean;
}

/** An open order as seen by the matcher. Dates are `YYYY-MM-DD`. */
export interface MatchOrder {
  id: string;
  occupationCode: string;
  requiredSkills: RequiredSkill[];
  headcountMin: number;
  headcountMax: number;
  city: string;
  district?: string | null;
  remoteAllowed: boolean;
  deliverBy: string;
  budgetPerTraineeFen: number;
  matchWeights?: Partial<FactorWeights> | null;
}

/** A skill a cohort (or a bid's program) reaches; `share` is the fraction of trainees holding it (bids: 1). */
export interface CandidateSkill {
  skillId: string;
  level: number;
  share: number;
}

/** A provider's delivery history; rates are 0..1 over `contracts` completed contracts. */
export interface ProviderRecord {
  providerOrgId: string;
  city: string;
  contracts: number;
  completionRate: number;
  certificationRate: number;
  placementRate: number;
}

/** A cohort, or a bid flattened with its program and provider record. */
export interface MatchCandidate {
  id: string;
  kind: "cohort" | "bid";
  occupationCode: string;
  skills: CandidateSkill[];
  size: number;
  readyDate: string;
  city: string;
  district?: string | null;
  mode: "onsite" | "online" | "hybrid";
  pricePerTraineeFen: number;
  provider: ProviderRecord;
}

/** Skill tree: each skill's parent (null for a root). Optional display names for explanations. */
export interface Taxonomy {
  parentOf: Map<string, string | null>;
  names?: Map<string, string>;
}

/** Mean delivery rates of providers in one city, the prior for track-record smoothing. */
export interface TrackRecordMeans {
  completionRate: number;
  certificationRate: number;
  placementRate: number;
}

/** Everything `score` needs besides the pair itself. */
export interface ScoreContext {
  taxonomy: Taxonomy;
  cityTrackRecord: Map<string, TrackRecordMeans>;
}

/** How one required skill was met: the figures behind the skills factor's credit for it. */
export interface SkillEvidence {
  skillId: string;
  minLevel: number;
  weight: number;
  essential: boolean;
  /**
   * `met` at or above minLevel; `shortfall` one level short (partial credit); `related` only through a parent,
   * child or sibling skill (partial credit); `missing` no credit at all.
   */
  outcome: "met" | "shortfall" | "related" | "missing";
  /** The skill that earned the credit: the required one, or the related one; null when missing. */
  heldSkillId: string | null;
  level: number | null;
  /** Share of trainees holding `heldSkillId` (bids: 1). */
  share: number | null;
  /** Credit earned toward this requirement, 0–1. */
  credit: number;
}

/** Whether the candidate lies in the order's district, its city, elsewhere but able to train remotely, or elsewhere. */
export type DistanceClass = "district" | "city" | "remote" | "elsewhere";

/** The place parameters of every location evidence. */
export interface LocationParams {
  distanceClass: DistanceClass;
  orderCity: string;
  /** null when the order names no district (then the whole city counts as its district). */
  orderDistrict: string | null;
  city: string;
  district: string | null;
  mode: MatchCandidate["mode"];
}

/**
 * Machine-readable evidence of one factor: a code and its parameters, so that a UI can word the explanation in any
 * language (skills by id: names come from the taxonomy). `detail` is the same evidence as an English sentence.
 */
export type FactorEvidence =
  | { code: "skills_none_required"; params: Record<string, never> }
  | { code: "skills_coverage"; params: { required: number; covered: number; skills: SkillEvidence[] } }
  | {
      code: "size_within" | "size_below" | "size_above";
      params: { size: number; headcountMin: number; headcountMax: number };
    }
  | { code: "timing_on_time"; params: { readyDate: string; deliverBy: string; daysEarly: number } }
  | {
      code: "timing_late";
      params: { readyDate: string; deliverBy: string; daysLate: number; decayDays: number };
    }
  | {
      code: "location_same_district" | "location_same_city" | "location_remote" | "location_elsewhere";
      params: LocationParams;
    }
  | {
      code: "price_no_budget" | "price_within_budget" | "price_over_budget";
      params: { priceFen: number; budgetFen: number; overBudgetRatio: number };
    }
  | { code: "track_record_city_prior"; params: { city: string; prior: TrackRecordMeans } }
  | {
      code: "track_record_history";
      params: {
        city: string;
        contracts: number;
        rates: TrackRecordMeans;
        prior: TrackRecordMeans;
        priorContracts: number;
        /** The rates the score used: (contracts · rate + priorContracts · prior) / (contracts + priorContracts). */
        smoothed: TrackRecordMeans;
      };
    };

/** Why a pair is ineligible, as a code and its parameters (the `reason` sentence's evidence). */
export type IneligibilityEvidence =
  | { code: "occupation_mismatch"; params: { occupationCode: string; orderOccupationCode: string } }
  | { code: "missing_essential_skill"; params: { skillId: string } };

/** One factor's contribution with a sentence a UI can show, and the evidence behind it. */
export interface FactorResult {
  factor: Factor;
  score: number;
  weight: number;
  detail: string;
  evidence: FactorEvidence;
}

/** Result of scoring one order–candidate pair. */
export interface ScoreResult {
  score: number;
  eligible: boolean;
  /** Why the pair is ineligible, when it is. */
  reason?: string;
  /** The same, as a code and its parameters. */
  reasonEvidence?: IneligibilityEvidence;
  weights: FactorWeights;
  factors: FactorResult[];
}

/** A scored order–cohort pair, as produced by retrieval and consumed by allocation. */
export interface CandidatePair {
  orderId: string;
  cohortId: string;
  score: number;
}

/** One line of an allocation. */
export interface Assignment {
  orderId: string;
  cohortId: string;
  headcount: number;
  score: number;
}

/** An order whose allocated headcount is below its `headcountMin`. */
export interface UnderfilledOrder {
  orderId: string;
  headcount: number;
  headcountMin: number;
}
