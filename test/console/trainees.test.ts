/**
 * The console's delivery pages over HTTP: the provider enrols trainees in an active contract's cohort and marks
 * them completed, the company records placements (without seeing contact data), in Chinese and in English.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActiveContract, activeContract } from "../fixtures-delivery";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";
import { type ConsoleClient, consoleClient, rawKeys } from "./client";

let t: TestContext;
let ac: ActiveContract;
let page: string;
const as: Record<string, ConsoleClient> = {};

beforeAll(async () => {
  t = await createTestContext();
  ac = await activeContract(t, { headcount: 2 });
  const other = await t.org("company");
  page = `/console/contracts/${ac.contractId}/trainees`;
  const emails = { company: ac.company.email, provider: ac.provider.email, other: other.email };
  for (const [name, email] of Object.entries(emails)) {
    as[name] = consoleClient(t);
    await as[name].signIn(email, PASSWORD);
  }
});
afterAll(() => t.close());

describe("trainees of an active contract", () => {
  it("the provider reaches the cohort from its trainees page and enrols, with refusals explained", async () => {
    const list = await as.provider.get("/console/trainees");
    expect(list.html).toContain(`href="${page}"`);
    expect(rawKeys(list.html)).toEqual([]);
    const empty = await as.provider.get(page);
    expect(empty.status).toBe(200);
    expect(empty.html).toContain("已报名 0 / 2 人");
    expect(empty.html).toContain(`action="${page}"`);
    expect(rawKeys(empty.html)).toEqual([]);
    const fullId = await as.provider.post(page, { name: "张晓明", idLast4: "110101199003077777" }, page);
    expect(fullId.location).toBe(`${page}?problem=validation_failed`);
    for (const [name, phone] of [
      ["张晓明", "13800138000"],
      ["李娜", ""],
    ]) {
      const res = await as.provider.post(page, { name, phone, email: "", idLast4: "" }, page);
      expect(res.location).toBe(`${page}?done=enrolled`);
    }
    const full = await as.provider.get(page);
    expect(full.html).toContain("已报名 2 / 2 人");
    expect(full.html).toContain("13800138000");
    expect(full.html).not.toContain(`action="${page}"`);
    const over = await as.provider.post(page, { name: "王五" }, `/console/contracts/${ac.contractId}`);
    expect(over.location).toBe(`${page}?problem=conflict`);
  });

  it("the provider marks a trainee completed; the company records the placement without contact data", async () => {
    const before = await as.provider.get(page);
    const action = /action="(\/console\/trainees\/trn_\w+\/complete)"/.exec(before.html)![1];
    const done = await as.provider.post(action, {}, page);
    expect(done.location).toBe(`${page}?done=traineeCompleted`);
    const company = await as.company.get(page);
    expect(company.status).toBe(200);
    expect(company.html).toContain("已结业");
    expect(company.html).not.toContain("13800138000");
    expect(rawKeys(company.html)).toEqual([]);
    const place = /action="(\/console\/trainees\/trn_\w+\/placement)"/.exec(company.html)![1];
    const badSalary = await as.company.post(place, { hired: "true", salaryYuan: "lots" }, page);
    expect(badSalary.location).toBe(`${page}?problem=validation_failed`);
    const placed = await as.company.post(place, { hired: "true", hiredOn: "", salaryYuan: "20000" }, page);
    expect(placed.location).toBe(`${page}?done=placed`);
    const after = await as.company.get(`${page}?done=placed`);
    expect(after.html).toContain("就业情况已保存。");
    expect(after.html).toContain("月薪 ¥20,000");
    expect(after.html).toMatch(/已录用 1 \/ 承诺 \d+ 人/);
    // Only the contracted company places; the provider has no placement form and is refused.
    expect((await as.provider.post(place, { hired: "false" }, page)).location).toBe(
      `${page}?problem=forbidden`,
    );
  });

  it("another company cannot open the trainees, and the page reads in English", async () => {
    expect((await as.other.get(page)).status).toBe(404);
    await as.company.get("/console/language/en");
    const english = await as.company.get(page);
    expect(english.html).toContain("2 of 2 enrolled");
    expect(english.html).toContain("Hired (");
    expect(rawKeys(english.html)).toEqual([]);
    await as.company.get("/console/language/zh-CN");
  });
});
