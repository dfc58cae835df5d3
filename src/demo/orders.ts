/**
 * Demo orders: 32 orders across every sector, drafts and published ones (a third past their bid deadline), with
 * enquiries and answers; then 20 older ones, long past their deadline, that the demo carries into contracting.
 */
import { eq } from "drizzle-orm";
import { cohortSkills, cohorts } from "../db/schema";
import { seededSkillId } from "../db/seed/taxonomy";
import { OCCUPATIONS, SKILLS } from "../db/seed/taxonomy-data";
import { answerEnquiry, askQuestion } from "../modules/enquiries/service";
import type { OrderInput } from "../modules/orders/schemas";
import { createOrder, publishOrder } from "../modules/orders/service";
import type { Actor } from "../platform/actor";
import { DAY } from "../platform/clock";
import { prng } from "../platform/prng";
import type { ScopeAt } from "./scope";

const TITLES: Record<string, string[]> = {
  ai: [
    "Large-model application engineers",
    "Computer-vision inspection engineers",
    "AI data-annotation team leads",
    "NLP engineers for customer service",
  ],
  big_data: [
    "Real-time data platform engineers",
    "Data-governance analysts",
    "Flink stream-processing developers",
  ],
  blockchain: ["ChainMaker smart-contract developers", "Blockchain traceability engineers"],
  cloud: ["Kubernetes platform engineers", "Cloud-native SRE team", "Hybrid-cloud migration engineers"],
  iot: ["Industrial IoT gateway developers", "Smart-building sensor engineers"],
  intelligent_manufacturing: ["Smart-factory MES engineers", "Robot-cell integration technicians"],
  industrial_internet: ["Industrial-internet platform developers", "Identifier-resolution integrators"],
  vr: ["XR training-content developers", "Unreal Engine simulation developers"],
  digital_twin: ["Digital-twin modelling engineers", "CIM city-twin analysts"],
};
const DISTRICTS = ["Haidian", "Chaoyang", "Daxing", "Tongzhou", "Shunyi", "Changping", "Xicheng"];
const QUESTIONS = [
  ["Is a hybrid delivery mode acceptable?", "Yes, as long as practical sessions are on site."],
  [
    "Which certification level do you expect?",
    "Level 3 (高级工) or above for at least half of the trainees.",
  ],
  ["Can trainees do their project on your production data?", "Yes, with anonymised data in our sandbox."],
  ["Will you accept a cohort ready two weeks after deliverBy?", null],
] as const;

/** The older orders seeded after the first 32 (appended, so the first 32 stay as they were). */
const HISTORY_ORDERS = 20;
/** The history orders were created at least this many days ago. */
export const HISTORY_DAYS = 45;

export async function seedDemoOrders(
  as: ScopeAt,
  companies: Actor[],
  providers: Actor[],
  now: Date,
): Promise<string[]> {
  const { db } = as(companies[0], now);
  const rand = prng(2026);
  const at = (base: Date, days: number) => new Date(base.getTime() + days * DAY);
  const ids: string[] = [];
  const taughtBy = new Map<string, string[]>();
  const taughtRows = await db
    .selectDistinct({ occupationCode: cohorts.occupationCode, skillId: cohortSkills.skillId })
    .from(cohortSkills)
    .innerJoin(cohorts, eq(cohorts.id, cohortSkills.cohortId))
    .orderBy(cohorts.occupationCode, cohortSkills.skillId);
  for (const r of taughtRows)
    taughtBy.set(r.occupationCode, [...(taughtBy.get(r.occupationCode) ?? []), r.skillId]);
  for (let i = 0; i < 32 + HISTORY_ORDERS; i++) {
    const occupation = OCCUPATIONS[i % OCCUPATIONS.length];
    const company = companies[i % companies.length];
    const sectorSkills = SKILLS.filter((s) => s.sector === occupation.sector && s.parentKey !== null).map(
      (s) => seededSkillId(s.key),
    );
    // Most orders ask first for a skill that some demo cohort teaches, so the matches have something to rank.
    const taught = taughtBy.get(occupation.code) ?? [];
    const chosen = new Set<string>(taught.length > 0 && i % 5 !== 4 ? [rand.pick(taught)] : []);
    while (chosen.size < Math.min(rand.int(2, 5), sectorSkills.length)) chosen.add(rand.pick(sectorSkills));
    // A third each: still drafts, open for bids, and past their bid deadline (evaluation, once the bids open).
    const phase = i >= 32 ? "history" : i % 3 === 0 ? "draft" : i % 3 === 1 ? "open" : "evaluation";
    const createdAt =
      phase === "history"
        ? at(now, -rand.int(HISTORY_DAYS, HISTORY_DAYS + 15))
        : phase === "evaluation"
          ? at(now, -rand.int(20, 40))
          : at(now, -rand.int(1, 10));
    const bidDays = phase === "evaluation" || phase === "history" ? rand.int(7, 15) : rand.int(20, 40);
    const headcountMax = rand.int(2, 8) * 5;
    const salaryMin = rand.int(12, 25) * 100_000;
    const input: OrderInput = {
      title: `${rand.int(1, 2) === 1 ? headcountMax : headcountMax - 5} ${rand.pick(TITLES[occupation.sector])}`,
      description: `${occupation.nameEn} (${occupation.nameZh}) talent for our Beijing teams; trainees work on a capstone project with us and join on graduation.`,
      occupationCode: occupation.code,
      requiredSkills: [...chosen].map((skillId, k) => ({
        skillId,
        minLevel: rand.int(2, 4),
        weight: rand.int(1, 5),
        essential: k === 0,
      })),
      headcountMin: Math.max(1, headcountMax - rand.int(0, 2) * 5),
      headcountMax,
      location: { city: "Beijing", district: rand.pick(DISTRICTS), remoteAllowed: rand.next() < 0.3 },
      deliverBy: at(createdAt, bidDays + rand.int(90, 180))
        .toISOString()
        .slice(0, 10),
      budgetPerTraineeFen: rand.int(8, 30) * 100_000,
      hiringCommitment: {
        hires: Math.ceil(headcountMax * 0.6),
        salaryMinFen: salaryMin,
        salaryMaxFen: salaryMin + rand.int(3, 10) * 100_000,
        servicePeriodMonths: rand.pick([12, 24, 36]),
      },
      enquiryDeadline: at(createdAt, bidDays - 5).toISOString(),
      bidDeadline: at(createdAt, bidDays).toISOString(),
      matchWeights: i % 7 === 0 ? { skills: 5, price: 1 } : null,
    };
    const order = await createOrder(as(company, createdAt), input);
    ids.push(order.id);
    if (phase === "draft") continue;
    await publishOrder(as(company, at(createdAt, 1)), { id: order.id });
    for (let q = 0; q < (i % 4) + 1 && q < QUESTIONS.length; q++) {
      const [question, answer] = QUESTIONS[(i + q) % QUESTIONS.length];
      const askedAt = at(createdAt, 1.1 + q / 10); // within the enquiry period, which closes 2+ days after publication
      const asker = as(providers[(i + q) % providers.length], askedAt);
      const enquiry = await askQuestion(asker, { orderId: order.id, question });
      if (answer) await answerEnquiry(as(company, at(askedAt, 0.05)), { id: enquiry.id, answer });
    }
  }
  return ids;
}
