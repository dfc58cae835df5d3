/**
 * The `api` benchmark's market on PostgreSQL: organisations, accreditations and programs through the HTTP API;
 * 5,000 open orders and 10,000 open cohorts inserted in bulk, 1,000 rows per statement, with the columns the
 * services write (through the services they would take tens of thousands of calls and many minutes).
 */
import { cohortSkills, cohorts, occupations, orderSkills, orders, skills } from "../src/db/schema";
import type { Database } from "../src/db/client";
import { DAY } from "../src/platform/clock";
import { newId } from "../src/platform/ids";
import { rng } from "./synthetic";

// biome-ignore lint/suspicious/noExplicitAny: the benchmark reads response bodies freely, as the tests do
type Reply = { status: number; body: any };
type Call = (method: string, path: string, body?: unknown, token?: string) => Promise<Reply>;

const DISTRICTS = [
  "Haidian",
  "Chaoyang",
  "Daxing",
  "Dongcheng",
  "Xicheng",
  "Fengtai",
  "Tongzhou",
  "Changping",
];
const PROVIDERS = 20;
const COMPANIES = 40;
const OCCUPATIONS_PER_PROVIDER = 8;

let uscc = Math.floor(Math.random() * 1_000_000);
function freshUscc(): string {
  const CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const first17 = `91110108MA${String(uscc++ % 10_000_000).padStart(7, "0")}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(first17[i]) * W[i];
  return first17 + CHARS[(31 - (sum % 31)) % 31];
}

async function must(res: Promise<Reply>, what: string) {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * Builds the market; returns the ids a benchmark samples.
 * @example const market = await buildApiMarket(db, call, bureauToken, new Date(), { orders: 5000, cohorts: 10000 });
 */
export async function buildApiMarket(
  db: Database,
  call: Call,
  bureau: string,
  now: Date,
  size: { orders: number; cohorts: number; noEssentialShare: number },
) {
  const r = rng(11);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const occs = await db.select({ code: occupations.code, sector: occupations.sector }).from(occupations);
  const skillRows = await db.select({ id: skills.id, sector: skills.sector }).from(skills);
  const skillsBySector = new Map<string, string[]>();
  for (const s of skillRows) skillsBySector.set(s.sector, [...(skillsBySector.get(s.sector) ?? []), s.id]);
  const sample = (sector: string, n: number) => {
    const pool = skillsBySector.get(sector) ?? [];
    const chosen = new Set<string>();
    while (chosen.size < Math.min(n, pool.length)) chosen.add(pick(pool));
    return [...chosen];
  };

  const register = async (kind: "company" | "provider", i: number) => {
    const email = `bench-${kind}-${i}-${Date.now().toString(36)}@bench.orderbridge.cn`;
    const body = await must(
      call("POST", "/v1/auth/register", {
        organization: {
          kind,
          name: `Bench ${kind} ${i}`,
          uscc: freshUscc(),
          city: "Beijing",
          district: pick(DISTRICTS),
        },
        user: { email, password: "bench-password-123", displayName: `Bench ${kind} ${i}` },
      }),
      "register",
    );
    await must(call("POST", `/v1/organizations/${body.organization.id}/verify`, undefined, bureau), "verify");
    const login = await must(
      call("POST", "/v1/auth/login", { email, password: "bench-password-123" }),
      "login",
    );
    return {
      orgId: body.organization.id as string,
      userId: body.user.id as string,
      token: login.token as string,
    };
  };

  // Providers, each accredited for a few occupations with one program each: all through the API.
  const programsByOcc = new Map<string, { programId: string; providerOrgId: string }[]>();
  for (let p = 0; p < PROVIDERS; p++) {
    const provider = await register("provider", p);
    for (let j = 0; j < OCCUPATIONS_PER_PROVIDER; j++) {
      const occ = occs[(p * OCCUPATIONS_PER_PROVIDER + j) % occs.length];
      if (programsByOcc.get(occ.code)?.some((x) => x.providerOrgId === provider.orgId)) continue;
      await must(
        call(
          "POST",
          `/v1/organizations/${provider.orgId}/accreditations`,
          { occupationCode: occ.code, validUntil: "2030-12-31" },
          bureau,
        ),
        "accredit",
      );
      const taught = sample(occ.sector, 3).map((skillId) => ({ skillId, level: int(2, 4) }));
      const program = await must(
        call(
          "POST",
          "/v1/programs",
          {
            title: `Bench program ${occ.code} ${p}`,
            description: "Benchmark program",
            occupationCode: occ.code,
            skills: taught,
            durationWeeks: int(8, 24),
            mode: pick(["onsite", "online", "hybrid"]),
            city: "Beijing",
            cohortCapacity: 60,
            pricePerTraineeFen: int(80, 180) * 10_000,
            certification: { type: "vocational_skill_level", level: 3 },
          },
          provider.token,
        ),
        "program",
      );
      programsByOcc.set(occ.code, [
        ...(programsByOcc.get(occ.code) ?? []),
        { programId: program.id, providerOrgId: provider.orgId },
      ]);
    }
  }
  const companies = [];
  for (let c = 0; c < COMPANIES; c++) companies.push(await register("company", c));
  const offered = occs.filter((o) => programsByOcc.has(o.code));
  const day = (d: number) => new Date(now.getTime() + d * DAY);
  const date = (d: number) => day(d).toISOString().slice(0, 10);

  // Bulk: open cohorts and open orders, 1,000 per statement.
  const cohortIds: string[] = [];
  /** One order and one cohort per occupation, to warm each occupation's indexes. */
  const orderOf: Record<string, string> = {};
  const cohortOf: Record<string, string> = {};
  for (let start = 0; start < size.cohorts; start += 1000) {
    const rows = [];
    const skillRowsOut = [];
    for (let i = start; i < Math.min(size.cohorts, start + 1000); i++) {
      const occ = pick(offered);
      const program = pick(programsByOcc.get(occ.code)!);
      const id = newId("coh");
      cohortIds.push(id);
      cohortOf[occ.code] ??= id;
      rows.push({
        id,
        programId: program.programId,
        providerOrgId: program.providerOrgId,
        occupationCode: occ.code,
        name: `Bench cohort ${i}`,
        size: int(10, 40),
        readyDate: date(int(30, 180)),
        city: "Beijing",
        district: pick(DISTRICTS),
        status: "planned" as const,
        createdAt: now,
        updatedAt: now,
      });
      for (const skillId of sample(occ.sector, int(4, 8)))
        skillRowsOut.push({
          cohortId: id,
          skillId,
          level: int(1, 5),
          share: r() < 0.6 ? 1 : Math.round((0.4 + 0.6 * r()) * 100) / 100,
        });
    }
    await db.insert(cohorts).values(rows);
    await db.insert(cohortSkills).values(skillRowsOut);
  }
  const orderIds: string[] = [];
  for (let start = 0; start < size.orders; start += 1000) {
    const rows = [];
    const skillRowsOut: (typeof orderSkills.$inferInsert)[] = [];
    for (let i = start; i < Math.min(size.orders, start + 1000); i++) {
      const occ = pick(offered);
      const company = pick(companies);
      const id = newId("ord");
      orderIds.push(id);
      orderOf[occ.code] ??= id;
      const min = int(5, 30);
      rows.push({
        id,
        companyOrgId: company.orgId,
        createdBy: company.userId,
        title: `Bench order ${i}`,
        description: "Benchmark order",
        occupationCode: occ.code,
        headcountMin: min,
        headcountMax: min + int(0, 40),
        city: "Beijing",
        district: r() < 0.5 ? pick(DISTRICTS) : null,
        remoteAllowed: r() < 0.4,
        deliverBy: date(int(90, 240)),
        budgetPerTraineeFen: int(80, 180) * 10_000,
        hires: min,
        salaryMinFen: 1_500_000,
        salaryMaxFen: 2_500_000,
        servicePeriodMonths: 24,
        enquiryDeadline: day(20),
        bidDeadline: day(30),
        status: "open" as const,
        publishedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      const essential = r() >= size.noEssentialShare;
      sample(occ.sector, int(3, 6)).forEach((skillId, position) => {
        skillRowsOut.push({
          orderId: id,
          skillId,
          position,
          minLevel: int(1, 4),
          weight: int(1, 5),
          essential: essential && position === 0,
        });
      });
    }
    await db.insert(orders).values(rows);
    await db.insert(orderSkills).values(skillRowsOut);
  }
  return { orderIds, cohortIds, orderOf, cohortOf };
}
