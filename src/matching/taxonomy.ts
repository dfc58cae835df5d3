/** Skill-tree helpers: which skills count as "closely related" (parent, child or sibling). */
import type { Taxonomy } from "./types";

const childrenCache = new WeakMap<Taxonomy, Map<string, string[]>>();
const relatedCache = new WeakMap<Taxonomy, Map<string, readonly string[]>>();

/** Children of each skill, built once per taxonomy object (children sorted for determinism). */
export function childrenOf(taxonomy: Taxonomy): Map<string, string[]> {
  let children = childrenCache.get(taxonomy);
  if (children) return children;
  children = new Map();
  for (const [skill, parent] of taxonomy.parentOf) {
    if (parent == null) continue;
    const list = children.get(parent);
    if (list) list.push(skill);
    else children.set(parent, [skill]);
  }
  for (const list of children.values()) list.sort();
  childrenCache.set(taxonomy, children);
  return children;
}

/**
 * Skills related to `skillId`: its parent, its children and its siblings (same non-null parent), never itself.
 * The relation is symmetric, which keeps order→cohort and cohort→order scoring identical.
 * @example relatedSkills(tax, "solidity") // ["blockchain", "vyper"]
 */
export function relatedSkills(taxonomy: Taxonomy, skillId: string): readonly string[] {
  let cache = relatedCache.get(taxonomy);
  if (!cache) {
    cache = new Map();
    relatedCache.set(taxonomy, cache);
  }
  const hit = cache.get(skillId);
  if (hit) return hit;
  const out = new Set<string>();
  const parent = taxonomy.parentOf.get(skillId) ?? null;
  const children = childrenOf(taxonomy);
  if (parent != null) {
    out.add(parent);
    for (const sib of children.get(parent) ?? []) out.add(sib);
  }
  for (const child of children.get(skillId) ?? []) out.add(child);
  out.delete(skillId);
  const list = [...out].sort();
  cache.set(skillId, list);
  return list;
}

/** Display name of a skill for explanations (falls back to the id). */
export function skillName(taxonomy: Taxonomy, skillId: string): string {
  return taxonomy.names?.get(skillId) ?? skillId;
}
