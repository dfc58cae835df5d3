/**
 * The web console under `/console`: server-rendered hono/jsx pages over the same services as the API, in zh-CN and
 * en. Route handlers build a scope from the session cookie and call a service, never the HTTP API. Not part of
 * the OpenAPI document (plain Hono routes).
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, fromHttpException } from "../platform/errors";
import { assetsRouter } from "./assets";
import { verifyCsrf } from "./csrf";
import type { ConsoleContext, ConsoleEnv } from "./env";
import { ErrorPage } from "./pages/error";
import { consoleBasics, pageFrame, render } from "./render";
import { accountRouter } from "./routes/account";
import { adminRouter } from "./routes/admin";
import { assessRouter } from "./routes/assess";
import { bidsRouter } from "./routes/bids";
import { bureauRouter } from "./routes/bureau";
import { cohortsRouter } from "./routes/cohorts";
import { contractsRouter } from "./routes/contracts";
import { homeRouter } from "./routes/home";
import { invitationsRouter } from "./routes/invitations";
import { marketRouter } from "./routes/market";
import { objectionsRouter } from "./routes/objections";
import { orderFormRouter } from "./routes/order-form";
import { ordersRouter } from "./routes/orders";
import { programsRouter } from "./routes/programs";
import { providerBidsRouter } from "./routes/provider-bids";
import { statisticsRouter } from "./routes/statistics";
import { traineesRouter } from "./routes/trainees";

/** The error of a console request as an AppError (a 500 never shows what went wrong). */
function asAppError(c: ConsoleContext, err: unknown): AppError {
  if (err instanceof HTTPException) return fromHttpException(err);
  c.var.services?.logger.error("unhandled console error", {
    requestId: c.get("requestId"),
    error: String(err),
    stack: (err as Error)?.stack,
  });
  return new AppError("internal", "Internal error");
}

/** Renders an error as a page: signed-out requests go to the sign-in page and come back afterwards. */
async function errorPage(err: unknown, c: ConsoleContext) {
  const error = asAppError(c, err);
  const url = new URL(c.req.url);
  if (error.code === "unauthenticated") {
    const next = c.req.method === "GET" ? url.pathname + url.search : "/console";
    return c.redirect(`/console/sign-in?next=${encodeURIComponent(next)}`, 303);
  }
  for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
  const frame = await pageFrame(c).catch(() => null);
  if (!frame) return c.text(c.var.t?.("error.title.internal") ?? "Error", 500);
  const page = <ErrorPage frame={frame} code={error.code} requestId={c.get("requestId") ?? "unknown"} />;
  return render(c, page, error.status as 400);
}

/**
 * The console's routes, mounted by `createApp` at `/console`.
 * @example app.route("/console", consoleRouter());
 */
export function consoleRouter() {
  const app = new Hono<ConsoleEnv>();
  app.use(consoleBasics);
  app.use(verifyCsrf);
  app.route("/", assetsRouter);
  app.route("/", accountRouter);
  app.route("/", homeRouter);
  app.route("/", orderFormRouter);
  app.route("/", ordersRouter);
  app.route("/", marketRouter);
  app.route("/", programsRouter);
  app.route("/", cohortsRouter);
  app.route("/", bureauRouter);
  app.route("/", bidsRouter);
  app.route("/", providerBidsRouter);
  app.route("/", invitationsRouter);
  app.route("/", contractsRouter);
  app.route("/", objectionsRouter);
  app.route("/", traineesRouter);
  app.route("/", statisticsRouter);
  app.route("/", adminRouter);
  app.route("/", assessRouter);
  app.all("*", () => {
    throw new AppError("not_found", "No such console page");
  });
  app.onError(errorPage);
  return app;
}
