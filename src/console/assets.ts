/** The console's static files, served by the app itself under content-hashed URLs (cached for a year). */
import { Hono } from "hono";
import { AppError } from "../platform/errors";
import { AWARD_JS } from "./assets/award-script";
import { CONSOLE_CSS } from "./assets/style";
import type { ConsoleEnv } from "./env";

/** FNV-1a, enough to give each version of a file its own URL. */
function contentHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

const STYLESHEET = `console.${contentHash(CONSOLE_CSS)}.css`;
const AWARD_SCRIPT = `award.${contentHash(AWARD_JS)}.js`;

const FILES: Record<string, { body: string; type: string }> = {
  [STYLESHEET]: { body: CONSOLE_CSS, type: "text/css; charset=utf-8" },
  [AWARD_SCRIPT]: { body: AWARD_JS, type: "text/javascript; charset=utf-8" },
};

/** The stylesheet's URL, for the layout. */
export const STYLESHEET_URL = `/console/assets/${STYLESHEET}`;
/** The award form's script (the headcount total as bids are ticked). */
export const AWARD_SCRIPT_URL = `/console/assets/${AWARD_SCRIPT}`;

/** `GET /console/assets/:file`. */
export const assetsRouter = new Hono<ConsoleEnv>().get("/assets/:file", (c) => {
  const name = c.req.param("file");
  const file = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
  if (!file) throw new AppError("not_found", "No such console asset");
  c.header("Cache-Control", "public, max-age=31536000, immutable");
  return c.body(file.body, 200, { "Content-Type": file.type });
});
