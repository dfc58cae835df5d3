/** Seeded synthetic marketplace: sectors with skill trees, Zipf-popular occupations, skills and cities. */
import type { MatchCandidate, MatchOrder, ScoreContext, Taxonomy } from "../src/matching";
import { rng } from "../src/platform/prng";

export { rng };

/** Sampler over 0..n-1 with P(i) ∝ 1/(i+1)^s. */
export function zipf(n: number, s: number, r: () => number): () => number {
  const cum = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += 1 / (i + 1) ** s;
    cum[i] = acc;
  }
  return () => {
    const x = r() * acc;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const SECTORS = 8;
const OCC_PER_SECTOR = 12;
const PARENTS = 12;
const CHILDREN = 5;
const CITIES = 30;

/** Share of orders with no essential skill: retrieval must then consider every cohort of the occupation. */
export const NO_ESSENTIAL_SHARE = 0.2;

/** Generator of orders and cohorts sharing one taxonomy and city table. */
export function market(seed: number, noEssentialShare = NO_ESSENTIAL_SHARE) {
  const r = rng(seed);
  const parentOf = new Map<string, string | null>();
  const sectorSkills: string[][] = [];
  for (let s = 0; s < SECTORS; s++) {
    const list: string[] = [];
    for (let p = 0; p < PARENTS; p++) {
      const parent = `s${s}.k${p}`;
      parentOf.set(parent, null);
      list.push(parent);
      for (let c = 0; c < CHILDREN; c++) {
        parentOf.set(`${parent}.${c}`, parent);
        list.push(`${parent}.${c}`);
      }
    }
    // Popularity order differs from tree order so popular skills spread over parents.
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    sectorSkills.push(list);
  }
  const taxonomy: Taxonomy = { parentOf };
  const cityTrackRecord = new Map<
    string,
    { completionRate: number; certificationRate: number; placementRate: number }
  >();
  for (let c = 0; c < CITIES; c++) {
    cityTrackRecord.set(`city${c}`, {
      completionRate: 0.7 + 0.2 * r(),
      certificationRate: 0.5 + 0.3 * r(),
      placementRate: 0.4 + 0.4 * r(),
    });
  }
  const context: ScoreContext = { taxonomy, cityTrackRecord };
  const occ = zipf(SECTORS * OCC_PER_SECTOR, 0.9, r);
  const skillPick = zipf(PARENTS * (CHILDREN + 1), 1.0, r);
  const city = zipf(CITIES, 1.0, r);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const date = (base: number, spread: number) =>
    new Date(Date.UTC(2026, 0, 1) + (base + int(0, spread)) * 86_400_000).toISOString().slice(0, 10);
  const skillsOf = (o: number, n: number) => {
    const sector = Math.floor(o / OCC_PER_SECTOR);
    const chosen = new Set<string>();
    while (chosen.size < n) chosen.add(sectorSkills[sector][skillPick()]);
    return [...chosen];
  };
  const cohort = (i: number): MatchCandidate => {
    const o = occ();
    const c = city();
    return {
      id: `cohort-${String(i).padStart(6, "0")}`,
      kind: "cohort",
      occupationCode: `occ${o}`,
      skills: skillsOf(o, int(5, 10)).map((skillId) => ({
        skillId,
        level: int(1, 5),
        share: r() < 0.6 ? 1 : Math.round((0.4 + 0.6 * r()) * 100) / 100,
      })),
      size: int(10, 40),
      readyDate: date(30, 150),
      city: `city${c}`,
      district: `d${int(0, 5)}`,
      mode: r() < 0.6 ? "onsite" : r() < 0.5 ? "online" : "hybrid",
      pricePerTraineeFen: int(40, 160) * 100_00,
      provider: {
        providerOrgId: `prov${int(0, 4000)}`,
        city: `city${c}`,
        contracts: r() < 0.3 ? 0 : int(1, 60),
        completionRate: 0.6 + 0.4 * r(),
        certificationRate: 0.4 + 0.6 * r(),
        placementRate: 0.3 + 0.7 * r(),
      },
    };
  };
  const order = (i: number): MatchOrder => {
    const o = occ();
    const min = int(5, 40);
    return {
      id: `order-${String(i).padStart(6, "0")}`,
      occupationCode: `occ${o}`,
      requiredSkills: skillsOf(o, int(3, 7)).map((skillId, j) => ({
        skillId,
        minLevel: int(1, 4),
        weight: int(1, 5),
        essential: j === 0 && r() >= noEssentialShare,
      })),
      headcountMin: min,
      headcountMax: min + int(0, 60),
      city: `city${city()}`,
      district: r() < 0.5 ? `d${int(0, 5)}` : null,
      remoteAllowed: r() < 0.4,
      deliverBy: date(60, 150),
      budgetPerTraineeFen: int(50, 150) * 100_00,
    };
  };
  return { context, cohort, order };
}
