/** The OCDS export: valid against the official schemas at every stage, public once published, and never sealed data. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bidder, createCohort, createOrder, type Org, publishedOrder, submittedBid } from "../fixtures";
import {
  awardedOrder,
  type Bidder,
  contractStep,
  endPublicity,
  submittedContract,
} from "../fixtures-contracts";
import { createTestContext, type TestContext } from "../helpers";

const dir = join(__dirname, "../fixtures/ocds");
const load = (name: string) => JSON.parse(readFileSync(join(dir, name), "utf8"));

/** RFC 7386 JSON Merge Patch: how OCDS extensions patch the release schema. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    typeof target === "object" && target !== null && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(mergePatch(load("release-schema.json"), load("bid-extension-release-schema.json")) as object);
const validatePackage = ajv.compile(load("release-package-schema.json"));

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

/** The package, anonymously, asserted valid against the patched official schemas. */
async function ocds(orderId: string) {
  const res = await t.call("GET", `/v1/orders/${orderId}/ocds`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const valid = validatePackage(res.body);
  expect(validatePackage.errors ?? [], JSON.stringify(validatePackage.errors?.slice(0, 5))).toEqual([]);
  expect(valid).toBe(true);
  return res.body;
}
const tags = (pkg: { releases: { tag: string[] }[] }) => pkg.releases.map((r) => r.tag[0]);
const roles = (release: { parties: { id: string; roles: string[] }[] }, id: string) =>
  release.parties.find((p) => p.id === id)?.roles;

describe("GET /v1/orders/{id}/ocds", () => {
  it("the schemas really validate: a broken package fails", () => {
    expect(validatePackage({ version: "1.1", releases: [{ ocid: "x" }] })).toBe(false);
    expect(validatePackage({ version: "1.1", releases: [] })).toBe(true);
  });

  it("is never shown for a draft", async () => {
    const draft = await createOrder(t, company.token);
    expect((await t.call("GET", `/v1/orders/${draft.id}/ocds`)).status).toBe(404);
    expect((await t.call("GET", "/v1/orders/ord_missing/ocds")).status).toBe(404);
  });

  it("while open: a tender release with the buyer, and nothing of the sealed bids", async () => {
    const order = await publishedOrder(t, company.token);
    const bid = await submittedBid(t, bidders.a, order, {
      pricePerTraineeFen: 1_234_567,
      proposal: "Secret plan Zeta",
    });
    const pkg = await ocds(order.id);
    expect(tags(pkg)).toEqual(["tender"]);
    const [tender] = pkg.releases;
    expect(tender.tender).toMatchObject({
      id: order.id,
      status: "active",
      value: { amount: 300_000, currency: "CNY" },
    });
    expect(roles(tender, company.orgId)).toEqual(["buyer"]);
    const text = JSON.stringify(pkg);
    for (const secret of [bid.id, bidders.a.orgId, "12345.67", "Secret plan Zeta"])
      expect(text).not.toContain(secret);
    expect(tender.bids).toBeUndefined();
  });

  it("after the opening: bid statistics and details from the bids extension, in CNY", async () => {
    const order = await publishedOrder(t, company.token);
    const bid = await submittedBid(t, bidders.a, order, { cohortSize: 12, pricePerTraineeFen: 1_234_567 });
    t.clock.set(new Date(new Date(order.bidDeadline).getTime() + 1));
    const [tender] = (await ocds(order.id)).releases;
    expect(tender.tender.status).toBe("complete");
    expect(tender.bids.statistics.find((s: { measure: string }) => s.measure === "bids").value).toBe(1);
    expect(tender.bids.details).toEqual([
      expect.objectContaining({
        id: bid.id,
        status: "valid",
        value: { amount: 148_148.04, currency: "CNY" },
      }),
    ]);
    expect(roles(tender, bidders.a.orgId)).toEqual(["tenderer"]);
  });

  it("through award, contract and implementation: one release per stage, parties with their roles", async () => {
    const { order, award, contracts } = await awardedOrder(t, company, bidders);
    await t.call("POST", `/v1/orders/${order.id}/objections`, {
      token: bidders.c.token,
      body: { reason: "Objection text that must stay private" },
    });
    let pkg = await ocds(order.id);
    expect(tags(pkg)).toEqual(["tender", "award"]);
    const awardRelease = pkg.releases[1];
    expect(awardRelease.awards[0]).toMatchObject({
      id: award.id,
      relatedBids: award.bidIds,
      value: { amount: 157_000 },
    });
    expect(roles(awardRelease, bidders.a.orgId)).toEqual(["supplier", "tenderer"]);
    expect(roles(awardRelease, bidders.c.orgId)).toEqual(["tenderer"]);
    expect(JSON.stringify(pkg)).not.toContain("Objection text");

    const objections = await t.call("GET", `/v1/orders/${order.id}/objections`, { token: bureau });
    await t.call("POST", `/v1/objections/${objections.body.data[0].id}/decide`, {
      token: bureau,
      body: { decision: "dismissed", reason: "Criteria followed" },
    });
    endPublicity(t, award);
    await submittedContract(t, contracts.a.id, company, bidders.a);
    pkg = await ocds(order.id);
    expect(tags(pkg)).toEqual(["tender", "award", "contract"]);
    const contractRelease = pkg.releases[2];
    expect(contractRelease.contracts).toEqual([
      expect.objectContaining({
        id: contracts.a.id,
        awardID: award.id,
        status: "pending",
        value: { amount: 80_000, currency: "CNY" },
      }),
    ]);
    expect(contractRelease.parties.some((p: { roles: string[] }) => p.roles.includes("reviewBody"))).toBe(
      true,
    );

    await contractStep(t, contracts.a.id, "review", bureau, { decision: "approve", reason: "ok" });
    const cohort = await createCohort(t, bidders.a.token, bidders.a.programId);
    await contractStep(t, contracts.a.id, "start", bidders.a.token, { cohortId: cohort.id });
    pkg = await ocds(order.id);
    expect(tags(pkg)).toEqual(["tender", "award", "contract", "implementation"]);
    const impl = pkg.releases[3];
    expect(impl.contracts[0]).toMatchObject({
      status: "active",
      implementation: { milestones: [{ status: "scheduled" }] },
    });
    expect(JSON.stringify(pkg)).not.toContain(cohort.id);
  });
});
