/** The taxonomy as pages use it: every occupation and skill, read through the taxonomy service, named per language. */
import type { PublicScope } from "../platform/scope";
import { listOccupations, listSkills } from "../modules/taxonomy/service";
import type { Lang } from "./i18n";

type Skill = Awaited<ReturnType<typeof listSkills>>["data"][number];
type Occupation = Awaited<ReturnType<typeof listOccupations>>["data"][number];

/** Every occupation and skill, with lookups and names in the page's language. */
export interface ConsoleTaxonomy {
  skills: Skill[];
  occupations: Occupation[];
  skill(id: string): Skill | undefined;
  occupation(code: string): Occupation | undefined;
  /** A skill's name in the language (its id when unknown). */
  skillName(id: string): string;
  occupationName(code: string): string;
}

/** Reads every page of a listing (the services cap a page at 100). */
async function all<T>(
  page: (cursor?: string) => Promise<{ data: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    out.push(...next.data);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/**
 * The whole taxonomy, for one request (the bureau may rename skills at any time, so nothing is cached).
 * @example const tax = await loadTaxonomy(scope, "zh-CN"); tax.skillName("skl_deep_learning") // "深度学习"
 */
export async function loadTaxonomy(scope: PublicScope, lang: Lang): Promise<ConsoleTaxonomy> {
  const [skills, occupations] = await Promise.all([
    all((cursor) => listSkills(scope, { limit: 100, cursor })),
    all((cursor) => listOccupations(scope, { limit: 100, cursor })),
  ]);
  const skillById = new Map(skills.map((s) => [s.id, s]));
  const occupationByCode = new Map(occupations.map((o) => [o.code, o]));
  const named = (x: { nameZh: string; nameEn: string }) => (lang === "zh-CN" ? x.nameZh : x.nameEn);
  return {
    skills,
    occupations,
    skill: (id) => skillById.get(id),
    occupation: (code) => occupationByCode.get(code),
    skillName: (id) => {
      const s = skillById.get(id);
      return s ? named(s) : id;
    },
    occupationName: (code) => {
      const o = occupationByCode.get(code);
      return o ? named(o) : code;
    },
  };
}
