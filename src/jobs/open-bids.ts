/** The bid-opening sweep: opens the sealed bids of every order whose bid deadline has passed (see bids/opening). */
import { openDueBids } from "../modules/bids/opening";
import type { JobDeps } from "./types";

/** Opens every due order's bids; returns how many orders were due (a concurrent read may have opened one first). */
export async function openBids({ db, clock, config }: JobDeps): Promise<number> {
  return openDueBids({ db, now: clock.now(), config });
}
