/** One If-Match contract for every versioned resource: ETag on reads, 428/412/400 on PATCH, optional on transitions. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bidBody,
  cohortBody,
  createProgram,
  marketParties,
  orderBody,
  publishedOrder,
  submittedBid,
} from "../fixtures";
import { activeContract, enrol } from "../fixtures-delivery";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let parties: Awaited<ReturnType<typeof marketParties>>;
beforeAll(async () => {
  t = await createTestContext();
  parties = await marketParties(t);
});
afterAll(() => t.close());

interface Versioned {
  /** Creates a fresh resource and returns its path and the token of who may change it. */
  fresh(): Promise<{ path: string; token: string }>;
  /** A valid PATCH body, when the resource is edited with PATCH. */
  patch?: Record<string, unknown>;
  /** A state transition (path suffix and body) that takes an optional If-Match. */
  transition?: { suffix: string; body?: Record<string, unknown>; token?: () => Promise<string> };
}

const post = async (path: string, token: string, body: unknown) => {
  const res = await t.call("POST", path, { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

const RESOURCES: Record<string, Versioned> = {
  order: {
    fresh: async () => {
      const order = await post("/v1/orders", parties.company.token, orderBody(t.clock.now()));
      return { path: `/v1/orders/${order.id}`, token: parties.company.token };
    },
    patch: { headcountMax: 25 },
    transition: { suffix: "/publish" },
  },
  program: {
    fresh: async () => {
      const program = await createProgram(t, parties.provider.token);
      return { path: `/v1/programs/${program.id}`, token: parties.provider.token };
    },
    patch: { cohortCapacity: 45 },
    transition: { suffix: "/archive" },
  },
  cohort: {
    fresh: async () => {
      const program = await createProgram(t, parties.provider.token);
      const cohort = await post("/v1/cohorts", parties.provider.token, cohortBody(t.clock.now(), program.id));
      return { path: `/v1/cohorts/${cohort.id}`, token: parties.provider.token };
    },
    patch: { size: 12 },
    transition: { suffix: "/start" },
  },
  bid: {
    fresh: async () => {
      const order = await publishedOrder(t, parties.company.token);
      const program = await createProgram(t, parties.provider.token);
      const bid = await post(
        `/v1/orders/${order.id}/bids`,
        parties.provider.token,
        bidBody(order, program.id),
      );
      return { path: `/v1/bids/${bid.id}`, token: parties.provider.token };
    },
    patch: { proposal: "A revised proposal" },
    transition: { suffix: "/submit" },
  },
  contract: {
    fresh: async () => {
      const order = await publishedOrder(t, parties.company.token);
      const program = await createProgram(t, parties.provider.token);
      const bid = await submittedBid(t, { token: parties.provider.token, programId: program.id }, order);
      t.clock.set(new Date(new Date(order.bidDeadline).getTime() + 1));
      const award = await post(`/v1/orders/${order.id}/award`, parties.company.token, {
        bidIds: [bid.id],
        reason: "The only bid",
      });
      return { path: `/v1/contracts/${award.contracts[0].id}`, token: parties.company.token };
    },
    patch: { specialTerms: "Weekly progress reports" },
  },
  objection: {
    fresh: async () => {
      const order = await publishedOrder(t, parties.company.token);
      const [winner, loser] = [parties.provider, parties.rival];
      const bids = [];
      for (const p of [winner, loser]) {
        const program = await createProgram(t, p.token);
        bids.push(await submittedBid(t, { token: p.token, programId: program.id }, order));
      }
      t.clock.set(new Date(new Date(order.bidDeadline).getTime() + 1));
      await post(`/v1/orders/${order.id}/award`, parties.company.token, {
        bidIds: [bids[0].id],
        reason: "Best",
      });
      const objection = await post(`/v1/orders/${order.id}/objections`, loser.token, {
        reason: "Ours was better",
      });
      return { path: `/v1/objections/${objection.id}`, token: parties.company.token };
    },
    transition: { suffix: "/answer", body: { answer: "The winner is ready sooner." } },
  },
  trainee: {
    fresh: async () => {
      const ac = await activeContract(t);
      const [trainee] = await enrol(t, ac, ["张晓明"]);
      return { path: `/v1/trainees/${trainee.id}`, token: ac.provider.token };
    },
    // Read when the test sends it, after fresh() has moved the clock to the enrolment day.
    get patch() {
      return { status: "completed", statusDate: t?.clock.now().toISOString().slice(0, 10) };
    },
  },
  organization: {
    fresh: async () => {
      const org = await t.org("company", { verified: false });
      return { path: `/v1/organizations/${org.orgId}`, token: await t.bureau() };
    },
    transition: { suffix: "/verify" },
  },
  skill: {
    fresh: async () => {
      const bureau = await t.bureau();
      const skill = await post("/v1/skills", bureau, {
        nameEn: `Skill ${Math.random()}`,
        nameZh: "技能",
        sector: "ai",
      });
      return { path: `/v1/skills/${skill.id}`, token: bureau };
    },
    patch: { nameZh: "新名称" },
  },
  occupation: {
    fresh: async () => {
      const bureau = await t.bureau();
      const code = `occ_${Math.random().toString(36).slice(2, 10)}`;
      await post("/v1/occupations", bureau, {
        code,
        nameEn: "Test occupation",
        nameZh: "测试职业",
        sector: "ai",
      });
      return { path: `/v1/occupations/${code}`, token: bureau };
    },
    patch: { nationalCode: "2-02-10-99" },
  },
};

describe.each(Object.entries(RESOURCES))("If-Match on %s", (_name, resource) => {
  it("reads carry the version as a strong ETag", async () => {
    const { path, token } = await resource.fresh();
    const res = await t.call("GET", path, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get("ETag")).toBe(`"${res.body.version}"`);
  });

  if (resource.patch)
    it("PATCH needs If-Match: 428 without, 400 malformed, 412 stale, 200 current", async () => {
      const { path, token } = await resource.fresh();
      const body = resource.patch;
      const version = (await t.call("GET", path, { token })).body.version;
      const without = await t.call("PATCH", path, { token, body });
      expect(without.status).toBe(428);
      expect(without.body.code).toBe("precondition_required");
      expect(
        (await t.call("PATCH", path, { token, body, headers: { "If-Match": "yesterday" } })).status,
      ).toBe(400);
      const stale = await t.call("PATCH", path, { token, body, headers: { "If-Match": `"${version + 7}"` } });
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe("precondition_failed");
      const ok = await t.call("PATCH", path, { token, body, headers: { "If-Match": `"${version}"` } });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body.version).toBe(version + 1);
      expect(ok.headers.get("ETag")).toBe(`"${version + 1}"`);
    });

  if (resource.transition)
    it("a transition takes an optional If-Match: 412 when stale, applied when current or absent", async () => {
      const { suffix, body } = resource.transition!;
      const first = await resource.fresh();
      const version = (await t.call("GET", first.path, { token: first.token })).body.version;
      const stale = await t.call("POST", first.path + suffix, {
        token: first.token,
        body,
        headers: { "If-Match": `"${version + 1}"` },
      });
      expect(stale.status).toBe(412);
      const current = await t.call("POST", first.path + suffix, {
        token: first.token,
        body,
        headers: { "If-Match": `"${version}"` },
      });
      expect(current.status, JSON.stringify(current.body)).toBe(200);
      expect(current.headers.get("ETag")).toBe(`"${version + 1}"`);
      const second = await resource.fresh();
      const absent = await t.call("POST", second.path + suffix, { token: second.token, body });
      expect(absent.status).toBe(200);
    });
});
