/** The audit trail: who reads which events, its completeness over a contracting process, and its immutability. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bidder, type Org } from "../fixtures";
import {
  awardedOrder,
  type Bidder,
  contractStep,
  endPublicity,
  submittedContract,
} from "../fixtures-contracts";
import { createTestContext, type TestContext } from "../helpers";

let t: TestContext;
let company: Org;
let bureau: string;
let bidders: { a: Bidder; b: Bidder; c: Bidder };

beforeAll(async () => {
  t = await createTestContext();
  company = await t.org("company");
  bureau = await t.bureau();
  bidders = { a: await bidder(t), b: await bidder(t), c: await bidder(t) };
});
afterAll(() => t.close());

const get = (path: string, token: string) => t.call("GET", path, { token });

interface Event {
  action: string;
  fromState: string | null;
  toState: string | null;
  actorUserId: string | null;
  actorOrgId: string | null;
  at: string;
  data: Record<string, unknown> | null;
}

/** Every event of an entity, through the API, following the cursor. */
async function eventsOf(entityType: string, entityId: string, token = bureau, limit = 2): Promise<Event[]> {
  const out: Event[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `entityType=${entityType}&entityId=${entityId}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
    const res = await get(`/v1/audit?${q}`, token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    out.push(...res.body.data);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

describe("GET /v1/audit", () => {
  it("records every transition of a contracting process with its actor, time, states and changes", async () => {
    const { order, bids, contracts, award } = await awardedOrder(t, company, bidders);
    endPublicity(t, award);
    const id = contracts.a.id;
    await t.call("PATCH", `/v1/contracts/${id}`, {
      token: company.token,
      body: { specialTerms: "Weekly reports" },
      headers: { "If-Match": '"1"' },
    });
    await submittedContract(t, id, company, bidders.a);
    await contractStep(t, id, "review", bureau, { decision: "approve", reason: "ok" });

    const events = await eventsOf("contract", id);
    expect(events.map((e) => [e.action, e.fromState, e.toState])).toEqual([
      ["draft", null, "draft"],
      ["update_terms", "draft", "draft"],
      ["sign_company", "draft", "draft"],
      ["sign_provider", "draft", "signed"],
      ["submit", "signed", "under_review"],
      ["approve", "under_review", "approved"],
    ]);
    expect(events[1].data).toMatchObject({ fields: ["specialTerms"], termsVersion: 2 });
    expect(events[2]).toMatchObject({ actorOrgId: company.orgId });
    expect(events[3]).toMatchObject({ actorOrgId: bidders.a.orgId, actorUserId: bidders.a.userId });
    expect(events.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);

    const orderEvents = await eventsOf("order", order.id, bureau, 100);
    expect(orderEvents.map((e) => e.action)).toEqual(expect.arrayContaining(["publish", "award"]));
    const bidEvents = await eventsOf("bid", bids.c.id, bureau, 100);
    expect(bidEvents.map((e) => e.toState)).toEqual(expect.arrayContaining(["submitted", "not_awarded"]));
    // Sealed terms never reach the trail.
    expect(JSON.stringify(bidEvents)).not.toMatch(/pricePerTraineeFen|1400000|proposal/);
  });

  it("the bureau filters freely; a party reads only the events of its own entities", async () => {
    const { contracts, bids } = await awardedOrder(t, company, bidders);
    const own = await eventsOf("contract", contracts.a.id, bidders.a.token);
    expect(own.length).toBeGreaterThan(0);
    expect(await eventsOf("bid", bids.a.id, bidders.a.token, 100)).not.toHaveLength(0);
    expect(
      (await get(`/v1/audit?entityType=contract&entityId=${contracts.a.id}`, bidders.b.token)).status,
    ).toBe(404);
    expect((await get(`/v1/audit?entityType=bid&entityId=${bids.a.id}`, company.token)).status).toBe(404);
    expect((await get(`/v1/audit?entityType=widget&entityId=wid_1`, company.token)).status).toBe(404);
    expect((await get("/v1/audit", company.token)).status).toBe(400);
    const byAction = await get(`/v1/audit?action=award&actorOrgId=${company.orgId}&limit=100`, bureau);
    expect(byAction.status).toBe(200);
    expect(byAction.body.data.length).toBeGreaterThan(0);
    expect(
      byAction.body.data.every((e: Event) => e.action === "award" && e.actorOrgId === company.orgId),
    ).toBe(true);
    expect((await get("/v1/audit?cursor=nonsense", bureau)).status).toBe(400);
    expect((await get("/v1/audit?from=yesterday", bureau)).status).toBe(400);
  });
});

describe("immutability, even for the application's own database role", () => {
  const refused = [
    "update audit_log set action = 'x'",
    "delete from audit_log",
    "truncate audit_log",
    "alter table audit_log disable trigger audit_log_no_update_delete",
    "alter table audit_log disable trigger all",
    "drop trigger audit_log_no_update_delete on audit_log",
    "drop table audit_log",
    "drop function audit_log_refuse_change() cascade",
    "alter table audit_log rename to audit_log_old",
    "create or replace function audit_log_refuse_change() returns trigger as $$ begin return new; end; $$ language plpgsql",
    "create rule audit_log_ignore as on update to audit_log do instead nothing",
  ];
  it.each(refused)("refuses %s", async (statement) => {
    const before = await t.db.execute(sql`select count(*)::int as n from audit_log`);
    await expect(t.db.execute(sql.raw(statement))).rejects.toThrow();
    const after = await t.db.execute(sql`select count(*)::int as n from audit_log`);
    expect(after).toEqual(before);
  });

  it("still refuses an UPDATE in replica mode, where ordinary triggers sleep", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update audit_log set action = 'x'`);
      }),
    ).rejects.toThrow();
  });
});
