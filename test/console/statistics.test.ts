/** The bureau's statistics page over HTTP: the year's progress, sectors and providers with SVG bars and CSV downloads. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActiveContract, activeContract, enrol } from "../fixtures-delivery";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";
import { type ConsoleClient, consoleClient, rawKeys } from "./client";

let t: TestContext;
let ac: ActiveContract;
let year: number;
const as: Record<string, ConsoleClient> = {};

beforeAll(async () => {
  t = await createTestContext();
  ac = await activeContract(t, { headcount: 3 });
  await enrol(t, ac, ["张三", "李四", "王五"]);
  year = t.clock.now().getUTCFullYear();
  const bureauEmail = (await t.call("GET", "/v1/me", { token: await t.bureau() })).body.user.email;
  for (const [name, email] of Object.entries({ bureau: bureauEmail, company: ac.company.email })) {
    as[name] = consoleClient(t);
    await as[name].signIn(email, PASSWORD);
  }
});
afterAll(() => t.close());

describe("the bureau's statistics", () => {
  it("shows the year's progress as a large figure, sectors as SVG bars and the provider table", async () => {
    const home = await as.bureau.get("/console");
    expect(home.html).toContain('href="/console/statistics"');
    const page = await as.bureau.get("/console/statistics");
    expect(page.status).toBe(200);
    expect(page.html).toContain(`${year} 年培养统计`);
    expect(page.html).toContain('<p class="big-figure">0%</p>');
    expect(page.html).toContain("0 / 10,000 人结业");
    expect(page.html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="[^"]+：报名 3 人"/);
    expect(page.html).toContain(`Test provider ${ac.provider.email}`);
    expect(page.html).toContain(`href="/console/statistics/providers.csv?year=${year}"`);
    expect(rawKeys(page.html)).toEqual([]);
    const before = await as.bureau.get(`/console/statistics?year=${year - 1}`);
    expect(before.html).toContain("本年度尚无机构数据。");
  });

  it("downloads each table as CSV", async () => {
    const overview = await as.bureau.get(`/console/statistics/overview.csv?year=${year}`);
    expect(overview.status).toBe(200);
    expect(overview.headers.get("Content-Type")).toContain("text/csv");
    expect(overview.headers.get("Content-Disposition")).toContain(`orderbridge-overview-${year}.csv`);
    expect(overview.html).toMatch(/^metric,value/);
    expect(overview.html).toMatch(/\benrolled,3\b/);
    const providers = await as.bureau.get(`/console/statistics/providers.csv?year=${year}`);
    expect(providers.html).toContain(ac.provider.orgId);
    expect((await as.bureau.get("/console/statistics/secrets.csv")).status).toBe(404);
  });

  it("is the bureau's only, and reads in English", async () => {
    expect((await as.company.get("/console/statistics")).status).toBe(403);
    expect((await as.company.get("/console/statistics/overview.csv")).status).toBe(403);
    await as.bureau.get("/console/language/en");
    const english = await as.bureau.get("/console/statistics");
    expect(english.html).toContain(`Training statistics ${year}`);
    expect(english.html).toContain("0 / 10,000 trainees completed");
    expect(rawKeys(english.html)).toEqual([]);
    await as.bureau.get("/console/language/zh-CN");
  });
});
