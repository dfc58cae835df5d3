/**
 * The data of the HTTP load benchmark, made through the API in-process: a company with 60 open orders, one order
 * past its bid deadline with three opened bids, providers whose cohorts match, and the company's token.
 */
import type { App } from "../src/app";
import { createBureauUser } from "../src/modules/auth/service";
import { usccCheckCharacter } from "../src/modules/organizations/uscc";
import { DAY, type ManualClock } from "../src/platform/clock";
import type { PasswordHasher } from "../src/platform/password";
import type { Database } from "../src/db/client";

export const BENCH_PASSWORD = "bench-password-123";

export interface BenchFixture {
  token: string;
  orderId: string;
  evaluatedOrderId: string;
  /** A valid `POST /v1/orders` body. */
  orderBody: Record<string, unknown>;
}

let n = 0;
const uscc = () => {
  const first17 = `91110108MB${String(++n).padStart(7, "0")}`;
  return first17 + usccCheckCharacter(first17);
};

const iso = (base: Date, days: number) => new Date(base.getTime() + days * DAY).toISOString();
const day = (base: Date, days: number) => iso(base, days).slice(0, 10);

export function benchOrderBody(now: Date) {
  return {
    title: "Computer-vision engineers for smart-factory inspection",
    description: "Defect detection on production lines in Yizhuang.",
    occupationCode: "ai_engineer",
    requiredSkills: [
      { skillId: "skl_deep_learning", minLevel: 3, weight: 5, essential: true },
      { skillId: "skl_computer_vision", minLevel: 3, weight: 4, essential: false },
    ],
    headcountMin: 10,
    headcountMax: 40,
    location: { city: "Beijing", district: "Daxing", remoteAllowed: false },
    deliverBy: day(now, 120),
    budgetPerTraineeFen: 1_500_000,
    hiringCommitment: {
      hires: 10,
      salaryMinFen: 1_800_000,
      salaryMaxFen: 2_600_000,
      servicePeriodMonths: 24,
    },
    enquiryDeadline: iso(now, 10),
    bidDeadline: iso(now, 14),
  };
}

/**
 * Seeds the benchmark's marketplace with `clock` at `now`; leaves the clock at `now`, after the evaluated order's
 * deadline.
 */
export async function seedBench(
  app: App,
  deps: { db: Database; hasher: PasswordHasher; clock: ManualClock },
  now: Date,
): Promise<BenchFixture> {
  const call = async (method: string, path: string, token: string | undefined, body?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: {
        "Content-Type": "application/json",
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: the seed reads response bodies freely
    const json: any = res.status === 204 ? null : await res.json();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const login = async (email: string) =>
    (await call("POST", "/v1/auth/login", undefined, { email, password: BENCH_PASSWORD })).token as string;

  const start = new Date(now.getTime() - 20 * DAY);
  deps.clock.set(start);
  await createBureauUser(
    { db: deps.db, hasher: deps.hasher, now: start },
    { email: "bureau@bench.orderbridge.cn", password: BENCH_PASSWORD },
  );
  const bureau = await login("bureau@bench.orderbridge.cn");
  const org = async (kind: "company" | "provider", i: number) => {
    const email = `${kind}${i}@bench.orderbridge.cn`;
    const reg = await call("POST", "/v1/auth/register", undefined, {
      organization: { kind, name: `Bench ${kind} ${i}`, uscc: uscc(), city: "Beijing", district: "Daxing" },
      user: { email, password: BENCH_PASSWORD, displayName: `${kind} ${i}` },
    });
    await call("POST", `/v1/organizations/${reg.organization.id}/verify`, bureau);
    if (kind === "provider") {
      await call("POST", `/v1/organizations/${reg.organization.id}/accreditations`, bureau, {
        occupationCode: "ai_engineer",
        validUntil: "2035-12-31",
      });
    }
    return login(email);
  };
  const company = await org("company", 1);
  const providers: { token: string; programId: string }[] = [];
  for (let i = 1; i <= 8; i++) {
    const token = await org("provider", i);
    const program = await call("POST", "/v1/programs", token, {
      title: `Computer-vision bootcamp ${i}`,
      description: "Deep learning and computer vision for industrial inspection.",
      occupationCode: "ai_engineer",
      skills: [
        { skillId: "skl_deep_learning", level: 3 },
        { skillId: "skl_computer_vision", level: 3 + (i % 2) },
      ],
      durationWeeks: 12,
      mode: "onsite",
      city: "Beijing",
      cohortCapacity: 40,
      pricePerTraineeFen: 1_100_000 + i * 20_000,
      certification: { type: "vocational_skill_level", level: 3 },
    });
    for (let c = 0; c < 3; c++) {
      await call("POST", "/v1/cohorts", token, {
        programId: program.id,
        name: `Cohort ${i}.${c}`,
        size: 12 + c * 4,
        readyDate: day(now, 60 + c * 20),
        city: "Beijing",
        district: "Daxing",
        skills: [
          { skillId: "skl_deep_learning", level: 3, share: 1 },
          { skillId: "skl_computer_vision", level: 3, share: 0.8 },
        ],
      });
    }
    providers.push({ token, programId: program.id });
  }

  const evaluated = await call("POST", "/v1/orders", company, benchOrderBody(start));
  await call("POST", `/v1/orders/${evaluated.id}/publish`, company);
  for (const p of providers.slice(0, 3)) {
    const bid = await call("POST", `/v1/orders/${evaluated.id}/bids`, p.token, {
      programId: p.programId,
      cohortSize: 15,
      pricePerTraineeFen: 1_200_000,
      startDate: day(start, 21),
      endDate: day(start, 100),
      proposal: "Twelve weeks of deep learning and computer vision, with a capstone on your inspection data.",
      validUntil: day(start, 74),
    });
    await call("POST", `/v1/bids/${bid.id}/submit`, p.token);
  }

  deps.clock.set(now);
  let orderId = "";
  for (let i = 0; i < 60; i++) {
    const order = await call("POST", "/v1/orders", company, {
      ...benchOrderBody(now),
      title: `Bench order ${i}`,
    });
    if (i % 2 === 0) await call("POST", `/v1/orders/${order.id}/publish`, company);
    orderId ||= order.id;
  }
  // The first read after the deadline opens the bids; the benchmark measures reads of opened bids.
  await call("GET", `/v1/orders/${evaluated.id}/bids`, company);
  return { token: company, orderId, evaluatedOrderId: evaluated.id, orderBody: benchOrderBody(now) };
}

export interface Recorded {
  query: string;
  params: unknown[];
}
export type Scenario = "list" | "get" | "matches" | "bids" | "create";
export interface RecordedFixture extends BenchFixture {
  tokenHash: string;
  sql: Record<Scenario, Recorded[]>;
}

/** The scenario a request belongs to, from its method and path (the baseline's whole router). */
export function scenarioOf(method: string, url: string): Scenario | null {
  if (method === "POST") return url === "/v1/orders" ? "create" : null;
  if (url.startsWith("/v1/orders?")) return "list";
  const m = /^\/v1\/orders\/ord_[0-9a-z]+(\/matches|\/bids)?(\?.*)?$/.exec(url);
  if (!m) return null;
  return m[1] === "/matches" ? "matches" : m[1] === "/bids" ? "bids" : "get";
}

export function scenarioRequests(f: BenchFixture): Record<Scenario, { method: string; path: string }> {
  return {
    list: { method: "GET", path: "/v1/orders?limit=20" },
    get: { method: "GET", path: `/v1/orders/${f.orderId}` },
    matches: { method: "GET", path: `/v1/orders/${f.orderId}/matches` },
    bids: { method: "GET", path: `/v1/orders/${f.evaluatedOrderId}/bids` },
    create: { method: "POST", path: "/v1/orders" },
  };
}
