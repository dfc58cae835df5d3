/** The OpenAPI 3.1 document: one function builds it for `/openapi.json` and for the contract checks in CI. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context";
import { CONTRACT_COMPONENTS } from "./http";

type Router = Pick<OpenAPIHono<AppEnv>, "getOpenAPI31Document">;

/** The document as the generator returns it (openapi3-ts's `OpenAPIObject`). */
export type OpenApiDocument = ReturnType<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>;

/** The path the document is served at; `/docs` loads it from there. */
export const OPENAPI_PATH = "/openapi.json";

const INFO = {
  title: "OrderBridge API",
  version: "1.0.0",
  description:
    "Order-based training marketplace: companies order trained digital-technology talent, providers bid programs and cohorts, the bureau verifies and approves. Errors are RFC 9457 problem+json with a `code`.",
  license: { name: "Apache-2.0", identifier: "Apache-2.0" },
};

const TAGS = [
  { name: "Health", description: "Liveness and database reachability" },
  { name: "Auth", description: "Registration of organisations, login, logout and the current session" },
  {
    name: "Organizations",
    description: "Organisations, their verification and suspension, members and accreditations",
  },
  {
    name: "Taxonomy",
    description: "The occupations and the skill tree that orders, programs and cohorts refer to",
  },
  {
    name: "Orders",
    description: "Companies' talent orders: drafts, publication, amendments and cancellation",
  },
  {
    name: "Enquiries",
    description: "Anonymous questions about an open order, and the company's public answers",
  },
  { name: "Programs", description: "Providers' reusable training programs" },
  { name: "Cohorts", description: "Groups of trainees, their skill profiles and their training state" },
  { name: "Matching", description: "Scored, explained matches between orders and cohorts, and allocations" },
  {
    name: "Bids",
    description:
      "Sealed bids on open orders, invitations to bid, the opening at the deadline, ranking and the award",
  },
  {
    name: "Objections",
    description:
      "The award's publicity period: losing bidders' objections, the company's answers, the bureau's decisions",
  },
  {
    name: "Contracts",
    description:
      "Tripartite contracts drafted from an award: terms versions, signatures, the bureau's review with subsidy policies, delivery",
  },
  { name: "Audit", description: "The append-only audit trail of every transition" },
  {
    name: "Trainees",
    description:
      "Trainees of active contracts: enrolment, completion and placement; visible to their parties only",
  },
  {
    name: "Assessments",
    description: "Assessments by accredited assessors, and the public check of a certificate number",
  },
  {
    name: "Statistics",
    description: "The bureau's view of a year: trained, certified, placed, against the target",
  },
];

const BEARER_AUTH = {
  type: "http",
  scheme: "bearer",
  description: "A token from `POST /v1/auth/login`",
} as const;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const SCHEMA_REF = "#/components/schemas/";

/** Every operation object of the document. */
function operations(doc: OpenApiDocument): Json[] {
  return Object.values(doc.paths ?? {}).flatMap((item) =>
    METHODS.map((method) => item[method]).filter(isObject),
  );
}

/** The names of the schemas a value refers to, directly or through other schemas. */
function referencedSchemas(value: unknown, schemas: Json, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedSchemas(item, schemas, found);
  } else if (isObject(value)) {
    const ref = value.$ref;
    if (typeof ref === "string" && ref.startsWith(SCHEMA_REF)) {
      const name = ref.slice(SCHEMA_REF.length);
      if (!found.has(name)) {
        found.add(name);
        referencedSchemas(schemas[name], schemas, found);
      }
    }
    for (const [key, item] of Object.entries(value))
      if (key !== "$ref") referencedSchemas(item, schemas, found);
  }
  return found;
}

/** Whether a schema, or one it refers to, gives some property a `default` (examples are data, not schemas). */
function carriesDefault(schema: unknown, schemas: Json, seen = new Set<string>()): boolean {
  if (Array.isArray(schema)) return schema.some((item) => carriesDefault(item, schemas, seen));
  if (!isObject(schema)) return false;
  if ("default" in schema) return true;
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith(SCHEMA_REF)) {
    const name = ref.slice(SCHEMA_REF.length);
    if (!seen.has(name)) {
      seen.add(name);
      if (carriesDefault(schemas[name], schemas, seen)) return true;
    }
  }
  return Object.entries(schema).some(([key, item]) => {
    if (key === "example" || key === "examples") return false;
    if (key === "properties" && isObject(item))
      return Object.values(item).some((p) => carriesDefault(p, schemas, seen));
    return carriesDefault(item, schemas, seen);
  });
}

/** A copy of a request schema with every reference to a schema that carries a default written out in place. */
function inlineDefaults(value: unknown, schemas: Json, path: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => inlineDefaults(item, schemas, path));
  if (!isObject(value)) return value;
  const { $ref, ...siblings } = value;
  if (typeof $ref === "string" && $ref.startsWith(SCHEMA_REF) && carriesDefault(value, schemas)) {
    const name = $ref.slice(SCHEMA_REF.length);
    if (path.includes(name)) throw new Error(`The request schema ${name} refers to itself`);
    const target = schemas[name];
    const titled = isObject(target) && !("title" in target) ? { title: name, ...target } : target;
    return {
      ...(inlineDefaults(titled, schemas, [...path, name]) as Json),
      ...(inlineDefaults(siblings, schemas, path) as Json),
    };
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, inlineDefaults(item, schemas, path)]),
  );
}

/**
 * Request schemas that give a field a server default are written inline under their request body.
 * A field with a default is optional in a request, and the document says so (it is not in `required`); but
 * openapi-typescript, by default, reads a `default` inside `components.schemas` as "always present" and makes the
 * field required everywhere, except under a request body. Inlining keeps the default and the schema's name
 * (as its `title`) and leaves every other component as it is.
 */
function inlineRequestSchemasWithDefaults(doc: OpenApiDocument): void {
  const schemas: Json = doc.components?.schemas ?? {};
  const before = referencedSchemas(doc.paths, schemas);
  for (const operation of operations(doc)) {
    const body = operation.requestBody;
    if (!isObject(body) || !isObject(body.content)) continue;
    for (const media of Object.values(body.content)) {
      if (isObject(media) && media.schema !== undefined) media.schema = inlineDefaults(media.schema, schemas);
    }
  }
  const after = referencedSchemas(doc.paths, schemas);
  for (const name of before) if (!after.has(name)) delete schemas[name];
}

/**
 * The API's OpenAPI 3.1 document, built from the routes' zod schemas; needs no database.
 * @example const doc = openApiDocument(createApp(deps));
 */
export function openApiDocument(app: Router): OpenApiDocument {
  const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: INFO, servers: [{ url: "/" }], tags: TAGS });
  doc.components = {
    ...doc.components,
    // The route contract's shared parameters and headers (If-Match, Idempotency-Key, ETag, …).
    parameters: { ...doc.components?.parameters, ...CONTRACT_COMPONENTS.parameters },
    headers: { ...doc.components?.headers, ...CONTRACT_COMPONENTS.headers },
    securitySchemes: { ...doc.components?.securitySchemes, bearerAuth: BEARER_AUTH },
  };
  inlineRequestSchemasWithDefaults(doc);
  return doc;
}
