/** The one compare-and-set state transition: lock, check state (and version), update, audit — one transaction. */
import { and, eq, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../db/client";
import type { Actor } from "./actor";
import { writeAudit } from "./audit";
import { AppError } from "./errors";

export type StatefulTable = PgTable & { id: PgColumn; status: PgColumn; version: PgColumn };

export interface TransitionArgs<T extends StatefulTable> {
  table: T;
  entityType: string;
  id: string;
  action: string;
  from: readonly string[];
  to: string;
  actor: Actor | null;
  now: Date;
  /** When given, the row's version must equal it (412 otherwise). */
  expectedVersion?: number;
  /** Extra checks on the locked row; throw an AppError to refuse. */
  guard?: (row: T["$inferSelect"]) => void;
  /** Further columns to set along with the status. */
  set?: Partial<T["$inferInsert"]>;
  data?: Record<string, unknown>;
}

/**
 * Moves one row from one of `from` to `to`, bumping its version and appending an audit row.
 * Concurrent identical transitions serialise on the row lock: exactly one succeeds, the rest get 409.
 * @example await transition(db, { table: organizations, entityType: "organization", id, action: "verify",
 *   from: ["pending"], to: "verified", actor, now });
 */
export async function transition<T extends StatefulTable>(
  db: Database,
  args: TransitionArgs<T>,
): Promise<T["$inferSelect"]> {
  const { table } = args;
  return db.transaction(async (tx) => {
    // biome-ignore lint/suspicious/noExplicitAny: drizzle cannot type a select over a generic table
    const [current] = (await (tx.select().from(table as any) as any)
      .where(eq(table.id, args.id))
      .for("update")) as T["$inferSelect"][] | [];
    if (!current) throw new AppError("not_found", `${args.entityType} ${args.id} does not exist`);
    const row = current as Record<string, unknown>;
    if (args.expectedVersion !== undefined && row.version !== args.expectedVersion) {
      throw new AppError("precondition_failed", `${args.entityType} ${args.id} is at version ${row.version}`);
    }
    if (!args.from.includes(row.status as string)) {
      throw new AppError(
        "invalid_state",
        `Cannot ${args.action} ${args.entityType} ${args.id}: it is ${row.status} (needs ${args.from.join(" or ")})`,
      );
    }
    args.guard?.(current);
    const [updated] = (await tx
      .update(table)
      // biome-ignore lint/suspicious/noExplicitAny: generic table update
      .set({ ...(args.set ?? {}), status: args.to, version: sql`${table.version} + 1` } as any)
      .where(eq(table.id, args.id))
      .returning()) as T["$inferSelect"][];
    await writeAudit(tx, args.actor, args.now, {
      entityType: args.entityType,
      entityId: args.id,
      action: args.action,
      fromState: row.status as string,
      toState: args.to,
      data: args.data,
    });
    return updated as T["$inferSelect"];
  });
}

export interface VersionedUpdateArgs<T extends PgTable & { version: PgColumn }> {
  table: T;
  /** The key column; `table.id` unless given (occupations are keyed by code). */
  idColumn?: PgColumn;
  entityType: string;
  id: string;
  action: string;
  expectedVersion: number;
  set: Partial<T["$inferInsert"]>;
  actor: Actor | null;
  now: Date;
  data?: Record<string, unknown>;
}

/**
 * A `PATCH` under `If-Match`: updates only if the version still matches (412 otherwise), bumps it, audits.
 * @example await updateVersioned(db, { table: skills, entityType: "skill", id, action: "update",
 *   expectedVersion, set: { nameEn }, actor, now });
 */
export async function updateVersioned<T extends PgTable & { version: PgColumn }>(
  db: Database,
  args: VersionedUpdateArgs<T>,
): Promise<T["$inferSelect"]> {
  const { table } = args;
  const idColumn = args.idColumn ?? (table as unknown as { id: PgColumn }).id;
  return db.transaction(async (tx) => {
    const [updated] = (await tx
      .update(table)
      // biome-ignore lint/suspicious/noExplicitAny: generic table update
      .set({ ...args.set, version: sql`${table.version} + 1` } as any)
      .where(and(eq(idColumn, args.id), eq(table.version, args.expectedVersion)))
      .returning()) as T["$inferSelect"][];
    if (!updated) {
      // biome-ignore lint/suspicious/noExplicitAny: generic table select
      const [exists] = await (tx.select({ id: idColumn }).from(table as any) as any).where(
        eq(idColumn, args.id),
      );
      if (!exists) throw new AppError("not_found", `${args.entityType} ${args.id} does not exist`);
      throw new AppError(
        "precondition_failed",
        `${args.entityType} ${args.id} has changed since version ${args.expectedVersion}`,
      );
    }
    await writeAudit(tx, args.actor, args.now, {
      entityType: args.entityType,
      entityId: args.id,
      action: args.action,
      data: args.data ?? { fields: Object.keys(args.set) },
    });
    return updated as T["$inferSelect"];
  });
}
