/** Public API of the pure matching engine (scoring, retrieval, optimal and stable allocation). */
export type * from "./types";
export {
  DEFAULT_WEIGHTS,
  DEFAULT_TRACK_MEANS,
  LOCATION_SCORES,
  PRICE_DECAY_RATIO,
  RELATED_CREDIT,
  SHORTFALL_CREDIT,
  TIMING_DECAY_DAYS,
  TRACK_PRIOR_CONTRACTS,
  resolveWeights,
} from "./factors";
export { relatedSkills } from "./taxonomy";
export { score } from "./scoring";
export {
  type CohortIndex,
  type OrderIndex,
  type RankedMatch,
  buildCohortIndex,
  buildOrderIndex,
  bruteForceTopK,
  bruteForceTopOrders,
  topK,
  topOrdersForCohort,
} from "./retrieval";
export {
  type AllocationInput,
  type AllocationProgress,
  type AllocationResult,
  SCORE_SCALE,
  allocateOptimal,
  candidatePairs,
} from "./allocate";
export { type StableInput, type StableResult, allocateStable } from "./stable-allocation";
export {
  type StablePreferences,
  type StableProblem,
  blockingEntries,
  deferredAcceptance,
  findBlockingPairs,
  stableProblem,
} from "./stable";
export { type AssignmentSolution, solveAssignment } from "./assignment";
export { type TransportOptions, type TransportProblem, type TransportSolution, solveTransport } from "./flow";
