/** Seeded random instances for matching tests: small skill tree, few occupations, coarse values so ties occur. */
import type { MatchCandidate, MatchOrder, ScoreContext, Taxonomy } from "../../src/matching";
import { rng } from "../../src/platform/prng";

export { rng };

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Skill tree: roots r0..r{roots-1}, each with children rX-0..rX-{children-1}. */
export function smallTaxonomy(roots = 3, children = 4): Taxonomy {
  const parentOf = new Map<string, string | null>();
  for (let i = 0; i < roots; i++) {
    parentOf.set(`r${i}`, null);
    for (let j = 0; j < children; j++) parentOf.set(`r${i}-${j}`, `r${i}`);
  }
  return { parentOf };
}

export const SKILLS = [...smallTaxonomy().parentOf.keys()];
/** 273 skills: more than the 128-bit signature, so the retrieval bound sees hash collisions. */
export const WIDE_SKILLS = [...smallTaxonomy(13, 20).parentOf.keys()];

export function context(): ScoreContext {
  return {
    taxonomy: smallTaxonomy(13, 20),
    cityTrackRecord: new Map([
      ["bj", { completionRate: 0.8, certificationRate: 0.6, placementRate: 0.5 }],
      ["sh", { completionRate: 0.9, certificationRate: 0.7, placementRate: 0.6 }],
    ]),
  };
}

export function randomCohort(r: () => number, i: number, pool = SKILLS): MatchCandidate {
  const n = 1 + Math.floor(r() * 4);
  const skills = Array.from({ length: n }, () => ({
    skillId: pick(r, pool),
    level: 1 + Math.floor(r() * 5),
    share: pick(r, [0.5, 1, 1]),
  }));
  return {
    id: `c${String(i).padStart(3, "0")}`,
    kind: "cohort",
    occupationCode: pick(r, ["occA", "occA", "occB"]),
    skills,
    size: pick(r, [1, 2, 3, 5, 10, 20]),
    readyDate: pick(r, ["2026-01-01", "2026-02-01", "2026-03-15"]),
    city: pick(r, ["bj", "sh", "gz"]),
    district: pick(r, [null, "d1", "d2"]),
    mode: pick(r, ["onsite", "online", "hybrid"] as const),
    pricePerTraineeFen: pick(r, [8000, 10000, 12000]),
    provider: {
      providerOrgId: `p${Math.floor(r() * 5)}`,
      city: pick(r, ["bj", "sh", "gz"]),
      contracts: pick(r, [0, 3, 20]),
      completionRate: pick(r, [0.5, 1]),
      certificationRate: pick(r, [0.5, 1]),
      placementRate: pick(r, [0.5, 1]),
    },
  };
}

export function randomOrder(r: () => number, i: number, pool = SKILLS): MatchOrder {
  const n = Math.floor(r() * 4);
  const requiredSkills = Array.from({ length: n }, () => ({
    skillId: pick(r, pool),
    minLevel: 1 + Math.floor(r() * 5),
    weight: 1 + Math.floor(r() * 3),
    essential: r() < 0.3,
  }));
  const min = pick(r, [1, 2, 5, 10]);
  return {
    id: `o${String(i).padStart(3, "0")}`,
    occupationCode: pick(r, ["occA", "occA", "occB"]),
    requiredSkills,
    headcountMin: min,
    headcountMax: min + pick(r, [0, 1, 5, 10]),
    city: pick(r, ["bj", "sh"]),
    district: pick(r, [null, "d1"]),
    remoteAllowed: r() < 0.5,
    deliverBy: pick(r, ["2026-01-15", "2026-02-15"]),
    budgetPerTraineeFen: pick(r, [0, 9000, 11000]),
    matchWeights: r() < 0.2 ? { skills: 1 } : null,
  };
}

export function instance(seed: number, nOrders: number, nCohorts: number, skills = SKILLS) {
  const r = rng(seed);
  return {
    orders: Array.from({ length: nOrders }, (_, i) => randomOrder(r, i, skills)),
    cohorts: Array.from({ length: nCohorts }, (_, i) => randomCohort(r, i, skills)),
    context: context(),
  };
}

/** Fisher–Yates with the given PRNG (returns a copy). */
export function shuffled<T>(r: () => number, xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
