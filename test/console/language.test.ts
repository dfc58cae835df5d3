/** The console's language: the explicit choice, then Accept-Language, then zh-CN; catalogues complete; no raw keys. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOGUES, chooseLang } from "../../src/console/i18n";
import { createTestContext, type TestContext } from "../helpers";
import { consoleClient, rawKeys } from "./client";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("console language", () => {
  it("is Simplified Chinese by default", async () => {
    const page = await consoleClient(t).get("/console/sign-in");
    expect(page.html).toContain('<html lang="zh-CN">');
    expect(page.html).toContain("登录");
  });

  it("follows Accept-Language when there is no explicit choice", async () => {
    const page = await consoleClient(t, { acceptLanguage: "en-GB,en;q=0.9,zh;q=0.5" }).get(
      "/console/sign-in",
    );
    expect(page.html).toContain('<html lang="en">');
    expect(page.html).toContain("Sign in");
    expect(chooseLang(undefined, "zh-TW,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(chooseLang(undefined, "fr-FR,en;q=0.5")).toBe("en");
    expect(chooseLang(undefined, "fr-FR")).toBe("zh-CN");
    expect(chooseLang(undefined, "en;q=0, zh;q=0.1")).toBe("zh-CN");
  });

  it("an explicit choice (cookie) wins over Accept-Language, one click from any page", async () => {
    const client = consoleClient(t, { acceptLanguage: "en-US" });
    const page = await client.get("/console/sign-in?next=%2Fconsole%2Forders");
    const link = /href="(\/console\/language\/zh-CN\?back=[^"]+)"/
      .exec(page.html)![1]
      .replaceAll("&amp;", "&");
    const res = await client.get(link);
    expect(res.status).toBe(303);
    expect(res.location).toBe("/console/sign-in?next=%2Fconsole%2Forders");
    expect(client.jar.get("ob_lang")).toBe("zh-CN");
    expect((await client.get("/console/sign-in")).html).toContain('<html lang="zh-CN">');
    await client.get("/console/language/en");
    expect((await client.get("/console/sign-in")).html).toContain('<html lang="en">');
  });

  it("the switch returns only to console pages", async () => {
    const client = consoleClient(t);
    expect((await client.get("/console/language/en?back=//evil.example")).location).toBe("/console");
    expect((await client.get("/console/language/en?back=https://evil.example")).location).toBe("/console");
    expect((await client.get("/console/language/xx")).status).toBe(404);
  });

  it("both catalogues have the same keys and no empty message", () => {
    const zh = Object.keys(CATALOGUES["zh-CN"]).sort();
    const en = Object.keys(CATALOGUES.en).sort();
    expect(en).toEqual(zh);
    for (const lang of ["zh-CN", "en"] as const)
      for (const [key, message] of Object.entries(CATALOGUES[lang]))
        expect(message.trim(), `${lang} ${key}`).not.toBe("");
    // The same placeholders in both languages, so no value is lost in translation.
    const slots = (m: string) => [...m.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
    for (const key of zh)
      expect(slots(CATALOGUES.en[key as keyof typeof CATALOGUES.en]), key).toEqual(
        slots(CATALOGUES["zh-CN"][key as keyof typeof CATALOGUES.en]),
      );
  });

  it("finds a raw key when a page shows one", () => {
    expect(rawKeys("<p>order.status.open</p>")).toEqual(["order.status.open"]);
    expect(rawKeys('<p>company1@demo.orderbridge.cn</p><input name="level.skl_x">')).toEqual([]);
  });
});
