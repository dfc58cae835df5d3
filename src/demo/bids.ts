/**
 * Demo bids, placed through the services before each deadline: several providers bid on the orders now past their
 * deadline (opened, ranked and explained), a sealed bid and invitations sit on each open order, one order was
 * amended and one bid left unreconfirmed, one bid is disqualified, one order is awarded in its publicity period with
 * an open objection, and the later orders are contracted along `CONTRACT_PLANS` (see contracts.ts).
 */
import { asc, eq } from "drizzle-orm";
import { cohorts, orderSkills, orders, programSkills, programs } from "../db/schema";
import { awardOrder } from "../modules/awards/service";
import { disqualifyBid, reconfirmBid, submitBid } from "../modules/bids/lifecycle";
import { openDueBids } from "../modules/bids/opening";
import { listOrderBids } from "../modules/bids/ranking";
import { createBid } from "../modules/bids/service";
import { inviteProvider } from "../modules/invitations/service";
import { updateOrder } from "../modules/orders/service";
import { createProgram } from "../modules/programs/service";
import type { Actor } from "../platform/actor";
import { loadGrouped } from "../platform/children";
import { DAY } from "../platform/clock";
import { prng } from "../platform/prng";
import {
  CONTRACT_PLANS,
  type ContractPlan,
  contractDemoOrder,
  objectAndDecide,
  type Parties,
} from "./contracts";
import { HISTORY_DAYS } from "./orders";
import type { ScopeAt } from "./scope";

type OrderRow = typeof orders.$inferSelect;
/** What a bid needs of its program. */
type Offer = Pick<typeof programs.$inferSelect, "id" | "title" | "durationWeeks" | "cohortCapacity">;
/** An order past its deadline with the bids placed on it and who placed them. */
type Contest = { order: OrderRow; bids: { id: string; provider: Actor }[] };

const dateOf = (at: Date) => at.toISOString().slice(0, 10);
const at = (base: Date, days: number) => new Date(base.getTime() + days * DAY);

const PITCHES = [
  "Project-based training on anonymised data from your own lines, with weekly demos to your team leads.",
  "Instructors from industry, a two-week practicum at your site, and certification assessment on our campus.",
  "Evening and weekend classes for working trainees, with a capstone project your engineers help to set.",
  "An intensive full-time track: labs every afternoon, mock interviews with your HR in the final fortnight.",
];

/**
 * Seeds the bids. `providers` are the demo providers with their accredited occupations; the orders are the
 * published demo orders, still stored `open` (the caller closes bidding afterwards).
 * @example await seedDemoBids(as, bureau, companies, providers, now);
 */
export async function seedDemoBids(
  as: ScopeAt,
  bureau: Actor,
  companies: Actor[],
  providers: { actor: Actor; occupations: string[] }[],
  now: Date,
): Promise<void> {
  const base = as(companies[0], now);
  const { db } = base;
  const rand = prng(20260408);
  const published = await db
    .select()
    .from(orders)
    .where(eq(orders.status, "open"))
    .orderBy(asc(orders.createdAt));
  const required = await loadGrouped(
    db,
    orderSkills,
    orderSkills.orderId,
    published.map((o) => o.id),
    [orderSkills.position],
  );
  const offered = await db
    .select()
    .from(programs)
    .where(eq(programs.status, "active"))
    .orderBy(asc(programs.createdAt));
  const taught = await loadGrouped(
    db,
    programSkills,
    programSkills.programId,
    offered.map((p) => p.id),
  );
  const openCohorts = await db
    .select()
    .from(cohorts)
    .where(eq(cohorts.status, "planned"))
    .orderBy(asc(cohorts.createdAt));
  const companyOf = (order: OrderRow) => companies.find((c) => c.orgId === order.companyOrgId)!;
  const biddersOf = (order: OrderRow) =>
    providers.filter((p) => p.occupations.includes(order.occupationCode)).map((p) => p.actor);

  /** A program of the provider that teaches every essential skill of the order, else one tailored to it. */
  const programFor = async (order: OrderRow, actor: Actor, when: Date): Promise<Offer> => {
    const essential = (required.get(order.id) ?? []).filter((s) => s.essential).map((s) => s.skillId);
    const fitting = offered.find(
      (p) =>
        p.providerOrgId === actor.orgId &&
        p.occupationCode === order.occupationCode &&
        essential.every((id) => (taught.get(p.id) ?? []).some((s) => s.skillId === id)),
    );
    if (fitting) return fitting;
    // Order-based training: the provider designs a programme around the order's skills.
    return createProgram(as(actor, when), {
      title: `Tailored programme: ${order.title}`.slice(0, 200),
      description: `Designed for this order: every required skill, taught on projects the company sets.`,
      occupationCode: order.occupationCode,
      skills: (required.get(order.id) ?? []).map((s) => ({
        skillId: s.skillId,
        level: Math.min(5, Math.max(1, s.minLevel + rand.int(-1, 1))),
      })),
      durationWeeks: rand.int(8, 16),
      mode: rand.pick(["onsite", "online", "hybrid"] as const),
      city: "Beijing",
      cohortCapacity: Math.max(order.headcountMax, 20),
      pricePerTraineeFen: Math.round((order.budgetPerTraineeFen * rand.int(90, 110)) / 100 / 1000) * 1000,
      certification: { type: "vocational_skill_level", level: 3 },
    });
  };

  const closed: Contest[] = [];
  for (const order of published) {
    const pastDeadline = order.bidDeadline <= now;
    // Past orders get a bid from every provider that can bid; open ones one sealed bid each, so they show bidCount.
    const bidders = pastDeadline ? biddersOf(order) : biddersOf(order).slice(0, 1);
    const placedAt = pastDeadline ? at(order.publishedAt!, 1.5) : at(now, -0.5);
    const placed: Contest["bids"] = [];
    for (const [k, actor] of bidders.entries()) {
      const bidAt = at(placedAt, k * 0.1);
      const program = await programFor(order, actor, at(bidAt, -0.05));
      // The first two bidders split headcountMax between them, so that their two bids together fit the order.
      const wanted =
        k === 0
          ? Math.ceil(order.headcountMax / 2)
          : k === 1
            ? Math.floor(order.headcountMax / 2)
            : rand.int(Math.ceil(order.headcountMin / 2), order.headcountMax);
      const cohortSize = Math.min(wanted, program.cohortCapacity);
      const cohort = openCohorts.find(
        (c) => c.programId === program.id && c.size >= cohortSize && rand.next() < 0.6,
      );
      const endDate = at(new Date(`${order.deliverBy}T00:00:00Z`), -rand.int(3, 20));
      const startDate = new Date(
        Math.max(endDate.getTime() - program.durationWeeks * 7 * DAY, at(order.bidDeadline, 7).getTime()),
      );
      const bid = await createBid(as(actor, bidAt), {
        orderId: order.id,
        programId: program.id,
        cohortId: cohort?.id ?? null,
        cohortSize,
        pricePerTraineeFen: Math.round((order.budgetPerTraineeFen * rand.int(80, 125)) / 100 / 1000) * 1000,
        startDate: dateOf(startDate),
        endDate: dateOf(endDate),
        proposal: `${program.title}: ${rand.pick(PITCHES)}`,
        validUntil: dateOf(at(order.bidDeadline, 90)),
      });
      await submitBid(as(actor, at(bidAt, 0.01)), { id: bid.id });
      placed.push({ id: bid.id, provider: actor });
    }
    if (pastDeadline && placed.length >= 2) closed.push({ order, bids: placed });
    if (!pastDeadline) await inviteOthers(as, order, companyOf(order), biddersOf(order).slice(1), now);
  }

  // company1's contested orders stay undecided, with clean ranked lists. Of the others: one is awarded, one was
  // amended after its bids came in (one bidder never reconfirmed), and in one a bid is disqualified.
  const others = closed.filter((c) => c.order.companyOrgId !== companies[0].orgId);
  const isHistory = (c: Contest) => c.order.createdAt <= at(now, -HISTORY_DAYS);
  const [awarded, amended, disqualified] = others.filter((c) => !isHistory(c));
  const later = others.filter(isHistory);
  if (amended) await amendAndReconfirmAllButOne(as, amended, companyOf(amended.order));
  const parties = (order: OrderRow): Parties => ({
    bureau,
    company: companyOf(order),
    providerOf: (orgId) => providers.find((p) => p.actor.orgId === orgId)!.actor,
  });
  // Awarded long enough ago for the publicity period and every later step to lie in the past. An award with a
  // losing bidder is annulled by its objection; the others' contracts go along the plans.
  const annulled = later.find((c) => c.bids.length >= 3);
  const plans: (ContractPlan | "upheld")[] = [...(annulled ? ["upheld" as const] : []), ...CONTRACT_PLANS];
  for (const { order } of annulled ? [annulled, ...later.filter((c) => c !== annulled)] : later) {
    const plan = plans.shift();
    if (!plan) break;
    const awardedAt = at(order.bidDeadline, 0.25);
    const bidIds = await bestPair(as, order, companyOf(order), awardedAt);
    if (bidIds) await contractDemoOrder(as, parties(order), { orderId: order.id, bidIds, plan, awardedAt });
  }
  await openDueBids({ db, now, config: base.config });
  if (disqualified) {
    const { bids, order } = disqualified;
    await disqualifyBid(as(companyOf(order), now), {
      id: bids[bids.length - 1].id,
      reason: "The proposal names no certified instructors for the assessment.",
    });
  }
  if (awarded) {
    // The newest award is still in its publicity period, with an objection the bureau has yet to decide.
    const awardedAt = at(now, -1);
    const bidIds = await bestPair(as, awarded.order, companyOf(awarded.order), awardedAt);
    if (bidIds) {
      await awardOrder(as(companyOf(awarded.order), awardedAt), {
        orderId: awarded.order.id,
        bidIds,
        reason:
          "The best-scored pair of bids whose trainees together fit our headcount range: strong skills coverage, ready before deliverBy.",
      });
      await objectAndDecide(as, parties(awarded.order), awarded.order.id, at(awardedAt, 0.2), "open");
    }
  }
}

/** The company of an open order invites the other providers that could bid on it. */
async function inviteOthers(
  as: ScopeAt,
  order: OrderRow,
  company: Actor,
  candidates: Actor[],
  now: Date,
): Promise<void> {
  for (const actor of candidates) {
    await inviteProvider(as(company, at(now, -0.4)), {
      orderId: order.id,
      providerOrgId: actor.orgId,
      message: "Your programme matches our skills profile; we would welcome your bid before the deadline.",
    });
  }
}

/** Amends an order after its bids came in; every bidder but the second reconfirms. */
async function amendAndReconfirmAllButOne(
  as: ScopeAt,
  { order, bids }: Contest,
  company: Actor,
): Promise<void> {
  const amendedAt = at(order.publishedAt!, 2);
  await updateOrder(as(company, amendedAt), {
    id: order.id,
    expectedVersion: order.version,
    patch: {
      description: `${order.description} Update: trainees also complete a two-week on-site practicum.`,
    },
  });
  for (const [k, bid] of bids.entries()) {
    if (k !== 1) await reconfirmBid(as(bid.provider, at(amendedAt, 0.5 + k * 0.01)), { id: bid.id });
  }
}

/** The best-scored pair of bids whose trainees together fit the order's headcount range, if there is one. */
async function bestPair(as: ScopeAt, order: OrderRow, company: Actor, when: Date): Promise<string[] | null> {
  const ranked = (await listOrderBids(as(company, when), { id: order.id, sort: "score" })).data.filter(
    (r) => r.rank !== null,
  );
  let best: { ids: string[]; score: number } | null = null;
  for (let i = 0; i < ranked.length; i++) {
    for (let j = i + 1; j < ranked.length; j++) {
      const headcount = ranked[i].bid.cohortSize + ranked[j].bid.cohortSize;
      const score = (ranked[i].score ?? 0) + (ranked[j].score ?? 0);
      if (headcount < order.headcountMin || headcount > order.headcountMax) continue;
      if (!best || score > best.score) best = { ids: [ranked[i].bid.id, ranked[j].bid.id], score };
    }
  }
  return best?.ids ?? null;
}
