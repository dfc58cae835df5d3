/** The document-level parts of the contract that `openApiDocument` adds: licence, tags, security, request defaults. */
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { parseConfig } from "../../src/config";
import { ManualClock } from "../../src/platform/clock";
import { nodeDocsAssets } from "../../src/platform/docs-assets-node";
import { createLogger } from "../../src/platform/logger";
import { openApiDocument } from "../../src/platform/openapi";
import { portableHasher } from "../../src/platform/password";

// No database: building the document runs no request.
const app = createApp({
  hasher: portableHasher,
  clock: new ManualClock(),
  config: parseConfig({}),
  logger: createLogger("silent"),
  docsAssets: nodeDocsAssets,
});
const doc = openApiDocument(app);
// biome-ignore lint/suspicious/noExplicitAny: the test walks the JSON document freely
const json: any = JSON.parse(JSON.stringify(doc));

/** Every JSON value under `value` with its path, depth first. */
function* nodes(value: unknown, path = "#"): Generator<[string, Record<string, unknown>]> {
  if (typeof value !== "object" || value === null) return;
  if (!Array.isArray(value)) yield [path, value as Record<string, unknown>];
  for (const [key, item] of Object.entries(value)) yield* nodes(item, `${path}/${key}`);
}

describe("openApiDocument", () => {
  it("is built from the routes alone, with no database", () => {
    expect(json.openapi).toBe("3.1.0");
    expect(Object.keys(json.paths).length).toBeGreaterThan(30);
  });

  it("names a licence, a server, and describes every tag an operation uses", () => {
    expect(json.info.license).toEqual({ name: "Apache-2.0", identifier: "Apache-2.0" });
    expect(json.servers).toEqual([{ url: "/" }]);
    const declared = new Map<string, string>(
      json.tags.map((t: { name: string; description: string }) => [t.name, t.description]),
    );
    for (const operations of Object.values<Record<string, { tags?: string[] }>>(json.paths)) {
      for (const op of Object.values(operations))
        for (const tag of op.tags ?? []) expect(declared.get(tag), tag).toBeTruthy();
    }
  });

  it("keeps request defaults, but never inside a component, where openapi-typescript would make the field required", () => {
    for (const [path, node] of nodes(json.components.schemas)) {
      if (node.properties && typeof node.properties === "object") {
        for (const [name, property] of Object.entries(node.properties as Record<string, object>)) {
          expect("default" in property, `${path}/properties/${name}`).toBe(false);
        }
      }
    }
    const newOrder = json.paths["/v1/orders"].post.requestBody.content["application/json"].schema;
    expect(newOrder.title).toBe("NewOrder");
    expect(newOrder.properties.location.properties.remoteAllowed.default).toBe(false);
    expect(newOrder.properties.location.required).not.toContain("remoteAllowed");
    expect(newOrder.properties.requiredSkills.items).toMatchObject({
      title: "RequiredSkill",
      required: ["skillId", "minLevel", "weight"],
    });
    expect(json.components.schemas.Order).toBeDefined();
    expect(json.components.schemas.RequiredSkill).toBeUndefined();
  });
});
