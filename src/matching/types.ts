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

/** One factor's contribution with a sentence a UI can show. */
export interface FactorResult {
  factor: Factor;
  score: number;
  weight: number;
  detail: string;
}

/** Result of scoring one order–candidate pair. */
export interface ScoreResult {
  score: number;
  eligible: boolean;
  /** Why the pair is ineligible, when it is. */
  reason?: string;
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
