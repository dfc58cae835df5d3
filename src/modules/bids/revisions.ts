/** Revisions of submitted bids: the terms at each submission and change, sealed until the opening, for the provider. */
import { and, eq, sql } from "drizzle-orm";
import { type BidTerms, bidRevisions } from "../../db/schema";
import { newId } from "../../platform/ids";
import { keyset, type PageQuery, toPage } from "../../platform/pagination";
import type { Scope } from "../../platform/scope";
import { findOwnBid } from "./access";
import { toRevision } from "./schemas";
import { revisionTerms, sealedRevisionColumns } from "./terms";

/**
 * Appends the next revision of a submitted bid (1 at submission), sealed; call it in the transaction that changes
 * the bid, after the bid's row is locked by that change, so revision numbers follow the bid's changes.
 * @example await recordRevision({ ...scope, db: tx }, { bidId, changedFields: ["pricePerTraineeFen"], terms });
 */
export async function recordRevision(
  { db, actor, now, config }: Pick<Scope, "db" | "actor" | "now" | "config">,
  input: { bidId: string; changedFields: string[]; terms: BidTerms },
): Promise<number> {
  const [{ last }] = await db
    .select({ last: sql<number>`coalesce(max(${bidRevisions.revision}), 0)::int` })
    .from(bidRevisions)
    .where(eq(bidRevisions.bidId, input.bidId));
  const id = newId("brv");
  await db.insert(bidRevisions).values({
    id,
    bidId: input.bidId,
    revision: last + 1,
    changedFields: input.changedFields,
    ...(await sealedRevisionColumns(config, id, input.terms)),
    revisedBy: actor.userId,
    revisedAt: now,
  });
  return last + 1;
}

/** The revisions of a bid, oldest first, for the provider that placed it (403 for the company and bureau). */
export async function listBidRevisions(scope: Scope, input: { id: string } & PageQuery) {
  await findOwnBid(scope, input.id, "read the revisions of");
  const { after, orderBy } = keyset(
    { sortBy: bidRevisions.revision, id: bidRevisions.id, direction: "asc" },
    input.cursor,
  );
  const rows = await scope.db
    .select()
    .from(bidRevisions)
    .where(and(eq(bidRevisions.bidId, input.id), after))
    .orderBy(...orderBy)
    .limit(input.limit + 1);
  const page = toPage(
    rows,
    input.limit,
    (r) => [r.revision, r.id],
    (r) => r,
  );
  const data = await Promise.all(
    page.data.map(async (r) => toRevision(r, await revisionTerms(scope.config, r))),
  );
  return { data, nextCursor: page.nextCursor };
}
