/** The app's OpenAPI document and its operations, read without a database (as `npm run openapi` does). */
import { createApp } from "../../src/app";
import { parseConfig } from "../../src/config";
import { systemClock } from "../../src/platform/clock";
import { nodeDocsAssets } from "../../src/platform/docs-assets-node";
import { createLogger } from "../../src/platform/logger";
import { openApiDocument } from "../../src/platform/openapi";
import { portableHasher } from "../../src/platform/password";

export interface DocumentedOperation {
  operationId: string;
  method: string;
  path: string;
}

/** The document and its operations, logout last (it revokes the caller's token). */
export function documentedOperations() {
  const app = createApp({
    hasher: portableHasher,
    clock: systemClock,
    config: parseConfig({}),
    logger: createLogger("silent"),
    docsAssets: nodeDocsAssets,
  });
  // biome-ignore lint/suspicious/noExplicitAny: the document is walked freely
  const doc = openApiDocument(app) as any;
  const operations: DocumentedOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, { operationId?: string }>)) {
      if (op?.operationId)
        operations.push({ operationId: op.operationId, method: method.toUpperCase(), path });
    }
  }
  operations.sort((a, b) => Number(a.operationId === "logout") - Number(b.operationId === "logout"));
  return { doc, operations };
}
