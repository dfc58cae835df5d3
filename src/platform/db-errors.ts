/** Recognising PostgreSQL errors by SQLSTATE, however the driver (PGlite, postgres.js, drizzle) wraps them. */
function sqlState(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** Whether a database error is a unique-constraint violation (SQLSTATE 23505), however the driver wraps it. */
export const isUniqueViolation = (err: unknown) => sqlState(err) === "23505";

/** Whether the database refused a value itself (SQLSTATE class 22: NUL bytes, out-of-range numbers…): bad input. */
export const isDataException = (err: unknown) => sqlState(err)?.startsWith("22") ?? false;
