/**
 * The assessor's console pages and the public certificate check over HTTP: the queue, a trainee's page and the form
 * that records a result (worded field errors, a reused certificate number as a field error), who is refused, and
 * `/verify` with its masked name, its friendly 404 and 429, in Chinese and in English.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Org } from "../fixtures";
import { type ActiveContract, activeContract, enrol, settle } from "../fixtures-delivery";
import { createApp } from "../../src/app";
import { callApp, createTestContext, PASSWORD, type TestContext } from "../helpers";
import { type ConsoleClient, consoleClient, rawKeys } from "./client";

let t: TestContext;
let ac: ActiveContract;
let assessor: Org;
let trainees: { id: string; name: string }[];
const as: Record<string, ConsoleClient> = {};
const today = () => t.clock.now().toISOString().slice(0, 10);
const pageOf = (id: string) => `/console/assessments/${id}`;
const form = (body: Record<string, string> = {}) => ({
  certificationType: "vocational_skill_level",
  level: "3",
  result: "pass",
  certificateNo: "",
  assessedOn: today(),
  ...body,
});

beforeAll(async () => {
  t = await createTestContext();
  ac = await activeContract(t, { headcount: 6 });
  t.clock.set(ac.at);
  assessor = await t.org("assessor", { accredit: ["ai_engineer"] });
  const elsewhere = await t.org("assessor", { accredit: ["cloud_engineer"] });
  const rival = await t.org("assessor", { accredit: ["ai_engineer"] });
  trainees = await enrol(t, ac, ["张晓明", "李娜", "欧阳明华", "王五"]);
  await settle(t, ac, trainees[0]);
  await settle(t, ac, trainees[3], "dropped");
  const emails = {
    assessor: assessor.email,
    elsewhere: elsewhere.email,
    rival: rival.email,
    provider: ac.provider.email,
    company: ac.company.email,
  };
  for (const [name, email] of Object.entries(emails)) {
    as[name] = consoleClient(t);
    await as[name].signIn(email, PASSWORD);
  }
  as.english = consoleClient(t, { acceptLanguage: "en-US,en;q=0.9" });
  await as.english.signIn(assessor.email, PASSWORD);
  as.public = consoleClient(t);
});
afterAll(() => t.close());

describe("the assessor's pages", () => {
  it("home and queue list the trainees it may assess, without contact data or the dropped", async () => {
    const home = await as.assessor.get("/console");
    expect(home.html).toContain("待评价学员（3）");
    expect(home.html).toContain('href="/console/assessments"');
    expect(home.html).toContain('href="/console/certificates"');
    expect(rawKeys(home.html)).toEqual([]);
    const queue = await as.assessor.get("/console/assessments");
    expect(queue.status).toBe(200);
    for (const x of trainees.slice(0, 3)) expect(queue.html).toContain(`href="${pageOf(x.id)}"`);
    expect(queue.html).not.toContain(trainees[3].id);
    expect(queue.html).toContain("人工智能工程技术人员");
    expect(rawKeys(queue.html)).toEqual([]);
    const completed = await as.assessor.get(
      "/console/assessments?status=completed&assessed=false&occupationCode=",
    );
    expect(completed.html).toContain(pageOf(trainees[0].id));
    expect(completed.html).not.toContain(pageOf(trainees[1].id));
    expect((await as.assessor.get("/console/assessments?assessed=maybe")).status).toBe(400);
  });

  it("pages through the queue by cursor", async () => {
    const first = await as.assessor.get("/console/assessments?assessed=false&limit=2");
    const next = /href="(\/console\/assessments\?[^"]*cursor=[^"]+)"/
      .exec(first.html)![1]
      .replaceAll("&amp;", "&");
    expect(next).toContain("assessed=false");
    expect(next).toContain("limit=2");
    const second = await as.assessor.get(next);
    expect(second.status).toBe(200);
    const ids = (html: string) =>
      [...html.matchAll(/href="\/console\/assessments\/(trn_\w+)"/g)].map((m) => m[1]);
    expect([...ids(first.html), ...ids(second.html)]).toEqual(trainees.slice(0, 3).map((x) => x.id));
    expect(second.html).not.toContain("cursor=");
  });

  it("records a pass from the trainee's page; refusals are worded beside their fields", async () => {
    const page = pageOf(trainees[0].id);
    const blank = await as.assessor.get(page);
    expect(blank.status).toBe(200);
    expect(blank.html).toContain("本机构尚未评价该学员。");
    expect(blank.html).toContain(`action="${page}"`);
    expect(blank.html).toContain(`value="${today()}"`);
    expect(rawKeys(blank.html)).toEqual([]);

    const noNumber = await as.assessor.post(page, form(), page);
    expect(noNumber.status).toBe(400);
    expect(noNumber.html).toContain("通过时须填写证书编号。");
    expect(noNumber.html).toContain('aria-invalid="true"');
    const badNumber = await as.assessor.post(page, form({ certificateNo: "证书!" }), page);
    expect(badNumber.html).toContain("证书编号为 4–64 位字母、数字或连字符。");
    const grade4 = await as.assessor.post(
      page,
      form({ certificationType: "professional_technical_grade", level: "4", certificateNo: "PTG-0001" }),
      page,
    );
    expect(grade4.status).toBe(400);
    expect(grade4.html).toContain("专业技术等级证书只有 1–3 级。");
    const future = await as.assessor.post(
      page,
      form({ assessedOn: "2099-01-01", certificateNo: "F-0001" }),
      page,
    );
    expect(future.html).toContain("不能晚于今天。");
    const empty = await as.assessor.post(page, form({ assessedOn: "", certificateNo: "E-0001" }), page);
    expect(empty.html).toContain("此项必填。");
    const failWithNo = await as.assessor.post(page, form({ result: "fail", certificateNo: "X-0001" }), page);
    expect(failWithNo.html).toContain("未通过不发证书，请清空证书编号。");

    const passed = await as.assessor.post(page, form({ certificateNo: "VSL-CONSOLE-0001" }), page);
    expect(passed.status).toBe(303);
    expect(passed.location).toBe(`${page}?done=assessed`);
    const after = await as.assessor.get(passed.location!);
    expect(after.html).toContain("评价结果已保存。");
    expect(after.html).toContain('href="/verify/VSL-CONSOLE-0001"');
    expect(after.html).toContain("3 级（三级/高级工）");
    expect(rawKeys(after.html)).toEqual([]);
    const certificates = await as.assessor.get("/console/certificates");
    expect(certificates.html).toContain("VSL-CONSOLE-0001");
    expect(certificates.html).not.toContain(pageOf(trainees[1].id));
  });

  it("a certificate number already issued is a field error (409), whatever its case", async () => {
    const page = pageOf(trainees[1].id);
    const again = await as.assessor.post(page, form({ certificateNo: "vsl-console-0001" }), page);
    expect(again.status).toBe(409);
    expect(again.html).toMatch(/id="certificateNo-error">该证书编号已被使用/);
    expect(again.html).toContain('value="vsl-console-0001"');
  });

  it("reads in English, with English field errors", async () => {
    const page = pageOf(trainees[2].id);
    const english = await as.english.get(page);
    expect(english.html).toContain('<html lang="en">');
    expect(english.html).toContain("Record the result");
    expect(rawKeys(english.html)).toEqual([]);
    const refused = await as.english.post(page, form(), page);
    expect(refused.html).toContain("A pass needs a certificate number.");
    const queue = await as.english.get("/console/assessments");
    expect(queue.html).toContain("Assessment queue");
    expect(rawKeys(queue.html)).toEqual([]);
  });

  it("another assessor, a provider and a company cannot record; an unaccredited assessor finds nothing", async () => {
    const page = pageOf(trainees[2].id);
    const body = form({ certificateNo: "NOPE-0001" });
    // Not accredited for the occupation: the trainee is not in its queue (404), nor anywhere in its console.
    expect((await as.elsewhere.get(page)).status).toBe(404);
    expect((await as.elsewhere.post(page, body, "/console")).status).toBe(404);
    expect((await as.elsewhere.get("/console/assessments")).html).not.toContain(trainees[2].id);
    // The provider and the company see the trainee elsewhere but are no assessors: 403.
    for (const who of ["provider", "company"]) {
      expect((await as[who].get(page)).status, who).toBe(403);
      expect((await as[who].post(page, body, "/console")).status, who).toBe(403);
      expect((await as[who].get("/console/assessments")).status, who).toBe(403);
    }
    // A rival accredited assessor may assess the trainee but sees none of the first assessor's results.
    const rival = await as.rival.get(pageOf(trainees[0].id));
    expect(rival.status).toBe(200);
    expect(rival.html).not.toContain("VSL-CONSOLE-0001");
    // A dropped trainee is not in the queue at all.
    expect((await as.assessor.get(pageOf(trainees[3].id))).status).toBe(404);
  });

  it("a form without its CSRF token is refused", async () => {
    const page = pageOf(trainees[2].id);
    const res = await as.assessor.post(
      page,
      { ...form({ certificateNo: "CSRF-0001" }), _csrf: "forged" },
      page,
    );
    expect(res.status).toBe(403);
  });
});

describe("public certificate check", () => {
  it("/verify asks for a number and sends the form to /verify/{number}, without sign-in", async () => {
    const page = await as.public.get("/verify");
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="zh-CN">');
    expect(page.html).toContain("证书查验");
    expect(page.html).toContain('<label for="f-no">证书编号</label>');
    expect(rawKeys(page.html)).toEqual([]);
    const sent = await as.public.get("/verify?no=+VSL-CONSOLE-0001+");
    expect(sent.status).toBe(303);
    expect(sent.location).toBe("/verify/VSL-CONSOLE-0001");
    expect((await as.public.get("/verify?no=")).status).toBe(400);
  });

  it("shows a certificate with the holder's name masked, in either language", async () => {
    const found = await as.public.get("/verify/vsl-console-0001");
    expect(found.status).toBe(200);
    expect(found.html).toContain("该证书真实有效。");
    expect(found.html).toContain("张*明");
    expect(found.html).not.toContain("张晓明");
    expect(found.html).toContain("人工智能工程技术人员");
    expect(found.html).toContain("职业技能等级证书");
    expect(found.html).toContain("3 级（三级/高级工）");
    expect(found.html).toContain(assessor.email.split("@")[0]);
    expect(rawKeys(found.html)).toEqual([]);
    const english = await as.public.get("/verify/VSL-CONSOLE-0001?lang=en");
    expect(english.html).toContain('<html lang="en">');
    expect(english.html).toContain("This certificate is genuine.");
    expect(english.html).toContain("AI engineering technician");
    expect(english.html).toContain('name="lang" value="en"');
    expect(rawKeys(english.html)).toEqual([]);
    const byHeader = await consoleClient(t, { acceptLanguage: "en" }).get("/verify/VSL-CONSOLE-0001");
    expect(byHeader.html).toContain("Certificate VSL-CONSOLE-0001");
    expect(byHeader.html).toContain('href="/verify/VSL-CONSOLE-0001?lang=zh-CN"');
  });

  it("an unknown number is a friendly 404, a malformed one a worded 400; a fail issues nothing", async () => {
    const missing = await as.public.get("/verify/NO-SUCH-0001");
    expect(missing.status).toBe(404);
    expect(missing.html).toContain("没有找到编号为 NO-SUCH-0001 的证书");
    expect(rawKeys(missing.html)).toEqual([]);
    const malformed = await as.public.get("/verify/%3Cscript%3E");
    expect(malformed.status).toBe(400);
    expect(malformed.html).toContain("证书编号为 4–64 位字母、数字或连字符。");
    expect(malformed.html).not.toContain("<script>");
  });

  it("past the per-IP limit (shared with the API's lookup) a friendly 429 page says when to try again", async () => {
    // An instance with a small limit, as the API's rate-limit tests build one.
    const config = { ...t.services.config, RATE_LIMIT_AUTH_PER_MINUTE: 3 };
    const app = createApp({ ...t.appDeps, config, clientIp: () => "203.0.113.9" });
    const page = () => app.request("http://localhost/verify/NO-SUCH-0002");
    for (let i = 0; i < 2; i++) expect((await page()).status).toBe(404);
    expect((await callApp(app, "GET", "/v1/certificates/NO-SUCH-0002")).status).toBe(404);
    const limited = await page();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
    const html = await limited.text();
    expect(html).toContain("查询过于频繁");
    expect(html).toContain('<label for="f-no">');
    expect(rawKeys(html)).toEqual([]);
    expect((await callApp(app, "GET", "/v1/certificates/NO-SUCH-0002")).status).toBe(429);
  });
});
