/** The OpenAPI document is the contract: identities, statuses, protocol headers, and examples that keep working. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers";

interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: ({ $ref: string } | { name: string; in: string })[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<
    string,
    { headers?: Record<string, unknown>; content?: Record<string, { schema?: unknown }> }
  >;
}
type Paths = Record<string, Record<string, Operation>>;

let t: TestContext;
let paths: Paths;
let doc: { components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
beforeAll(async () => {
  t = await createTestContext();
  doc = (await t.call("GET", "/openapi.json")).body;
  paths = (doc as unknown as { paths: Paths }).paths;
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      where: `${method.toUpperCase()} ${path}`,
      method,
      path,
      op,
    })),
  );
const refs = (op: Operation) =>
  (op.parameters ?? []).map((p) => ("$ref" in p ? p.$ref.split("/").pop() : p.name));
// Session routes are never replayed, nor are anonymous callers (register).
const NOT_REPLAYED = new Set(["POST /v1/auth/login", "POST /v1/auth/logout", "POST /v1/auth/register"]);

/** The schema behind a response, following one `$ref`. */
function responseSchema(op: Operation, status: string) {
  const schema = op.responses[status]?.content?.["application/json"]?.schema as { $ref?: string } | undefined;
  if (!schema?.$ref) return schema as { properties?: Record<string, unknown> } | undefined;
  return doc.components.schemas[schema.$ref.split("/").pop()!];
}

describe("operation identities", () => {
  it("gives every operation a unique operationId and says `security: []` when it is public", () => {
    const ids = operations().map(({ where, op }) => {
      expect(op.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(Array.isArray(op.security), where).toBe(true);
      return op.operationId;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("carries a licence and response examples on the main schemas", () => {
    const info = (doc as unknown as { info: { license?: { name: string } } }).info;
    expect(info.license?.name).toBeTruthy();
    for (const name of [
      "Order",
      "Program",
      "Cohort",
      "CohortSummary",
      "Organization",
      "Enquiry",
      "Problem",
      "Skill",
      "Bid",
      "Invitation",
      "Award",
      "Contract",
      "OrderBids",
      "BidRevision",
    ]) {
      expect((doc.components.schemas[name] as { example?: unknown }).example, name).toBeDefined();
    }
  });
});

describe("statuses and headers every operation documents", () => {
  it("lists the statuses its middleware and protocol can produce", () => {
    for (const { where, method, op } of operations()) {
      const documented = new Set(Object.keys(op.responses));
      const expected = ["500"];
      if (op.security?.length) expected.push("401");
      if (op.requestBody || (op.parameters ?? []).some((p) => !("$ref" in p))) expected.push("400");
      if (["post", "patch", "put"].includes(method)) expected.push("413");
      if (method === "post" && !NOT_REPLAYED.has(where)) expected.push("409", "422");
      if (method === "patch") expected.push("412", "428");
      for (const status of expected) expect(documented.has(status), `${where} lacks ${status}`).toBe(true);
    }
  });

  it("declares If-Match, Idempotency-Key and the response headers where they apply", () => {
    for (const { where, method, op } of operations()) {
      const params = refs(op);
      if (method === "patch") expect(params, where).toContain("IfMatch");
      if (method === "post" && !NOT_REPLAYED.has(where)) {
        expect(params, where).toContain("IdempotencyKey");
        const success = Object.keys(op.responses).find((s) => s.startsWith("2"))!;
        expect(op.responses[success].headers, where).toHaveProperty("Idempotent-Replayed");
      }
      if (op.responses["412"] && method !== "patch") expect(params, where).toContain("IfMatchOptional");
      if (op.responses["401"]) expect(op.responses["401"].headers, where).toHaveProperty("WWW-Authenticate");
      if (op.responses["429"]) expect(op.responses["429"].headers, where).toHaveProperty("Retry-After");
      for (const status of ["200", "201"]) {
        const schema = responseSchema(op, status);
        // A versioned resource has an integer version (an OCDS package's `version` is the standard's, "1.1").
        if (
          schema?.properties &&
          (schema.properties.version as { type?: string } | undefined)?.type === "integer"
        ) {
          expect(op.responses[status].headers, `${where} ${status} ETag`).toHaveProperty("ETag");
        }
      }
    }
  });
});

describe("request examples", () => {
  /** The documented example of `route`'s request body. */
  // biome-ignore lint/suspicious/noExplicitAny: examples are free-form JSON
  const example = (route: string): any => {
    const [method, path] = route.split(" ");
    return paths[path][method.toLowerCase()].requestBody!.content["application/json"].example;
  };

  it("every request body has an example", () => {
    const withBody = operations().filter(({ op }) => op.requestBody);
    expect(withBody.length).toBeGreaterThan(15);
    for (const { where, op } of withBody)
      expect(op.requestBody!.content["application/json"].example, where).toBeDefined();
  });

  // The examples must stay valid for years: publishing the example order needs its deadlines in the future.
  for (const at of ["2026-11-29T09:00:00Z", "2030-12-31T12:00:00Z"]) {
    it(`the main examples work as sent on ${at.slice(0, 10)}`, async () => {
      const ctx = await createTestContext(at);
      try {
        const status = async (route: string, token: string | undefined, body: unknown, path?: string) => {
          const [method, template] = route.split(" ");
          const res = await ctx.call(method, path ?? template, { token, body });
          expect(res.status, `${route} ${JSON.stringify(res.body)}`).toBeLessThan(300);
          return res.body;
        };
        await status("POST /v1/auth/register", undefined, example("POST /v1/auth/register"));
        const bureau = await ctx.bureau();
        const company = await ctx.org("company");
        const order = await status("POST /v1/orders", company.token, example("POST /v1/orders"));
        await status(
          "POST /v1/orders/{id}/publish",
          company.token,
          undefined,
          `/v1/orders/${order.id}/publish`,
        );
        const provider = await ctx.org("provider");
        const accreditation = example("POST /v1/organizations/{id}/accreditations");
        await status(
          "POST /v1/organizations/{id}/accreditations",
          bureau,
          accreditation,
          `/v1/organizations/${provider.orgId}/accreditations`,
        );
        const program = await status("POST /v1/programs", provider.token, example("POST /v1/programs"));
        const cohort = { ...example("POST /v1/cohorts"), programId: program.id };
        await status("POST /v1/cohorts", provider.token, cohort);
        await status(
          "POST /v1/orders/{id}/enquiries",
          provider.token,
          example("POST /v1/orders/{id}/enquiries"),
          `/v1/orders/${order.id}/enquiries`,
        );
        const bid = await status(
          "POST /v1/orders/{id}/bids",
          provider.token,
          { ...example("POST /v1/orders/{id}/bids"), programId: program.id },
          `/v1/orders/${order.id}/bids`,
        );
        await status("POST /v1/bids/{id}/submit", provider.token, undefined, `/v1/bids/${bid.id}/submit`);
        await status(
          "POST /v1/orders/{id}/invitations",
          company.token,
          { ...example("POST /v1/orders/{id}/invitations"), providerOrgId: provider.orgId },
          `/v1/orders/${order.id}/invitations`,
        );
        await status("POST /v1/matching/allocations", bureau, example("POST /v1/matching/allocations"));
        await status("POST /v1/skills", bureau, example("POST /v1/skills"));
      } finally {
        await ctx.close();
      }
    });
  }
});
