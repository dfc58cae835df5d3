/** Every drizzle table, one file per domain area. */
export * from "./bids";
export * from "./contracts";
export * from "./delivery";
export * from "./matching";
export * from "./orders";
export * from "./organizations";
export * from "./platform";
export * from "./programs";
export * from "./taxonomy";
