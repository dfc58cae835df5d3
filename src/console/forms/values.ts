/** A posted form's text fields (files are not part of any console form), and the version it was read at. */
import type { z } from "zod";
import { validationError } from "../../platform/errors";
import type { ConsoleContext } from "../env";

/** The posted form's string values by field name. */
export async function postedValues(c: ConsoleContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/**
 * The version a form was rendered at (its hidden `version` field), so a change posted over a newer version is
 * refused (412) exactly as `If-Match` is in the API.
 */
export function postedVersion(values: Record<string, string>): number | undefined {
  const v = Number(values.version);
  return Number.isInteger(v) && v > 0 ? v : undefined;
}

/**
 * Parses a form's input with a module's schema; a failure is the API's own 400 (`validationError`).
 * @example const { reason } = parseInput(cancelSchema, { reason: values.reason });
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
