/** The demo marketplace seeded into the embedded database on first start (skipped with DEMO=0). */
import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import { createBureauUser } from "../modules/auth/service";
import { accredit, registerOrganization, verifyOrganization } from "../modules/organizations/service";
import { usccCheckCharacter } from "../modules/organizations/uscc";
import type { Actor } from "../platform/actor";
import type { Services } from "../platform/context";
import { seedDemoBids } from "./bids";
import { seedSubsidyPolicies } from "./contracts";
import { seedDemoOrders } from "./orders";
import { seedDemoPrograms } from "./programs";
import { scopeAtFor } from "./scope";
import { seedDemoTrainees } from "./trainees";

export const DEMO_PASSWORD = "orderbridge-demo";
export const DEMO_BUREAU_EMAIL = "bureau@demo.orderbridge.cn";

export interface DemoLogin {
  email: string;
  role: string;
}

/** A valid USCC for demo organisation number `n` (Beijing, Haidian district). */
export function demoUscc(n: number): string {
  const first17 = `91110108MA${String(n).padStart(7, "0")}`;
  return first17 + usccCheckCharacter(first17);
}

const COMPANIES = [
  ["Beijing Zhiyuan Data Technology Co., Ltd.", "Haidian"],
  ["Jingdong Cloud Computing Services Co., Ltd.", "Daxing"],
  ["Chang'an Chain Blockchain Applications Co., Ltd.", "Chaoyang"],
  ["Yizhuang Intelligent Manufacturing Group", "Daxing"],
] as const;
const PROVIDERS = [
  [
    "Beijing University of Technology Continuing Education",
    "Chaoyang",
    ["ai_engineer", "big_data_engineer", "ai_trainer"],
  ],
  [
    "Zhongguancun Digital Skills Academy",
    "Haidian",
    ["ai_engineer", "cloud_engineer", "blockchain_engineer", "iot_engineer"],
  ],
  [
    "Beijing Polytechnic College",
    "Daxing",
    [
      "intelligent_manufacturing_engineer",
      "industrial_internet_engineer",
      "iot_engineer",
      "big_data_engineer",
      "cloud_engineer",
    ],
  ],
  [
    "Capital Vocational Institute of Digital Media",
    "Chaoyang",
    ["vr_engineer", "digital_twin_technician", "big_data_engineer", "ai_engineer"],
  ],
] as const;

/**
 * Seeds the demo once (a no-op when the demo bureau user exists) and returns the logins to print.
 * @example const logins = await seedDemo({ db, hasher, config, logger }, clock.now());
 */
export async function seedDemo(services: Omit<Services, "clock">, now: Date): Promise<DemoLogin[] | null> {
  const { db, hasher } = services;
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_BUREAU_EMAIL));
  if (existing) return null;
  const as = scopeAtFor(services);
  const bureauUser = await createBureauUser(
    { db, hasher, now },
    { email: DEMO_BUREAU_EMAIL, password: DEMO_PASSWORD, displayName: "Demo bureau officer" },
  );
  const bureau: Actor = {
    userId: bureauUser.id,
    orgId: bureauUser.orgId,
    orgKind: "bureau",
    orgStatus: "verified",
    role: "admin",
  };
  const logins: DemoLogin[] = [{ email: DEMO_BUREAU_EMAIL, role: "bureau" }];
  const validUntil = `${now.getUTCFullYear() + 2}-12-31`;
  let n = 1;

  const register = async (
    kind: "company" | "provider" | "assessor",
    name: string,
    district: string,
    email: string,
  ): Promise<Actor> => {
    const { organization, user } = await registerOrganization(as(bureau, now), {
      organization: { kind, name, uscc: demoUscc(n++), city: "Beijing", district },
      user: { email, password: DEMO_PASSWORD, displayName: `${name} admin` },
    });
    await verifyOrganization(as(bureau, now), { id: organization.id });
    logins.push({ email, role: kind });
    return { userId: user.id, orgId: organization.id, orgKind: kind, orgStatus: "verified", role: "admin" };
  };

  const companies: Actor[] = [];
  for (const [i, [name, district]] of COMPANIES.entries())
    companies.push(await register("company", name, district, `company${i + 1}@demo.orderbridge.cn`));
  const providers: { actor: Actor; occupations: string[] }[] = [];
  for (const [i, [name, district, occupations]] of PROVIDERS.entries()) {
    const actor = await register("provider", name, district, `provider${i + 1}@demo.orderbridge.cn`);
    for (const occupationCode of occupations)
      await accredit(as(bureau, now), { orgId: actor.orgId, occupationCode, validUntil });
    providers.push({ actor, occupations: [...occupations] });
  }
  const assessor = await register(
    "assessor",
    "Beijing Vocational Skill Assessment Center",
    "Xicheng",
    "assessor1@demo.orderbridge.cn",
  );
  for (const occupationCode of [
    "ai_engineer",
    "big_data_engineer",
    "cloud_engineer",
    "blockchain_engineer",
  ]) {
    await accredit(as(bureau, now), { orgId: assessor.orgId, occupationCode, validUntil });
  }
  await seedDemoPrograms(as, providers, now);
  await seedDemoOrders(
    as,
    companies,
    providers.map((p) => p.actor),
    now,
  );
  await seedSubsidyPolicies(as, bureau, now);
  await seedDemoBids(as, bureau, companies, providers, now);
  const providerOf = (orgId: string) => providers.find((p) => p.actor.orgId === orgId)!.actor;
  await seedDemoTrainees(as, { bureau, assessor, providerOf, now, validUntil });
  return logins;
}
