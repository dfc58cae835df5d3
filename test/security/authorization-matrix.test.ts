/**
 * The authorization matrix, generated from the app's own OpenAPI document: every operation, called by every actor
 * on fixtures owned by company A and provider P, gets what `OPERATIONS` declares — allowed, 401, 403 or 404 — and
 * a hidden resource answers exactly as a missing one (no existence leak). An operation without a declared rule
 * fails, so every new route must say who may call it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers";
import { documentedOperations } from "./document";
import { expected, OPERATIONS, type Rule } from "./operations";
import { ACTORS, type ActorName, buildWorld, type World } from "./world";

const { operations } = documentedOperations();
let t: TestContext;
let w: World;

beforeAll(async () => {
  t = await createTestContext();
  w = await buildWorld(t);
});
afterAll(() => t.close());

/** Denied actors first, so that each sees the fixture before an allowed actor changes it. */
function callOrder(rule: Rule): ActorName[] {
  return [...ACTORS].sort(
    (a, b) => Number(expected(rule, a) === "allowed") - Number(expected(rule, b) === "allowed"),
  );
}

async function call(method: string, rule: Rule, actor: ActorName, pathOverride?: string) {
  const req = rule.request(w);
  const headers: Record<string, string> = {};
  if (req.etagOf) {
    const owner = req.etagOf.startsWith("/v1/occupations") || req.etagOf.startsWith("/v1/skills");
    const read = await t.call("GET", req.etagOf, {
      token: owner
        ? w.tokens.bureau
        : req.etagOf.includes("/orders/")
          ? w.tokens.companyAdmin
          : w.tokens.provider,
    });
    headers["If-Match"] = read.headers.get("ETag") ?? '"1"';
  }
  return t.call(method, pathOverride ?? req.path, { token: w.tokens[actor], body: req.body, headers });
}

/** The path with its last fixture id replaced by an id of the same kind that does not exist. */
const missing = (path: string) =>
  path.replace(/([a-z]{3})_[0-9a-z]{26}(?!.*[a-z]{3}_[0-9a-z]{26})/, "$1_0000000000000000000000000z");

describe("authorization matrix", () => {
  it("declares a rule for every documented operation, and none for an operation that does not exist", () => {
    const documented = operations.map((o) => o.operationId);
    expect(
      documented.filter((id) => !OPERATIONS[id]),
      "operations without a rule",
    ).toEqual([]);
    expect(
      Object.keys(OPERATIONS).filter((id) => !documented.includes(id)),
      "rules without an operation",
    ).toEqual([]);
  });

  it("no list or read shows an actor a resource hidden from it (BOLA through lists)", async () => {
    const hidden: Record<string, ActorName[]> = {
      [w.draftOrder.id]: ["otherCompany", "provider", "otherProvider", "assessor", "bureau"],
      [w.cohort.id]: ["otherProvider", "assessor"],
      [w.evalBid.id]: ["otherCompany", "otherProvider", "assessor"],
      [w.openBid.id]: ["otherCompany", "otherProvider", "assessor"],
      [w.contractId]: ["otherCompany", "otherProvider", "assessor"],
      [w.objectionId]: ["otherCompany", "assessor"],
      [w.traineeId]: ["otherCompany", "otherProvider", "assessor"],
      [w.certifiedTraineeId]: ["otherCompany", "otherProvider"],
    };
    // The assessor is accredited for the trainee's occupation: its queue lists it (a minimal record) to assess.
    const shownBy: Record<string, string[]> = { listAssessmentQueue: [w.traineeId] };
    const reads = operations.filter((o) => o.method === "GET");
    let checked = 0;
    for (const op of reads) {
      const rule = OPERATIONS[op.operationId];
      if (!rule) continue;
      for (const actor of ACTORS) {
        if (expected(rule, actor) !== "allowed") continue;
        const res = await call(op.method, rule, actor);
        const text = JSON.stringify(res.body);
        for (const [id, from] of Object.entries(hidden)) {
          if (from.includes(actor) && !shownBy[op.operationId]?.includes(id))
            expect(text.includes(id), `${op.operationId} shows ${id} to ${actor}`).toBe(false);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  for (const op of operations) {
    it(`${op.operationId} (${op.method} ${op.path})`, async () => {
      const rule = OPERATIONS[op.operationId];
      if (!rule) throw new Error(`no rule for ${op.operationId}: add it to test/security/operations.ts`);
      const wrong: string[] = [];
      for (const actor of callOrder(rule)) {
        const res = await call(op.method, rule, actor);
        expect(res.status, `${actor}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
        const denial = [401, 403, 404].includes(res.status);
        const got = denial ? String(res.status) : "allowed";
        const want = String(expected(rule, actor));
        if (got !== want) wrong.push(`${actor} got ${res.status} ${res.body?.code ?? ""}, declared ${want}`);
        if (want === "404" && got === "404") {
          // A hidden resource is indistinguishable from a missing one.
          const absent = await call(op.method, rule, actor, missing(rule.request(w).path));
          expect([absent.status, absent.body?.code], `${actor} on a missing id`).toEqual([404, "not_found"]);
          expect(res.body.code).toBe("not_found");
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
