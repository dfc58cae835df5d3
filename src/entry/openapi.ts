/** `npm run openapi -- [FILE]`: writes the API's OpenAPI document (to stdout without FILE); needs no database. */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { createApp } from "../app";
import { parseConfig } from "../config";
import { systemClock } from "../platform/clock";
import { nodeDocsAssets } from "../platform/docs-assets-node";
import { createLogger } from "../platform/logger";
import { openApiDocument } from "../platform/openapi";
import { portableHasher } from "../platform/password";

// Defaults only: the document does not depend on the environment.
const app = createApp({
  hasher: portableHasher,
  clock: systemClock,
  config: parseConfig({}),
  logger: createLogger("silent"),
  docsAssets: nodeDocsAssets,
});
const json = `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
const file = process.argv[2];
if (file) {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, json);
  console.error(`OpenAPI document written to ${file}`);
} else {
  process.stdout.write(json);
}
