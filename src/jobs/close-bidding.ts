/** The bid-deadline sweep: persists `evaluation` for open orders whose bid deadline has passed. */
import { and, eq, lte } from "drizzle-orm";
import { orders } from "../db/schema";
import { AppError } from "../platform/errors";
import { transition } from "../platform/transition";
import type { JobDeps } from "./types";

/** Moves each due order `open → evaluation` (audited, actor-less); returns how many moved. */
export async function closeBidding({ db, clock }: JobDeps): Promise<number> {
  const now = clock.now();
  const due = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, "open"), lte(orders.bidDeadline, now)));
  let moved = 0;
  for (const { id } of due) {
    try {
      await transition(db, {
        table: orders,
        entityType: "order",
        id,
        action: "close_bidding",
        from: ["open"],
        to: "evaluation",
        actor: null,
        now,
        set: { updatedAt: now },
      });
      moved++;
    } catch (err) {
      if (!(err instanceof AppError && err.code === "invalid_state")) throw err; // already moved by a concurrent sweep
    }
  }
  return moved;
}
