/** Zod building blocks shared by every module's schemas: text, ids, calendar dates. */
import { z } from "@hono/zod-openapi";

/** Non-blank free text that PostgreSQL can store (no NUL). */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !s.includes("\u0000"), "must not contain NUL characters");

const idPattern = (prefix: string) => new RegExp(`^${prefix}_[0-9a-z_]{1,60}$`);

/** An id of this API with the given prefix; anything else is refused before it reaches the database. */
export const idOf = (prefix: string) => z.string().regex(idPattern(prefix), `not a ${prefix}_ id`);

/** Whether a path id has the shape of an id we issue (malformed ids are simply not found). */
export const looksLikeId = (prefix: string, id: string) => idPattern(prefix).test(id);

/** A `YYYY-MM-DD` calendar date that exists. */
export const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "not a calendar date");
