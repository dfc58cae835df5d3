/**
 * Demo delivery for the assessor: trainees enrolled in the demo's active contract, some completed, two certified
 * and one failed by the demo assessor (accredited for the contract's occupation), the rest waiting in its queue.
 */
import { asc, eq } from "drizzle-orm";
import { cohorts, contracts } from "../db/schema";
import { recordAssessment } from "../modules/assessments/service";
import { accredit } from "../modules/organizations/service";
import { enrolTrainees, settleTrainee, today } from "../modules/trainees/service";
import type { Actor } from "../platform/actor";
import { MINUTE } from "../platform/clock";
import type { ScopeAt } from "./scope";

const NAMES = ["张晓明", "李娜", "王芳", "刘洋", "陈静", "杨帆"];
/** Certificate numbers of the demo's passes (the README's `/verify` example uses the first). */
export const DEMO_CERTIFICATES = ["S2026110100001", "S2026110100002"];

/**
 * Seeds the trainees of the demo's first active contract as its provider, and the assessor's results, at `now`.
 * @example await seedDemoTrainees(as, { bureau, assessor, providerOf, now, validUntil });
 */
export async function seedDemoTrainees(
  as: ScopeAt,
  input: {
    bureau: Actor;
    assessor: Actor;
    providerOf: (orgId: string) => Actor;
    now: Date;
    validUntil: string;
  },
): Promise<void> {
  const { bureau, assessor, now } = input;
  const [active] = await as(bureau, now)
    .db.select({ contract: contracts, occupationCode: cohorts.occupationCode })
    .from(contracts)
    .innerJoin(cohorts, eq(cohorts.id, contracts.cohortId))
    .where(eq(contracts.status, "active"))
    .orderBy(asc(contracts.id))
    .limit(1);
  const cohortId = active?.contract.cohortId;
  if (!cohortId) return;
  const { contract, occupationCode } = active;
  await accredit(as(bureau, now), { orgId: assessor.orgId, occupationCode, validUntil: input.validUntil });
  const provider = input.providerOf(contract.providerOrgId);
  const names = NAMES.slice(0, Math.min(NAMES.length, contract.headcount));
  // An hour of delivery just before `now`, so that everything lies in the past when the demo starts.
  const at = (minutes: number) => new Date(now.getTime() + (minutes - 60) * MINUTE);
  const enrolled = await enrolTrainees(as(provider, at(0)), {
    cohortId,
    trainees: names.map((name, i) => ({ name, phone: `1380013800${i}` })),
  });
  // Four complete; the first two pass, the third fails, the fourth and the rest wait for the assessor.
  for (const [i, trainee] of enrolled.slice(0, 4).entries()) {
    await settleTrainee(as(provider, at(10 + i)), {
      id: trainee.id,
      expectedVersion: trainee.version,
      patch: { status: "completed", statusDate: today(at(10 + i)) },
    });
  }
  for (const [i, trainee] of enrolled.slice(0, 3).entries()) {
    const certificateNo = DEMO_CERTIFICATES[i];
    await recordAssessment(as(assessor, at(20 + i)), {
      traineeId: trainee.id,
      occupationCode,
      level: 3,
      result: certificateNo ? "pass" : "fail",
      assessedOn: today(at(20 + i)),
      certificateNo,
    });
  }
}
