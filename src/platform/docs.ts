/** The self-hosted API reference at `/docs`: Swagger UI from the installed swagger-ui-dist, nothing from a CDN. */
import { Hono } from "hono";
import swaggerUi from "swagger-ui-dist/package.json";
import type { AppEnv } from "./context";
import { AppError } from "./errors";

/** The files of swagger-ui-dist that the page loads, with their media types. */
export const DOCS_ASSET_FILES = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
} as const;

export type DocsAssetFile = keyof typeof DOCS_ASSET_FILES;

/**
 * Where the runtime keeps the swagger-ui-dist files: node_modules on Node, the Workers static assets on Workers.
 * Both serve the bytes of the same installed package.
 */
export interface DocsAssets {
  /** The file's bytes, or null when it is missing. */
  read(file: DocsAssetFile): Promise<Uint8Array<ArrayBuffer> | ReadableStream | null>;
}

/** The URL prefix of the vendor files; the package version in it lets browsers cache them for a year. */
export const DOCS_ASSET_PREFIX = `/docs/assets/swagger-ui-${swaggerUi.version}`;

/**
 * The page's Content-Security-Policy: everything from this origin only. Swagger UI sets styles through the DOM
 * (allowed without 'unsafe-inline') and draws its icons from data: URIs in its stylesheet.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const IMMUTABLE = "public, max-age=31536000, immutable";

const isDocsAssetFile = (file: string): file is DocsAssetFile => Object.hasOwn(DOCS_ASSET_FILES, file);

const page = (openApiUrl: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OrderBridge API reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${DOCS_ASSET_PREFIX}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-openapi-url="${openApiUrl}"></div>
<script src="${DOCS_ASSET_PREFIX}/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

// A file, not an inline script, so the CSP needs no 'unsafe-inline'. No validator badge: it would call a remote host.
const INIT_SCRIPT = `"use strict";
(function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    domNode: root,
    deepLinking: true,
    validatorUrl: null,
    layout: "BaseLayout",
    presets: [SwaggerUIBundle.presets.apis],
  });
})();
`;

/**
 * The `/docs` routes: the page, its start-up script and the versioned vendor files.
 * @example app.route("/", docsRouter(nodeDocsAssets, "/openapi.json"));
 */
export function docsRouter(assets: DocsAssets, openApiUrl: string) {
  return new Hono<AppEnv>()
    .get("/docs", (c) => {
      c.header("Content-Security-Policy", DOCS_CSP);
      c.header("X-Content-Type-Options", "nosniff");
      c.header("Referrer-Policy", "no-referrer");
      c.header("Cache-Control", "no-cache");
      return c.html(page(openApiUrl));
    })
    .get("/docs/init.js", (c) => {
      c.header("X-Content-Type-Options", "nosniff");
      c.header("Cache-Control", "no-cache");
      return c.body(INIT_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" });
    })
    .get(`${DOCS_ASSET_PREFIX}/:file`, async (c) => {
      const file = c.req.param("file");
      const body = isDocsAssetFile(file) ? await assets.read(file) : null;
      if (!isDocsAssetFile(file) || body === null) throw new AppError("not_found", `No docs asset ${file}`);
      c.header("X-Content-Type-Options", "nosniff");
      c.header("Cache-Control", IMMUTABLE);
      return c.body(body, 200, { "Content-Type": DOCS_ASSET_FILES[file] });
    });
}
