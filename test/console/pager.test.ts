/**
 * Console lists cost a bounded amount however many orders a company has: its order pages show each state's newest
 * orders and count, and page through one state by cursor (a full page ends with a "next page" link that carries
 * the filter and the cursor; following it shows the rest, with no link after the last page).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { bidder, createOrder, type Org, publishedOrder } from "../fixtures";
import { createTestContext, PASSWORD, type TestContext } from "../helpers";
import { type ConsoleClient, consoleClient } from "./client";

let t: TestContext;
let company: Org;
let as: ConsoleClient;

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  as = consoleClient(t, { acceptLanguage: "en" });
  await as.signIn(company.email, PASSWORD);
});
afterAll(() => t.close());

const titles = (html: string) => [...html.matchAll(/Pager order (\d+)/g)].map((m) => Number(m[1]));
const nextLink = (html: string) =>
  /<p class="pager"><a href="([^"]+)">Next page<\/a><\/p>/.exec(html)?.[1].replaceAll("&amp;", "&") ?? null;

it("shows a company's newest orders per state, and pages the rest 20 at a time", async () => {
  for (let i = 0; i < 23; i++) {
    await createOrder(t, company.token, { title: `Pager order ${i}` });
    t.clock.advance(1000); // distinct creation times: lists are newest first
  }
  // The grouped page (and the home page) shows each state's newest ten and its count, with a link to all of them.
  for (const path of ["/console/orders", "/console"]) {
    const grouped = await as.get(path);
    expect(grouped.status).toBe(200);
    expect(titles(grouped.html)).toEqual([...Array(10)].map((_, i) => 22 - i));
    expect(grouped.html).toContain('<a href="/console/orders?status=draft">See all 23</a>');
  }

  const first = await as.get("/console/orders?status=draft");
  expect(first.status).toBe(200);
  expect(titles(first.html)).toEqual([...Array(20)].map((_, i) => 22 - i));
  expect(first.html).toContain("Review and publish"); // the company's own list keeps the next step
  const next = nextLink(first.html);
  expect(next).toMatch(/^\/console\/orders\?status=draft&cursor=/);

  const second = await as.get(next!);
  expect(titles(second.html)).toEqual([2, 1, 0]);
  expect(nextLink(second.html)).toBeNull();

  // Another company sees none of them, in any list.
  const other = await t.org("company");
  const otherClient = consoleClient(t, { acceptLanguage: "en" });
  await otherClient.signIn(other.email, PASSWORD);
  expect(titles((await otherClient.get("/console/orders")).html)).toEqual([]);
  expect(titles((await otherClient.get("/console/orders?status=draft")).html)).toEqual([]);
});

it("counts an open order past its bid deadline under evaluation, as its badge says", async () => {
  const fresh = await t.org("company");
  await publishedOrder(t, fresh.token, { title: "Pager order 100" });
  t.clock.advance(20 * 24 * 3600 * 1000); // past the fixture's bid deadline (14 days)
  const client = consoleClient(t, { acceptLanguage: "en" });
  await client.signIn(fresh.email, PASSWORD);
  const page = await client.get("/console/orders");
  expect(page.html).toMatch(/id="state-evaluation"/);
  expect(page.html).not.toMatch(/id="state-open"/);
  expect(titles(page.html)).toEqual([100]);
});

it("names the questions waiting on each open order, its own only, answered ones not", async () => {
  const fresh = await t.org("company");
  const other = await t.org("company");
  const provider = await bidder(t);
  const mine = await publishedOrder(t, fresh.token, { title: "Pager order 200" });
  await publishedOrder(t, fresh.token, { title: "Pager order 201" });
  const theirs = await publishedOrder(t, other.token, { title: "Pager order 202" });
  const ask = async (orderId: string) => {
    const res = await t.call("POST", `/v1/orders/${orderId}/enquiries`, {
      token: provider.token,
      body: { question: "Is a hybrid delivery mode acceptable?" },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const first = await ask(mine.id);
  await ask(mine.id);
  await ask(theirs.id);
  const client = consoleClient(t, { acceptLanguage: "en" });
  await client.signIn(fresh.email, PASSWORD);
  const nextSteps = async () => {
    const html = (await client.get("/console/orders?status=open")).html;
    return [
      ...html.matchAll(
        /Pager order (\d+)<\/a>[\s\S]*?<td>(?:<a [^>]*>([^<]+)<\/a>|<span[^>]*>([^<]+)<\/span>)<\/td>\s*<\/tr>/g,
      ),
    ].map((m): [number, string] => [Number(m[1]), m[2] ?? m[3]]);
  };
  expect(new Map(await nextSteps())).toEqual(
    new Map([
      [200, "Answer 2 questions"],
      [201, "See matching cohorts"],
    ]),
  );
  const answered = await t.call("POST", `/v1/enquiries/${first}/answer`, {
    token: fresh.token,
    body: { answer: "Yes, up to 40% online." },
  });
  expect(answered.status).toBe(200);
  expect((await nextSteps()).find(([n]) => n === 200)).toEqual([200, "Answer 1 questions"]);
});
