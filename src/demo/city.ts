/**
 * `seed --scale large`: a city-year of data on top of the demo. Organisations, programs, cohorts, orders, bids and
 * awards go through the services; contract states past `draft` and the trainee-level rows (30,000 trainees, their
 * assessments and placements) are written in bulk.
 */
import { eq, inArray } from "drizzle-orm";
import { organizations, users } from "../db/schema";
import { seededSkillId } from "../db/seed/taxonomy";
import { OCCUPATIONS, SKILLS } from "../db/seed/taxonomy-data";
import { awardOrder } from "../modules/awards/service";
import { submitBid } from "../modules/bids/lifecycle";
import { createBid } from "../modules/bids/service";
import { createCohort } from "../modules/cohorts/service";
import { createOrder, publishOrder } from "../modules/orders/service";
import { accredit, registerOrganization, verifyOrganization } from "../modules/organizations/service";
import { createProgram } from "../modules/programs/service";
import type { Actor } from "../platform/actor";
import type { Services } from "../platform/context";
import { DAY } from "../platform/clock";
import type { PasswordHasher } from "../platform/password";
import { prng } from "../platform/prng";
import { seedDeliveries, type Delivered } from "./delivery";
import { inPool, type Progress } from "./progress";
import { DEMO_BUREAU_EMAIL, DEMO_PASSWORD, demoUscc } from "./seed";
import { scopeAtFor } from "./scope";

/** How big a city-year is: organisations, orders (the first `awarded` awarded, one contract each), cohorts, sizes. */
export interface CityScale {
  companies: number;
  providers: number;
  assessors: number;
  orders: number;
  awarded: number;
  cohorts: number;
  /** Trainees per contracted cohort, inclusive range. */
  size: [number, number];
}

/** `seed --scale large`: about 30,000 trainees in 260 training contracts. */
export const CITY_SCALE: CityScale = {
  companies: 100,
  providers: 300,
  assessors: 10,
  orders: 500,
  awarded: 300,
  cohorts: 1_000,
  size: [100, 130],
};
/** Concurrent service calls: a postgres.js pool's worth (PGlite serialises them anyway). */
const LANES = 8;

const at = (base: Date, days: number) => new Date(base.getTime() + days * DAY);
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The contracts' states, in order over `n` awarded orders: the first half (trained early in the year) completed or
 * terminated, the rest active or somewhere in the lifecycle. Every state appears.
 */
export function contractStates(n: number): Delivered["status"][] {
  const half = Math.floor(n / 2);
  const each = Math.max(1, Math.round(n / 60));
  const lifecycle = (
    ["draft", "signed", "under_review", "approved", "rejected", "changes_requested"] as const
  ).flatMap((s) => Array<Delivered["status"]>(each).fill(s));
  const cancelled = Array<Delivered["status"]>(2 * each).fill("cancelled");
  const terminated = Math.round(half * 0.13);
  return [
    ...Array<Delivered["status"]>(half - terminated).fill("completed"),
    ...Array<Delivered["status"]>(terminated).fill("terminated"),
    ...Array<Delivered["status"]>(Math.max(0, n - half - lifecycle.length - cancelled.length)).fill("active"),
    ...lifecycle,
    ...cancelled,
  ].slice(0, n);
}

/** The year the data fills: this one once it is far enough along, else the last. */
export function cityYear(now: Date): number {
  const y = now.getUTCFullYear();
  return now >= new Date(Date.UTC(y, 9, 15)) ? y : y - 1;
}

/** Hashes the shared password once: thousands of argon2 runs would dominate the seed. */
function onceHasher(hasher: PasswordHasher): PasswordHasher {
  let hashed: Promise<string> | undefined;
  const shared = () => {
    hashed ??= hasher.hash(DEMO_PASSWORD);
    return hashed;
  };
  return { hash: (p) => (p === DEMO_PASSWORD ? shared() : hasher.hash(p)), verify: hasher.verify };
}

async function demoBureau(services: Omit<Services, "clock">): Promise<Actor> {
  const [row] = await services.db
    .select({ userId: users.id, orgId: users.orgId })
    .from(users)
    .where(eq(users.email, DEMO_BUREAU_EMAIL));
  if (!row) throw new Error("seed the demo first");
  return { ...row, orgKind: "bureau", orgStatus: "verified", role: "admin" };
}

/**
 * Seeds the city-year; the demo must be seeded first (its bureau acts). Returns what was made.
 * @example await seedCity(services, new Date(), progressOn(process.stdout));
 */
export async function seedCity(
  base: Omit<Services, "clock">,
  now: Date,
  progress: Progress,
  scale: CityScale = CITY_SCALE,
) {
  const services = { ...base, hasher: onceHasher(base.hasher) };
  const as = scopeAtFor(services);
  const bureau = await demoBureau(services);
  const rand = prng(31_000);
  const year = cityYear(now);
  const jan = new Date(Date.UTC(year, 0, 6, 1));
  let uscc = 100_000 + (await services.db.$count(organizations));

  // Organisations: registered, verified and accredited through the services, as the bureau would.
  const validUntil = `${year + 2}-12-31`;
  const register = async (kind: "company" | "provider" | "assessor", i: number, occupations: string[]) => {
    const email = `${kind}${i}@city.orderbridge.cn`;
    const name =
      kind === "company"
        ? `城市数字企业 ${i} 号`
        : kind === "provider"
          ? `数字技能培训学院 ${i} 号`
          : `职业技能评价中心 ${i} 号`;
    const { organization, user } = await registerOrganization(as(bureau, jan), {
      organization: { kind, name, uscc: demoUscc(uscc++), city: "Beijing", district: "Haidian" },
      user: { email, password: DEMO_PASSWORD, displayName: `${name} admin` },
    });
    await verifyOrganization(as(bureau, jan), { id: organization.id });
    for (const occupationCode of occupations)
      await accredit(as(bureau, jan), { orgId: organization.id, occupationCode, validUntil });
    progress.tick();
    return {
      userId: user.id,
      orgId: organization.id,
      orgKind: kind,
      orgStatus: "verified",
      role: "admin",
    } as Actor;
  };
  const { companies: nc, providers: np, assessors: na } = scale;
  progress.phase("organisations", nc + np + na);
  const occupationOf = (i: number) => OCCUPATIONS[i % OCCUPATIONS.length];
  const companies = await inPool(range(nc), LANES, (i) => register("company", i + 1, []));
  const providers = await inPool(range(np), LANES, (i) =>
    register("provider", i + 1, [occupationOf(i).code]),
  );
  const allCodes = OCCUPATIONS.map((o) => o.code);
  await inPool(range(na), LANES, (i) => register("assessor", i + 1, allCodes));

  // One program per provider, in its occupation; a fifth certify by professional technical grade.
  const skillsOf = (sector: string) =>
    SKILLS.filter((s) => s.sector === sector && s.parentKey !== null).map((s) => seededSkillId(s.key));
  progress.phase("programs", np);
  const programs = await inPool(providers, LANES, async (actor, i) => {
    const occupation = occupationOf(i);
    const taught = rand.sample(skillsOf(occupation.sector), 3);
    const professional = i % 5 === 0;
    const program = await createProgram(as(actor, jan), {
      title: `${occupation.nameZh}培训项目`,
      description: `${occupation.nameEn}: projects, labs and a certification assessment.`,
      occupationCode: occupation.code,
      skills: taught.map((skillId) => ({ skillId, level: rand.int(3, 4) })),
      durationWeeks: rand.int(10, 14),
      mode: rand.pick(["onsite", "online", "hybrid"] as const),
      city: "Beijing",
      cohortCapacity: Math.min(500, scale.size[1] + 20),
      pricePerTraineeFen: rand.int(8, 20) * 100_000,
      certification: professional
        ? { type: "professional_technical_grade", level: rand.int(1, 2) }
        : { type: "vocational_skill_level", level: rand.int(3, 4) },
    });
    progress.tick();
    return { ...program, skills: taught };
  });

  // Orders: 300 awarded to one bid each (two waves), 150 open for bids now, 50 past their deadline unawarded.
  progress.phase("orders and awards", scale.orders);
  const states = contractStates(scale.awarded);
  const awarded = scale.awarded;
  const openOrders = Math.round((scale.orders - awarded) * 0.75);
  const delivered: Delivered[] = [];
  await inPool(range(scale.orders), LANES, async (i) => {
    const p = i % np;
    const provider = providers[p];
    const program = programs[p];
    const company = companies[i % nc];
    const kind = i < awarded ? "awarded" : i < awarded + openOrders ? "open" : "evaluation";
    const createdAt =
      kind === "awarded"
        ? at(jan, i < awarded / 2 ? rand.int(0, 60) : rand.int(150, 200))
        : at(now, kind === "open" ? -rand.int(1, 5) : -rand.int(25, 30));
    const bidDeadline = at(createdAt, kind === "open" ? rand.int(20, 30) : 14);
    const start = at(bidDeadline, 10);
    const end = at(start, program.durationWeeks * 7);
    const size = rand.int(scale.size[0], scale.size[1]);
    const order = await createOrder(as(company, createdAt), {
      title: `${size} ${occupationOf(p).nameZh}`,
      description: `Trained ${occupationOf(p).nameEn} talent for our Beijing teams.`,
      occupationCode: program.occupationCode,
      requiredSkills: program.skills.slice(0, 2).map((skillId, k) => ({
        skillId,
        minLevel: 3,
        weight: rand.int(2, 5),
        essential: k === 0,
      })),
      headcountMin: Math.max(1, scale.size[0] - 20),
      headcountMax: scale.size[1] + 20,
      location: { city: "Beijing", district: "Haidian", remoteAllowed: rand.next() < 0.3 },
      deliverBy: dateOf(at(end, 20)),
      budgetPerTraineeFen: program.pricePerTraineeFen + rand.int(0, 5) * 100_000,
      hiringCommitment: {
        hires: Math.ceil(size * 0.6),
        salaryMinFen: rand.int(12, 20) * 100_000,
        salaryMaxFen: rand.int(21, 30) * 100_000,
        servicePeriodMonths: rand.pick([12, 24, 36]),
      },
      enquiryDeadline: at(bidDeadline, -4).toISOString(),
      bidDeadline: bidDeadline.toISOString(),
      matchWeights: null,
    });
    await publishOrder(as(company, at(createdAt, 0.1)), { id: order.id });
    if (kind === "awarded") {
      const bidAt = at(createdAt, 2);
      const cohort = await createCohort(as(provider, bidAt), {
        programId: program.id,
        name: `${year} 第 ${i + 1} 期`,
        size,
        readyDate: dateOf(end),
        city: "Beijing",
        district: "Haidian",
        skills: program.skills.map((skillId) => ({ skillId, level: 3, share: rand.int(70, 100) / 100 })),
      });
      const bid = await createBid(as(provider, bidAt), {
        orderId: order.id,
        programId: program.id,
        cohortId: cohort.id,
        cohortSize: size,
        pricePerTraineeFen: program.pricePerTraineeFen,
        startDate: dateOf(start),
        endDate: dateOf(end),
        proposal: "Project-based training with a practicum at your site and certification on our campus.",
        validUntil: dateOf(at(bidDeadline, 90)),
      });
      await submitBid(as(provider, at(bidAt, 0.01)), { id: bid.id });
      const award = await awardOrder(as(company, at(bidDeadline, 1)), {
        orderId: order.id,
        bidIds: [bid.id],
        reason: "The only bid: a cohort ready before deliverBy, within budget.",
      });
      const contractId = award.contracts?.[0]?.id;
      if (!contractId) throw new Error(`the award of ${order.id} drafted no contract`);
      delivered.push({
        contractId,
        cohortId: cohort.id,
        providerOrgId: provider.orgId,
        occupationCode: program.occupationCode,
        certificationType: program.certification.type,
        certificationLevel: program.certification.level,
        size,
        start: dateOf(start),
        end: dateOf(end),
        status: states[i],
      });
    }
    progress.tick();
  });

  // Open cohorts, offered for matching: the rest of the 1,000.
  const open = Math.max(0, scale.cohorts - awarded);
  progress.phase("open cohorts", open);
  await inPool(range(open), LANES, async (i) => {
    const p = i % np;
    const program = programs[p];
    await createCohort(as(providers[p], at(now, -1)), {
      programId: program.id,
      name: `${year} 开放班 ${i + 1}`,
      size: Math.min(program.cohortCapacity, rand.int(20, 60)),
      readyDate: dateOf(at(now, rand.int(30, 150))),
      city: "Beijing",
      district: rand.pick(["Haidian", "Chaoyang", "Daxing"]),
      skills: program.skills.map((skillId) => ({
        skillId,
        level: rand.int(2, 4),
        share: rand.int(60, 100) / 100,
      })),
    });
    progress.tick();
  });

  const assessors = (
    await services.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(inArray(organizations.kind, ["assessor"]))
  ).map((r) => r.id);
  const figures = await seedDeliveries(services.db, { delivered, assessors, now, year, rand, progress });
  return { year, organisations: nc + np + na, orders: scale.orders, cohorts: scale.cohorts, ...figures };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
