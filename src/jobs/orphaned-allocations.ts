/** Fails allocation jobs whose runner stopped renewing its lease (a crashed process or an evicted isolate). */
import { failOrphanedAllocations } from "../modules/matching/allocations";
import type { JobDeps } from "./types";

export async function orphanedAllocations({ db, clock }: JobDeps): Promise<number> {
  return failOrphanedAllocations(db, { now: clock.now() });
}
