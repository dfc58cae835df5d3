/**
 * The bureau's subsidy policies in the console over HTTP: the list, setting and replacing one per occupation with
 * amounts in yuan (stored in fen), worded field errors in both languages, CSRF, and other kinds refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";
import { type ConsoleClient, consoleClient, csrfOf, rawKeys } from "./client";

let t: TestContext;
let bureauToken: string;
const as: Record<string, ConsoleClient> = {};
const PAGE = "/console/subsidies";

beforeAll(async () => {
  t = await createTestContext();
  bureauToken = await t.bureau();
  const company = await t.org("company");
  const bureauEmail = (await t.call("GET", "/v1/me", { token: bureauToken })).body.user.email;
  as.bureau = consoleClient(t);
  await as.bureau.signIn(bureauEmail, PASSWORD);
  as.bureauEn = consoleClient(t, { acceptLanguage: "en" });
  await as.bureauEn.signIn(bureauEmail, PASSWORD);
  as.company = consoleClient(t);
  await as.company.signIn(company.email, PASSWORD);
});
afterAll(() => t.close());

const policies = async () =>
  (await t.call("GET", "/v1/subsidy-policies", { token: bureauToken })).body.data as {
    occupationCode: string;
    perTraineeFen: number;
    validFrom: string;
    validUntil: string | null;
    version: number;
  }[];

describe("subsidy policies", () => {
  it("the bureau's nav links the page, which lists none yet and offers the form", async () => {
    const home = await as.bureau.get("/console");
    expect(home.html).toContain(`href="${PAGE}"`);
    expect(home.html).toContain("补贴政策");
    const page = await as.bureau.get(PAGE);
    expect(page.status).toBe(200);
    expect(page.html).toContain("尚未设置补贴政策。");
    expect(page.html).toContain('action="/console/subsidies"');
    expect(page.html).toContain('<option value="ai_engineer"');
    expect(rawKeys(page.html)).toEqual([]);
  });

  it("sets one in yuan, stored in fen, and replaces it from the row's change link", async () => {
    const set = await as.bureau.post(
      PAGE,
      { occupationCode: "ai_engineer", perTraineeYuan: "3,000.50", validFrom: "2026-01-01", validUntil: "" },
      PAGE,
    );
    expect(set.status).toBe(303);
    expect(set.location).toBe(`${PAGE}?done=policySaved#policy-ai_engineer`);
    const [policy] = await policies();
    expect(policy).toMatchObject({ occupationCode: "ai_engineer", perTraineeFen: 300_050, validUntil: null });
    const page = await as.bureau.get(`${PAGE}?done=policySaved`);
    expect(page.html).toContain("补贴政策已保存。");
    expect(page.html).toContain("¥3,000.50");
    expect(page.html).toContain("2026-01-01 起长期有效");
    const edit = await as.bureau.get(`${PAGE}?occupation=ai_engineer`);
    expect(edit.html).toContain('name="perTraineeYuan" type="text" value="3000.50"');
    const replaced = await as.bureau.post(
      PAGE,
      {
        occupationCode: "ai_engineer",
        perTraineeYuan: "2800",
        validFrom: "2026-01-01",
        validUntil: "2026-12-31",
      },
      PAGE,
    );
    expect(replaced.status).toBe(303);
    const [again] = await policies();
    expect(again).toMatchObject({ perTraineeFen: 280_000, validUntil: "2026-12-31", version: 2 });
    expect((await as.bureau.get(PAGE)).html).toContain("2026-01-01 至 2026-12-31");
  });

  it("words field errors beside their fields, in Chinese and in English, and saves nothing", async () => {
    const bad = {
      occupationCode: "no_such_job",
      perTraineeYuan: "lots",
      validFrom: "2026-02-30",
      validUntil: "2025-01-01",
    };
    const zh = await as.bureau.post(PAGE, bad, PAGE);
    expect(zh.status).toBe(400);
    expect(zh.html).toContain("请修改以下问题：");
    expect(zh.html).toContain("职业不存在。");
    expect(zh.html).toContain("请输入金额，例如 15000 或 15000.50。");
    expect(zh.html).toContain("请输入日期，例如 2031-01-31。");
    expect(zh.html).toContain('aria-invalid="true"');
    expect(rawKeys(zh.html)).toEqual([]);
    const before = await as.bureauEn.post(
      PAGE,
      {
        occupationCode: "ai_engineer",
        perTraineeYuan: "2000",
        validFrom: "2026-06-01",
        validUntil: "2026-05-01",
      },
      PAGE,
    );
    expect(before.status).toBe(400);
    expect(before.html).toContain('<html lang="en">');
    expect(before.html).toContain("Must not be before the valid-from date.");
    const tooMuch = await as.bureauEn.post(
      PAGE,
      { occupationCode: "ai_engineer", perTraineeYuan: "1000000.01", validFrom: "2026-06-01" },
      PAGE,
    );
    expect(tooMuch.html).toContain("Must be at most ¥1,000,000.");
    expect(rawKeys(tooMuch.html)).toEqual([]);
    expect((await policies())[0].perTraineeFen).toBe(280_000);
  });

  it("refuses a post without the form token, and another kind of organisation (403)", async () => {
    const forged = await as.bureau.post(
      PAGE,
      { _csrf: "forged", occupationCode: "ai_engineer", perTraineeYuan: "1", validFrom: "2026-01-01" },
      PAGE,
    );
    expect(forged.status).toBe(403);
    const foreign = await as.bureau.post(
      PAGE,
      { occupationCode: "ai_engineer", perTraineeYuan: "1", validFrom: "2026-01-01" },
      PAGE,
      { Origin: "https://evil.example" },
    );
    expect(foreign.status).toBe(403);
    expect((await as.company.get(PAGE)).status).toBe(403);
    const home = await as.company.get("/console");
    expect(home.html).not.toContain(`href="${PAGE}"`);
    const token = csrfOf((await as.company.get("/console")).html);
    const posted = await as.company.post(
      PAGE,
      { _csrf: token, occupationCode: "ai_engineer", perTraineeYuan: "1", validFrom: "2026-01-01" },
      "/console",
    );
    expect(posted.status).toBe(403);
    expect((await policies())[0].perTraineeFen).toBe(280_000);
  });
});
