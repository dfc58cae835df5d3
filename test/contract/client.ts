/**
 * A typed OrderBridge client as an integrator writes it: openapi-fetch over the types openapi-typescript generates
 * from the OpenAPI document. It must typecheck without a cast or `any` (the contract test checks both).
 */
import createClient from "openapi-fetch";
import type { paths } from "./generated/api";

/** How the client reaches the API: `fetch` against a server, or `app.request` in tests. */
export type Fetch = (request: Request) => Promise<Response>;

/** An account that can log in. */
export interface Credentials {
  email: string;
  password: string;
}

export interface WalkInput {
  fetch: Fetch;
  /** A bureau officer, who verifies the new company. */
  bureau: Credentials;
  /** The company's first admin, registered by the walk. */
  company: Credentials & { uscc: string };
  /** Today on the server's clock; the order's deadlines are set from it. */
  today: Date;
}

export interface WalkResult {
  organizationId: string;
  organizationStatus: string;
  orderId: string;
  orderStatus: string;
  matchCount: number;
  skillsWeight: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const instantIn = (today: Date, days: number) => new Date(today.getTime() + days * DAY_MS).toISOString();
const dateIn = (today: Date, days: number) => instantIn(today, days).slice(0, 10);

/** A client for one caller: anonymous, or signed in with a bearer token. */
export function apiClient(fetch: Fetch, token?: string) {
  return createClient<paths>({
    baseUrl: "http://orderbridge.test",
    fetch,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

type Client = ReturnType<typeof apiClient>;

/** The problem's code and detail, for an error message. */
const problemText = (error: { code: string; detail: string } | undefined) =>
  error ? `${error.code}: ${error.detail}` : "no body";

async function login(client: Client, { email, password }: Credentials): Promise<string> {
  const { data, error } = await client.POST("/v1/auth/login", { body: { email, password } });
  if (!data) throw new Error(`login ${email} failed (${problemText(error)})`);
  return data.token;
}

/**
 * Registers a company, has the bureau verify it, logs in as the company, drafts an order, publishes it and lists
 * the cohorts that match it.
 */
export async function registerToMatches(input: WalkInput): Promise<WalkResult> {
  const anonymous = apiClient(input.fetch);
  const registered = await anonymous.POST("/v1/auth/register", {
    body: {
      organization: {
        kind: "company",
        name: "Yizhuang Smart Manufacturing Co.",
        uscc: input.company.uscc,
        city: "Beijing",
        district: "Daxing",
      },
      user: { email: input.company.email, password: input.company.password, displayName: "Zhang Min" },
    },
  });
  if (!registered.data) throw new Error(`register failed (${problemText(registered.error)})`);
  const organizationId = registered.data.organization.id;

  const bureau = apiClient(input.fetch, await login(anonymous, input.bureau));
  const verified = await bureau.POST("/v1/organizations/{id}/verify", {
    params: { path: { id: organizationId } },
  });
  if (!verified.data) throw new Error(`verify failed (${problemText(verified.error)})`);

  const company = apiClient(input.fetch, await login(anonymous, input.company));
  // No `essential` and no `remoteAllowed`: the server defaults them, so the generated types make them optional.
  const draft = await company.POST("/v1/orders", {
    body: {
      title: "20 computer-vision engineers for smart-factory inspection",
      description: "Trainees build defect-detection models for our production lines.",
      occupationCode: "ai_engineer",
      requiredSkills: [
        { skillId: "skl_deep_learning", minLevel: 3, weight: 5 },
        { skillId: "skl_computer_vision", minLevel: 3, weight: 4 },
      ],
      headcountMin: 15,
      headcountMax: 20,
      location: { city: "Beijing", district: "Daxing" },
      deliverBy: dateIn(input.today, 180),
      budgetPerTraineeFen: 1_500_000,
      hiringCommitment: {
        hires: 15,
        salaryMinFen: 1_800_000,
        salaryMaxFen: 2_600_000,
        servicePeriodMonths: 24,
      },
      enquiryDeadline: instantIn(input.today, 20),
      bidDeadline: instantIn(input.today, 30),
    },
  });
  if (!draft.data) throw new Error(`order draft failed (${problemText(draft.error)})`);

  const published = await company.POST("/v1/orders/{id}/publish", {
    params: { path: { id: draft.data.id } },
  });
  if (!published.data) throw new Error(`publish failed (${problemText(published.error)})`);

  const matches = await company.GET("/v1/orders/{id}/matches", {
    params: { path: { id: draft.data.id }, query: { limit: 5 } },
  });
  if (!matches.data) throw new Error(`matches failed (${problemText(matches.error)})`);

  return {
    organizationId,
    organizationStatus: verified.data.status,
    orderId: published.data.id,
    orderStatus: published.data.status,
    matchCount: matches.data.data.length,
    skillsWeight: matches.data.weights.skills,
  };
}
