import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY } from "../../src/platform/clock";
import { orderBody, publishedOrder } from "../fixtures";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let company: Awaited<ReturnType<TestContext["org"]>>;
let asker: Awaited<ReturnType<TestContext["org"]>>;
let rival: Awaited<ReturnType<TestContext["org"]>>;
let orderId: string;

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  asker = await t.org("provider", { accredit: ["ai_engineer"] });
  rival = await t.org("provider", { accredit: ["ai_engineer"] });
  orderId = (await publishedOrder(t, company.token)).id;
});
afterAll(() => t.close());

const ask = (token: string, question = "Is hybrid delivery acceptable?", id = orderId) =>
  t.call("POST", `/v1/orders/${id}/enquiries`, { token, body: { question } });

describe("enquiries", () => {
  it("a provider asks, the company answers, and nobody learns who asked", async () => {
    const asked = await ask(asker.token);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      question: "Is hybrid delivery acceptable?",
      answer: null,
      mine: true,
    });
    expect(asked.body.id).toMatch(/^enq_/);
    const answered = await t.call("POST", `/v1/enquiries/${asked.body.id}/answer`, {
      token: company.token,
      body: { answer: "Yes, up to 40%." },
    });
    expect(answered.status).toBe(200);
    expect(answered.body.answer).toBe("Yes, up to 40%.");

    for (const [token, mine] of [
      [asker.token, true],
      [rival.token, false],
      [company.token, false],
      [await t.bureau(), false],
    ] as const) {
      const list = await t.call("GET", `/v1/orders/${orderId}/enquiries`, { token });
      expect(list.status).toBe(200);
      const entry = list.body.data.find((e: { id: string }) => e.id === asked.body.id);
      expect(entry).toMatchObject({ answer: "Yes, up to 40%.", mine });
      expect(JSON.stringify(list.body)).not.toContain(asker.orgId);
      expect(JSON.stringify(list.body)).not.toContain(asker.userId);
      expect(Object.keys(entry).sort()).toEqual([
        "answer",
        "answeredAt",
        "createdAt",
        "id",
        "mine",
        "orderId",
        "question",
      ]);
    }
  });

  it("only verified providers ask", async () => {
    expect((await ask(company.token)).status).toBe(403);
    expect((await ask(await t.bureau())).status).toBe(403);
    const pending = await t.org("provider", { verified: false });
    expect((await ask(pending.token)).status).toBe(404); // a pending organisation cannot even see the order
    expect(
      (await t.call("POST", `/v1/orders/${orderId}/enquiries`, { body: { question: "x" } })).status,
    ).toBe(401);
  });

  it("only the ordering company answers, and only once", async () => {
    const asked = await ask(rival.token, "What certification level?");
    const other = await t.org("company");
    expect(
      (
        await t.call("POST", `/v1/enquiries/${asked.body.id}/answer`, {
          token: rival.token,
          body: { answer: "x" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call("POST", `/v1/enquiries/${asked.body.id}/answer`, {
          token: other.token,
          body: { answer: "x" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call("POST", `/v1/enquiries/${asked.body.id}/answer`, {
          token: company.token,
          body: { answer: "Level 3" },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await t.call("POST", `/v1/enquiries/${asked.body.id}/answer`, {
          token: company.token,
          body: { answer: "Level 4" },
        })
      ).status,
    ).toBe(409);
    expect(
      (await t.call("POST", "/v1/enquiries/enq_nope/answer", { token: company.token, body: { answer: "x" } }))
        .status,
    ).toBe(404);
  });

  it("refuses questions on drafts (invisible) and after the enquiry deadline", async () => {
    const draft = await t.call("POST", "/v1/orders", {
      token: company.token,
      body: orderBody(t.clock.now()),
    });
    expect((await ask(asker.token, "x", draft.body.id)).status).toBe(404);
    t.clock.advance(10 * DAY + 1000);
    const late = await ask(asker.token);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("invalid_state");
    t.clock.advance(-(10 * DAY + 1000));
  });

  it("refuses bad bodies", async () => {
    for (const body of [{}, { question: "" }, { question: "x".repeat(2001) }, { question: "ok", extra: 1 }]) {
      expect(
        (await t.call("POST", `/v1/orders/${orderId}/enquiries`, { token: asker.token, body })).status,
      ).toBe(400);
    }
  });
});
