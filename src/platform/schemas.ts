/** Zod building blocks shared by every module's schemas: text, ids, codes, levels, money, dates, patch rules. */
import { z } from "@hono/zod-openapi";
import type { IdPrefix } from "./ids";

/** Non-blank free text that PostgreSQL can store (no NUL). */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !s.includes("\u0000"), "must not contain NUL characters");

const idPattern = (prefix: IdPrefix) => new RegExp(`^${prefix}_[0-9a-z_]{1,60}$`);

/** An id of this API with the given prefix; anything else is refused before it reaches the database. */
export const idOf = (prefix: IdPrefix) =>
  z
    .string()
    .regex(idPattern(prefix), `not a ${prefix}_ id`)
    .openapi({ example: `${prefix}_0123456789abcdefghjkmnpqrs` });

/** An occupation code (`ai_engineer`). */
export const occupationCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,63}$/, "not an occupation code (lowercase letters, digits and _)")
  .openapi({ example: "ai_engineer" });

/** A national skill level, 1 (五级/初级工) … 5 (一级/高级技师). */
export const level = z
  .number()
  .int()
  .min(1)
  .max(5)
  .openapi({ description: "National skill level 1–5", example: 3 });

/** A non-negative amount of money in integer fen (1 CNY = 100 fen). */
export const fen = (max = 100_000_000) =>
  z.number().int().min(0).max(max).openapi({ description: "Integer fen (1 CNY = 100 fen)" });

/** A `YYYY-MM-DD` calendar date that exists. */
export const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "not a calendar date");

/** An RFC 3339 instant with an offset (`2026-04-15T10:00:00+08:00`). */
export const instant = z.iso.datetime({ offset: true }).openapi({ example: "2031-04-15T10:00:00Z" });

/**
 * A PATCH body must change something. The rule runs only when the fields themselves are valid, so one mistake
 * is not reported twice.
 * @example export const skillPatch = atLeastOneField(newSkill.partial());
 */
export function atLeastOneField<T extends z.ZodObject>(schema: T) {
  return schema.refine((o) => Object.keys(o).length > 0, {
    message: "send at least one field to change",
    when: (payload) => payload.issues.length === 0,
  });
}

/** Refuses a skill listed twice, naming the later entry (`skills.N.skillId`). */
export function noDuplicateSkills(list: { skillId: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  list.forEach((s, i) => {
    if (seen.has(s.skillId))
      ctx.addIssue({ code: "custom", path: [i, "skillId"], message: "skill listed twice" });
    seen.add(s.skillId);
  });
}

/** A list of 1–30 skill entries in which each skill appears once. */
export const skillList = <T extends z.ZodType<{ skillId: string }>>(item: T) =>
  z.array(item).min(1).max(30).superRefine(noDuplicateSkills);

/** The path parameter `{id}` of a resource with this prefix; a malformed id is a 400 naming `id`. */
export const idParam = (prefix: IdPrefix) =>
  z.object({
    id: idOf(prefix).openapi({
      param: { name: "id", in: "path" },
      example: `${prefix}_0123456789abcdefghjkmnpqrs`,
    }),
  });
