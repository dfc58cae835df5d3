/**
 * Enrolment from a CSV upload over HTTP (multipart, as a browser sends it): the template, row-level errors in the
 * page's language with nothing enrolled (a full national ID among them), a BOM and quoted fields, the size and row
 * bounds, the headcount, CSRF, and other organisations refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bidder } from "../fixtures";
import { type ActiveContract, activeContract } from "../fixtures-delivery";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";
import { type ConsoleClient, consoleClient, csrfOf, rawKeys } from "./client";

let t: TestContext;
let ac: ActiveContract;
let page: string;
let upload: string;
const as: Record<string, ConsoleClient> = {};

beforeAll(async () => {
  t = await createTestContext();
  ac = await activeContract(t, { headcount: 4 });
  const otherProvider = await bidder(t);
  page = `/console/contracts/${ac.contractId}/trainees`;
  upload = `${page}/csv`;
  const emails = { provider: ac.provider.email, company: ac.company.email, other: otherProvider.email };
  for (const [name, email] of Object.entries(emails)) {
    as[name] = consoleClient(t);
    await as[name].signIn(email, PASSWORD);
  }
  as.providerEn = consoleClient(t, { acceptLanguage: "en" });
  await as.providerEn.signIn(ac.provider.email, PASSWORD);
});
afterAll(() => t.close());

/** Posts a CSV file as multipart form data, with the CSRF token of the trainee page unless one is given. */
async function postCsv(client: ConsoleClient, content: string | Uint8Array, csrf?: string) {
  const form = new FormData();
  form.set("_csrf", csrf ?? csrfOf((await client.get(page)).html));
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  form.set("file", new File([bytes], "trainees.csv", { type: "text/csv" }));
  const res = await t.app.request(`http://localhost${upload}`, {
    method: "POST",
    headers: {
      Cookie: [...client.jar].map(([k, v]) => `${k}=${v}`).join("; "),
      Origin: "http://localhost",
      ...(client === as.providerEn ? { "Accept-Language": "en" } : {}),
    },
    body: form,
    redirect: "manual",
  });
  return { status: res.status, html: await res.text(), location: res.headers.get("Location") };
}

const enrolled = async () => /已报名 (\d+) \/ 4 人/.exec((await as.provider.get(page)).html)![1];

describe("CSV enrolment", () => {
  it("the trainee page offers the upload form and a template in the page's language", async () => {
    const html = (await as.provider.get(page)).html;
    expect(html).toContain(`action="${upload}"`);
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('href="/console/trainees/template.csv"');
    expect(rawKeys(html)).toEqual([]);
    const zh = await as.provider.get("/console/trainees/template.csv");
    expect(zh.status).toBe(200);
    expect(zh.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(zh.headers.get("Content-Disposition")).toContain("attachment");
    // A BOM first (Response.text() drops it, so the bytes are read).
    const bytes = async (lang: string) => {
      const res = await t.app.request("http://localhost/console/trainees/template.csv", {
        headers: { "Accept-Language": lang },
      });
      return new Uint8Array(await res.arrayBuffer());
    };
    const decode = (b: Uint8Array) => new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(b);
    expect(decode(await bytes("zh-CN"))).toBe("\uFEFF姓名,手机,邮箱,身份证后四位\r\n");
    expect(decode(await bytes("en"))).toBe("\uFEFFname,phone,email,idLast4\r\n");
    expect((await as.company.get(page)).html).not.toContain(`action="${upload}"`);
  });

  it("shows every row's problems with row, column and message, and enrols nobody", async () => {
    const csv = [
      "姓名,手机,邮箱,身份证后四位",
      "张晓明,13800138000,xm@example.cn,123X",
      ",13900139000,,",
      "李娜,,,110101199003077777",
      "王五,,not-an-email,",
      "赵六,call me,,",
      "110101199003077777,,,",
    ].join("\n");
    const res = await postCsv(as.provider, csv);
    expect(res.status).toBe(400);
    expect(res.html).toContain("文件未通过检查，没有报名任何学员：");
    const rows = [...res.html.matchAll(/<tr><td>(\d+|—)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><\/tr>/g)].map(
      (m) => [m[1], m[2], m[3]],
    );
    expect(rows).toEqual([
      ["3", "姓名", "此项必填。"],
      ["4", "身份证后四位", "这像是完整的身份证号，平台不保存；只填后四位。"],
      ["5", "邮箱", "不是有效的邮箱地址。"],
      ["6", "手机", "不是有效的手机号码。"],
      ["7", "姓名", "这像是完整的身份证号，平台不保存；只填后四位。"],
    ]);
    expect(rawKeys(res.html)).toEqual([]);
    expect(await enrolled()).toBe("0");
  });

  it("words the problems in English on an English page", async () => {
    const res = await postCsv(as.providerEn, "name,idLast4\nLi Na,12\n");
    expect(res.status).toBe(400);
    expect(res.html).toContain("The file did not pass the checks; nobody was enrolled:");
    expect(res.html).toContain(
      "<tr><td>2</td><td>idLast4</td><td>Give the last four characters of the ID number (digits, X allowed last).</td></tr>",
    );
    expect(rawKeys(res.html)).toEqual([]);
  });

  it("refuses files it cannot read: unknown column, no name column, unclosed quote, not UTF-8, empty", async () => {
    const cases: [string | Uint8Array, string][] = [
      ["姓名,微信\n张三,zs\n", "无法识别的列“微信”。"],
      ["手机\n13800138000\n", "表头缺少“姓名”列。"],
      ['姓名\n"张三\n', "引号未闭合。"],
      [new Uint8Array([0xd5, 0xc5, 0xc8, 0xfd]), "文件不是 UTF-8 编码"],
      ["姓名\n", "文件中没有学员。"],
    ];
    for (const [content, message] of cases) {
      const res = await postCsv(as.provider, content);
      expect(res.status, message).toBe(400);
      expect(res.html).toContain(message);
    }
    expect(await enrolled()).toBe("0");
  });

  it("bounds the file: more than 500 rows, or more than 256 KB", async () => {
    const rows = Array.from({ length: 501 }, (_, i) => `学员${i}`);
    const many = await postCsv(as.provider, `姓名\n${rows.join("\n")}\n`);
    expect(many.status).toBe(400);
    expect(many.html).toContain("文件超过 500 行学员，请分成几个文件上传。");
    const big = await postCsv(as.provider, `姓名\n${"张".repeat(90_000)}\n`);
    expect(big.status).toBe(400);
    expect(big.html).toContain("文件超过 256 KB。");
    expect(await enrolled()).toBe("0");
  });

  it("refuses more trainees than places left, worded with the figures", async () => {
    const res = await postCsv(as.provider, "姓名\n甲\n乙\n丙\n丁\n戊\n");
    expect(res.status).toBe(409);
    expect(res.html).toContain("文件有 5 名学员，但合同只剩 4 个名额（4 人，已报名 0 人）。");
    expect(await enrolled()).toBe("0");
  });

  it("enrols a correct file with a BOM, CRLF line ends and quoted fields in one batch", async () => {
    const csv =
      '\uFEFF姓名,手机,邮箱,身份证后四位\r\n"李, 娜",13900139000,,\r\n"张""小""明",,zxm@example.cn,123x\r\n\r\n';
    const res = await postCsv(as.provider, csv);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${page}?done=enrolledCsv`);
    const after = await as.provider.get(res.location!);
    expect(after.html).toContain("已从 CSV 文件报名学员。");
    expect(after.html).toContain("李, 娜");
    expect(after.html).toContain("张&quot;小&quot;明");
    expect(after.html).toContain("已报名 2 / 4 人");
    const trainees = await t.call("GET", `/v1/cohorts/${ac.cohort.id}/trainees`, {
      token: ac.provider.token,
    });
    expect(trainees.body.data.map((x: { idLast4: string | null }) => x.idLast4).sort()).toEqual([
      "123X",
      null,
    ]);
  });

  it("refuses a forged form, another provider (404) and the company (403)", async () => {
    expect((await postCsv(as.provider, "姓名\n王五\n", "forged")).status).toBe(403);
    const other = csrfOf((await as.other.get("/console")).html);
    expect((await postCsv(as.other, "姓名\n王五\n", other)).status).toBe(404);
    expect((await as.other.get(page)).status).toBe(404);
    expect((await postCsv(as.company, "姓名\n王五\n")).status).toBe(403);
    expect(await enrolled()).toBe("2");
  });
});
