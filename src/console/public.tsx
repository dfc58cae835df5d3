/**
 * The public certificate check, `/verify` and `/verify/{certificateNo}`: no sign-in, both languages, over the
 * public `checkCertificate` service and its per-IP limit (the same bucket as `GET /v1/certificates/{no}`). Outside
 * `/console`, so the console's cookies never reach it: the language follows `?lang=`, then Accept-Language.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { certificateParam } from "../modules/assessments/schemas";
import { checkCertificate } from "../modules/assessments/service";
import { AppError } from "../platform/errors";
import { perIpLimit } from "../platform/rate-limit";
import { scopeFor } from "../platform/scope";
import type { ConsoleContext, ConsoleEnv } from "./env";
import { isLang, translator } from "./i18n";
import type { PageFrame } from "./layout";
import { VerifyPage, type VerifyOutcome } from "./pages/public/verify";
import { consoleBasics, render } from "./render";

/** Where the public check is mounted. */
export const VERIFY_PATH = "/verify";

/** The language chosen with `?lang=`, which wins over Accept-Language (and is kept by links and the form). */
const chosenLang = (c: ConsoleContext) => {
  const lang = c.req.query("lang");
  return isLang(lang) ? lang : undefined;
};

const frameOf = (c: ConsoleContext): PageFrame => {
  const url = new URL(c.req.url);
  return { t: c.var.t, lang: c.var.lang, path: url.pathname + url.search, csrf: "", viewer: null };
};

/** The page of an outcome for the number asked about, with the language switch of this URL. */
function show(
  c: ConsoleContext,
  number: string,
  outcome: VerifyOutcome,
  status: 200 | 400 | 404 | 429 | 500 | 503,
) {
  const url = new URL(c.req.url);
  url.searchParams.set("lang", c.var.lang === "zh-CN" ? "en" : "zh-CN");
  const view = { number, outcome, lang: chosenLang(c), switchHref: `${url.pathname}?${url.searchParams}` };
  return render(c, <VerifyPage frame={frameOf(c)} view={view} />, status);
}

const lookupLimit = perIpLimit(
  "checkCertificate",
  "RATE_LIMIT_AUTH_PER_MINUTE",
) as unknown as MiddlewareHandler<ConsoleEnv>;

/**
 * The public pages, mounted by `createApp` at `/verify`.
 * @example app.route(VERIFY_PATH, publicRouter());
 */
export function publicRouter() {
  const app = new Hono<ConsoleEnv>();
  app.use(consoleBasics);
  app.use(async (c, next) => {
    const lang = chosenLang(c);
    if (lang) {
      c.set("lang", lang);
      c.set("t", translator(lang));
    }
    await next();
  });
  app.get("/", (c) => {
    const no = c.req.query("no");
    if (no === undefined) return show(c, "", { kind: "form" }, 200);
    if (!no.trim()) return show(c, "", { kind: "form", error: c.var.t("validation.required") }, 400);
    const lang = chosenLang(c);
    return c.redirect(`${VERIFY_PATH}/${encodeURIComponent(no.trim())}${lang ? `?lang=${lang}` : ""}`, 303);
  });
  app.get("/:certificateNo", lookupLimit, async (c) => {
    const number = c.req.param("certificateNo");
    const parsed = certificateParam.safeParse({ certificateNo: number });
    if (!parsed.success) {
      return show(c, number, { kind: "form", error: c.var.t("assess.error.certificateFormat") }, 400);
    }
    try {
      const certificate = await checkCertificate(scopeFor(c.var.services, null), parsed.data);
      return show(c, certificate.certificateNo, { kind: "found", certificate }, 200);
    } catch (err) {
      if (err instanceof AppError && err.code === "not_found")
        return show(c, number, { kind: "notFound" }, 404);
      throw err;
    }
  });
  // A 429 (with its Retry-After) and any failure read as friendly pages, never the API's JSON.
  app.onError((err, c) => {
    const number = c.req.param("certificateNo") ?? "";
    if (err instanceof AppError && err.code === "rate_limited") {
      const retry = err.headers?.["Retry-After"] ?? "60";
      c.header("Retry-After", retry);
      return show(c, number, { kind: "rateLimited", seconds: Number(retry) }, 429);
    }
    if (!(err instanceof AppError) || err.status >= 500) {
      c.var.services?.logger.error("public page failed", {
        requestId: c.get("requestId"),
        error: String(err),
      });
    }
    const status = err instanceof AppError && err.code === "unavailable" ? 503 : 500;
    return show(c, number, { kind: "error" }, status);
  });
  return app;
}
