/** A bid's terms at rest: sealed until the opening, in clear afterwards; reading and writing either form. */
import type { BidTerms, bidRevisions, bids } from "../../db/schema";
import type { Scope } from "../../platform/scope";
import { sealerOf } from "../../platform/sealing";

/** The part of the scope's configuration that holds the sealing keys. */
type SealingConfig = Pick<Scope["config"], "BID_SEALING_KEY" | "BID_SEALING_PREVIOUS_KEYS">;

/** The sealed terms, in the order the API lists them. */
export const TERM_FIELDS = [
  "cohortSize",
  "pricePerTraineeFen",
  "startDate",
  "endDate",
  "proposal",
  "validUntil",
] as const satisfies readonly (keyof BidTerms)[];

// The ciphertext is bound to its row, so a sealed value copied onto another bid or revision does not open.
const bidContext = (bidId: string) => `bid:${bidId}`;
const revisionContext = (revisionId: string) => `bid_revision:${revisionId}`;

/** Just the terms, whatever else `source` carries. */
export function pickTerms(source: BidTerms): BidTerms {
  const { cohortSize, pricePerTraineeFen, startDate, endDate, proposal, validUntil } = source;
  return { cohortSize, pricePerTraineeFen, startDate, endDate, proposal, validUntil };
}

/**
 * The columns that store a bid's terms before the opening: ciphertext only, the clear columns empty.
 * @example await tx.insert(bids).values({ id, …, ...(await sealedBidColumns(config, id, terms)) });
 */
export async function sealedBidColumns(config: SealingConfig, bidId: string, terms: BidTerms) {
  const sealed = await (await sealerOf(config)).seal(pickTerms(terms), bidContext(bidId));
  return { sealedKeyId: sealed.keyId, sealedTerms: sealed.ciphertext };
}

/** The columns of an opened bid: the terms in clear, the ciphertext gone. */
export const openedBidColumns = (terms: BidTerms) => ({
  ...pickTerms(terms),
  sealedKeyId: null,
  sealedTerms: null,
});

/** The same for a revision. */
export async function sealedRevisionColumns(config: SealingConfig, revisionId: string, terms: BidTerms) {
  const sealed = await (await sealerOf(config)).seal(pickTerms(terms), revisionContext(revisionId));
  return { terms: null, sealedKeyId: sealed.keyId, sealedTerms: sealed.ciphertext };
}

/**
 * A bid's terms: read from the clear columns once opened, else unsealed in memory (only ever for a caller who may
 * see them: the bidding provider, or the opening itself).
 */
export async function bidTerms(config: SealingConfig, row: typeof bids.$inferSelect): Promise<BidTerms> {
  if (row.openedAt) {
    return {
      cohortSize: row.cohortSize!,
      pricePerTraineeFen: row.pricePerTraineeFen!,
      startDate: row.startDate!,
      endDate: row.endDate!,
      proposal: row.proposal!,
      validUntil: row.validUntil!,
    };
  }
  const sealed = { keyId: row.sealedKeyId!, ciphertext: row.sealedTerms! };
  return (await sealerOf(config)).open<BidTerms>(sealed, bidContext(row.id));
}

/** A revision's terms, in clear once opened or unsealed in memory. */
export async function revisionTerms(
  config: SealingConfig,
  row: typeof bidRevisions.$inferSelect,
): Promise<BidTerms> {
  if (row.terms) return row.terms;
  const sealed = { keyId: row.sealedKeyId!, ciphertext: row.sealedTerms! };
  return (await sealerOf(config)).open<BidTerms>(sealed, revisionContext(row.id));
}

/** The names of the terms that differ: what audit rows and revisions record, never the values. */
export const changedTerms = (before: BidTerms, after: BidTerms): string[] =>
  TERM_FIELDS.filter((field) => before[field] !== after[field]);
