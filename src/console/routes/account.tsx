/** Signing in and out of the console (cookie sessions over the auth service), and the language switch. */
import { Hono } from "hono";
import { loginBodySchema } from "../../modules/auth/schemas";
import { login, logout } from "../../modules/auth/service";
import { AppError } from "../../platform/errors";
import { scopeFor } from "../../platform/scope";
import type { ConsoleContext, ConsoleEnv } from "../env";
import { formErrorsOf } from "../form-errors";
import { isLang } from "../i18n";
import { SignInPage } from "../pages/sign-in";
import { pageFrame, render, safeBack, seeOther } from "../render";
import {
  clearConsoleCookie,
  consoleScopeOf,
  consoleSession,
  LANG_COOKIE,
  PRESESSION_COOKIE,
  SESSION_COOKIE,
  setConsoleCookie,
} from "../session";

const YEAR_SECONDS = 365 * 24 * 60 * 60;
const text = (v: unknown) => (typeof v === "string" ? v : "");

/** The sign-in page again, with what went wrong. */
async function signInAgain(c: ConsoleContext, status: 400 | 401 | 403 | 429, next: string, problem?: string) {
  const body = await c.req.parseBody();
  const form = { values: { email: text(body.email) }, errors: {} as Record<string, string> };
  if (status === 400) {
    const parsed = loginBodySchema.safeParse({ email: text(body.email), password: text(body.password) });
    if (!parsed.success) form.errors = formErrorsOf(c.var.t, parsed.error, (path) => path);
  }
  return render(
    c,
    <SignInPage frame={await pageFrame(c)} form={form} next={next} problem={problem} />,
    status,
  );
}

/** `/console/sign-in`, `/console/sign-out`, `/console/language/:lang`. */
export const accountRouter = new Hono<ConsoleEnv>()
  .get("/sign-in", async (c) => {
    const next = safeBack(c.req.query("next"));
    if (await consoleSession(c)) return seeOther(c, next);
    return render(c, <SignInPage frame={await pageFrame(c)} next={next} />);
  })
  .post("/sign-in", async (c) => {
    const body = await c.req.parseBody();
    const next = safeBack(text(body.next));
    const parsed = loginBodySchema.safeParse({ email: text(body.email), password: text(body.password) });
    if (!parsed.success) return signInAgain(c, 400, next);
    const { t } = c.var;
    try {
      const session = await login(scopeFor(c.var.services, null), parsed.data);
      // Max-Age rather than Expires: the browser's clock need not agree with ours.
      const maxAge = Math.floor(
        (new Date(session.expiresAt).getTime() - c.var.services.clock.now().getTime()) / 1000,
      );
      setConsoleCookie(c, SESSION_COOKIE, session.token, { maxAge });
      clearConsoleCookie(c, PRESESSION_COOKIE);
      return seeOther(c, next);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === "unauthenticated") return signInAgain(c, 401, next, t("signIn.wrong"));
      if (err.code === "forbidden") return signInAgain(c, 403, next, t("signIn.suspended"));
      if (err.code === "rate_limited") {
        c.header("Retry-After", err.headers?.["Retry-After"] ?? "60");
        const seconds = Number(err.headers?.["Retry-After"] ?? 60);
        return signInAgain(c, 429, next, t("signIn.locked", { minutes: Math.ceil(seconds / 60) }));
      }
      throw err;
    }
  })
  .post("/sign-out", async (c) => {
    const session = await consoleSession(c);
    if (session) await logout(await consoleScopeOf(c), { token: session.token });
    clearConsoleCookie(c, SESSION_COOKIE);
    return seeOther(c, "/console/sign-in");
  })
  .get("/language/:lang", (c) => {
    const lang = c.req.param("lang");
    if (!isLang(lang)) throw new AppError("not_found", "No such language");
    // A preference, not data: a plain link sets it, so English is one click away without JavaScript.
    setConsoleCookie(c, LANG_COOKIE, lang, { maxAge: YEAR_SECONDS });
    return seeOther(c, safeBack(c.req.query("back")));
  });
