/**
 * Build step of the Worker (wrangler.toml `[build]`): copies the `/docs` UI files from the installed swagger-ui-dist
 * into `dist/docs-assets/`, the directory Wrangler uploads as static assets. Node reads the same files in place.
 */
import { copyFile, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { DOCS_ASSET_FILES } from "../platform/docs";
import { swaggerUiDistDir } from "../platform/docs-assets-node";

const target = process.argv[2] ?? "dist/docs-assets";
await rm(target, { recursive: true, force: true });
await mkdir(target, { recursive: true });
for (const file of Object.keys(DOCS_ASSET_FILES))
  await copyFile(join(swaggerUiDistDir, file), join(target, file));
console.error(
  `docs assets: ${Object.keys(DOCS_ASSET_FILES).join(", ")} copied from ${swaggerUiDistDir} to ${target}`,
);
