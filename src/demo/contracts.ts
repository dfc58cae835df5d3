/**
 * Demo contracting, through the services at chosen moments: subsidy policies for every occupation; awards made
 * long enough ago that their publicity is over, with contracts carried to every state (signed, under review for
 * the bureau's queue, approved, rejected, changes requested, active, completed, terminated); an award annulled by an
 * upheld objection (cancelled drafts); and the newest award in its publicity period with an open objection.
 */
import { and, asc, eq } from "drizzle-orm";
import { bids, type ContractStatus, occupations, programSkills } from "../db/schema";
import { awardOrder } from "../modules/awards/service";
import { createCohort } from "../modules/cohorts/service";
import { updateContract } from "../modules/contracts/changes";
import { completeContract, startContract, terminateContract } from "../modules/contracts/delivery";
import { reviewContract, signContract, submitContract } from "../modules/contracts/lifecycle";
import { answerObjection, decideObjection, fileObjection } from "../modules/objections/service";
import { putSubsidyPolicy } from "../modules/subsidies/service";
import type { Actor } from "../platform/actor";
import { DAY, MINUTE } from "../platform/clock";
import type { ScopeAt } from "./scope";

const at = (base: Date, days: number) => new Date(base.getTime() + days * DAY);

/** What one demo order's contracts are carried to, one target per contract (the rest stay drafts). */
export type ContractPlan = readonly ContractStatus[];

/** The plans, in the order contested orders are given them. */
export const CONTRACT_PLANS: readonly ContractPlan[] = [
  ["completed", "active"],
  ["under_review", "under_review"],
  ["approved", "signed"],
  ["rejected", "changes_requested"],
  ["terminated", "draft"],
];

/** The bureau's subsidy per trainee for every occupation, in force since the start of last year. */
export async function seedSubsidyPolicies(as: ScopeAt, bureau: Actor, now: Date): Promise<void> {
  const all = await as(bureau, now).db.select().from(occupations).orderBy(asc(occupations.code));
  for (const [i, o] of all.entries()) {
    await putSubsidyPolicy(as(bureau, now), {
      occupationCode: o.code,
      perTraineeFen: 200_000 + (i % 4) * 50_000,
      validFrom: `${now.getUTCFullYear() - 1}-01-01`,
    });
  }
}

/** Who acts in the demo's contracting. */
export interface Parties {
  bureau: Actor;
  company: Actor;
  providerOf: (orgId: string) => Actor;
}

/**
 * Awards `bidIds` at `awardedAt` and carries the contracts along `plan` after the publicity period, or has the
 * award annulled by an upheld objection from a losing bidder (`"upheld"`).
 */
export async function contractDemoOrder(
  as: ScopeAt,
  parties: Parties,
  input: { orderId: string; bidIds: string[]; plan: ContractPlan | "upheld"; awardedAt: Date },
): Promise<void> {
  const { bureau, company, providerOf } = parties;
  const award = await awardOrder(as(company, input.awardedAt), {
    orderId: input.orderId,
    bidIds: input.bidIds,
    reason: "The best-scored pair of bids: strong skills coverage, ready before deliverBy, within budget.",
  });
  if (input.plan === "upheld") {
    await objectAndDecide(as, parties, input.orderId, at(input.awardedAt, 0.5), "upheld");
    return;
  }
  const t0 = new Date(new Date(award.publicityEndsAt).getTime() + 10 * MINUTE);
  for (const [k, drafted] of (award.contracts ?? []).entries()) {
    const target = input.plan[k] ?? "draft";
    const provider = providerOf(drafted.providerOrgId);
    const step = (actor: Actor, n: number) => as(actor, at(t0, k * 0.05 + n * 0.2));
    if (target === "draft") {
      await signContract(step(company, 0), { id: drafted.id });
      continue;
    }
    const cap = drafted.terms.headcount * 200_000;
    await updateContract(step(provider, 0), {
      id: drafted.id,
      expectedVersion: drafted.version,
      patch: {
        subsidyRequestedFen: cap,
        specialTerms:
          "Monthly progress reports to the company; trainees' assessment at the provider's campus.",
      },
    });
    await signContract(step(company, 1), { id: drafted.id });
    await signContract(step(provider, 2), { id: drafted.id });
    if (target === "signed") continue;
    await submitContract(step(provider, 3), { id: drafted.id });
    if (target === "under_review") continue;
    const decision =
      target === "rejected" ? "reject" : target === "changes_requested" ? "request_changes" : "approve";
    await reviewContract(step(bureau, 4), {
      id: drafted.id,
      decision,
      reason:
        decision === "approve"
          ? "Terms and subsidy within the occupation's policy."
          : decision === "reject"
            ? "The schedule leaves no time for the certification assessment before deliverBy."
            : "State who bears the cost of the on-site practicum.",
      ...(decision === "approve" ? { subsidyApprovedFen: Math.round(cap * 0.9) } : {}),
    });
    if (target === "terminated") {
      await terminateContract(step(company, 5), {
        id: drafted.id,
        reason: "The company relocated the team the trainees were to join.",
      });
      continue;
    }
    if (target !== "active" && target !== "completed") continue;
    const cohortId = await cohortFor(
      as,
      provider,
      drafted.bidId,
      drafted.terms.headcount,
      step(provider, 5).now,
    );
    await startContract(step(provider, 5), { id: drafted.id, cohortId });
    if (target === "completed") await completeContract(step(provider, 6), { id: drafted.id });
  }
}

/** A losing bidder objects, the company answers, and (unless `open`) the bureau decides. */
export async function objectAndDecide(
  as: ScopeAt,
  parties: Parties,
  orderId: string,
  when: Date,
  outcome: "open" | "upheld",
): Promise<void> {
  const [loser] = await as(parties.company, when)
    .db.select()
    .from(bids)
    .where(and(eq(bids.orderId, orderId), eq(bids.status, "not_awarded")))
    .orderBy(asc(bids.createdAt));
  if (!loser) return;
  const objection = await fileObjection(as(parties.providerOf(loser.providerOrgId), when), {
    orderId,
    reason: "Our cohort covers every essential skill at a lower price and is ready earlier.",
  });
  await answerObjection(as(parties.company, at(when, 0.2)), {
    id: objection.id,
    answer: "The awarded cohorts scored higher on skills coverage, as the ranking shows.",
  });
  if (outcome === "open") return;
  await decideObjection(as(parties.bureau, at(when, 0.5)), {
    id: objection.id,
    decision: "upheld",
    reason: "The ranking weighed a criterion the order did not state; the company must evaluate again.",
  });
}

/** A new planned cohort of the bid's program for the contract (the open cohorts stay offered for matching). */
async function cohortFor(
  as: ScopeAt,
  provider: Actor,
  bidId: string,
  size: number,
  when: Date,
): Promise<string> {
  const { db } = as(provider, when);
  const [bid] = await db.select().from(bids).where(eq(bids.id, bidId));
  const skills = await db.select().from(programSkills).where(eq(programSkills.programId, bid.programId));
  const cohort = await createCohort(as(provider, when), {
    programId: bid.programId,
    name: `Contract cohort ${bid.startDate}`,
    size,
    readyDate: bid.endDate!,
    city: "Beijing",
    district: "Haidian",
    skills: skills.map((s) => ({ skillId: s.skillId, level: s.level, share: 0.9 })),
  });
  return cohort.id;
}
