/** Every drizzle table, one file per domain area. */
export * from "./organizations";
export * from "./platform";
export * from "./taxonomy";
