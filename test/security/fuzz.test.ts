/**
 * Fuzzing every operation of the OpenAPI document with fast-check, from the operation's own schema and a valid
 * request on the world's fixtures: never a 5xx, every error a problem+json body with its code and request id and of
 * bounded size, and never a success that accepted an unknown field.
 *
 * Seeded and reproducible: FUZZ_SEED (default below), FUZZ_RUNS cases per operation (default 50, about 3,000 in
 * all); a failure prints the seed and path to replay it.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers";
import { documentedOperations } from "./document";
import { type Schema, requestArbitrary, resolver } from "./fuzz";
import { expected, OPERATIONS } from "./operations";
import { ACTORS, type ActorName, buildWorld, type World } from "./world";

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_129);
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
/** An error body is small, however large the request (the amplification defect). */
const MAX_ERROR_BYTES = 16 * 1024;

const { doc, operations } = documentedOperations();
const resolve = resolver(doc);
let t: TestContext;
let w: World;

beforeAll(async () => {
  t = await createTestContext();
  w = await buildWorld(t);
});
afterAll(() => t.close());

/** Logout revokes the caller's token, which the rest of the run needs; the matrix covers it. */
const SKIP = new Set(["logout"]);

describe("fuzzing every operation from its schema", () => {
  for (const op of operations) {
    if (SKIP.has(op.operationId)) continue;
    it(`${op.operationId} (${op.method} ${op.path})`, async () => {
      const rule = OPERATIONS[op.operationId];
      if (!rule) throw new Error(`no rule for ${op.operationId}: add it to test/security/operations.ts`);
      const item = doc.paths[op.path][op.method.toLowerCase()] as Schema;
      const bodySchema = item.requestBody?.content?.["application/json"]?.schema;
      const valid = rule.request(w);
      const allowed = ACTORS.filter((a) => expected(rule, a) === "allowed");
      const actors: ActorName[] = [...allowed, ...allowed, ...ACTORS];
      const requests = requestArbitrary(
        { path: op.path, method: op.method, parameters: item.parameters ?? [], bodySchema },
        valid,
        resolve,
      );
      await fc.assert(
        fc.asyncProperty(requests, fc.constantFrom(...actors), async (req, actor) => {
          const headers: Record<string, string> = {};
          if (req.body !== undefined) headers["Content-Type"] = req.contentType ?? "application/json";
          else if (req.contentType) headers["Content-Type"] = req.contentType;
          if (valid.etagOf) {
            const read = await t.call("GET", valid.etagOf, { token: w.tokens.bureau });
            const owner = await t.call("GET", valid.etagOf, {
              token: valid.etagOf.includes("/orders/") ? w.tokens.companyAdmin : w.tokens.provider,
            });
            headers["If-Match"] = read.headers.get("ETag") ?? owner.headers.get("ETag") ?? '"1"';
          }
          const body = req.body ?? (req.contentType ? "{}" : undefined);
          const res = await t.app.request(req.path, {
            method: op.method,
            headers: {
              ...headers,
              ...(w.tokens[actor] ? { Authorization: `Bearer ${w.tokens[actor]}` } : {}),
            },
            body,
          });
          const text = await res.text();
          const what = `${actor} ${op.method} ${req.path.slice(0, 120)} [${req.what}] → ${res.status} ${text.slice(0, 300)}`;
          expect(res.status, what).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers.get("Content-Type"), what).toMatch(/^application\/problem\+json/);
            const problem = JSON.parse(text);
            expect(problem.status, what).toBe(res.status);
            expect(typeof problem.code, what).toBe("string");
            expect(problem.requestId, what).toBeTruthy();
            expect(text.length, what).toBeLessThan(MAX_ERROR_BYTES);
          } else if (req.extraField) {
            throw new Error(`accepted an unknown field: ${what}`);
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
