/** Node's source of the `/docs` vendor files: read once from the installed swagger-ui-dist package. */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { DocsAssetFile, DocsAssets } from "./docs";

/** The directory of the installed swagger-ui-dist (the Workers build copies its files from here too). */
export const swaggerUiDistDir = dirname(
  createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"),
);

const cache = new Map<DocsAssetFile, Promise<Uint8Array<ArrayBuffer> | null>>();

/** Reads the files from node_modules and keeps them in memory (about 2 MB). */
export const nodeDocsAssets: DocsAssets = {
  read(file) {
    let bytes = cache.get(file);
    if (!bytes) {
      bytes = readFile(join(swaggerUiDistDir, file)).then(
        (buffer) => new Uint8Array(buffer),
        () => {
          cache.delete(file); // not installed yet: look again next time
          return null;
        },
      );
      cache.set(file, bytes);
    }
    return bytes;
  },
};
