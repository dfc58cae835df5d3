/** createApp(deps): the whole HTTP API and the web console from injected dependencies, identical on Node and Workers. */
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { Config } from "./config";
import { consoleRouter } from "./console";
import { publicRouter, VERIFY_PATH } from "./console/public";
import type { Database } from "./db/client";
import { assessmentsRouter } from "./modules/assessments/routes";
import { authRouter } from "./modules/auth/routes";
import { awardsRouter } from "./modules/awards/routes";
import { bidsRouter } from "./modules/bids/routes";
import { cohortsRouter } from "./modules/cohorts/routes";
import { contractsRouter } from "./modules/contracts/routes";
import { objectionsRouter } from "./modules/objections/routes";
import { subsidiesRouter } from "./modules/subsidies/routes";
import { auditRouter } from "./modules/audit/routes";
import { ocdsRouter } from "./modules/ocds/routes";
import { enquiriesRouter } from "./modules/enquiries/routes";
import { healthRouter } from "./modules/health/routes";
import { invitationsRouter } from "./modules/invitations/routes";
import { MatchIndex } from "./modules/matching/match-index";
import { matchingRouter } from "./modules/matching/routes";
import { ordersRouter } from "./modules/orders/routes";
import { organizationsRouter } from "./modules/organizations/routes";
import { programsRouter } from "./modules/programs/routes";
import { statsRouter } from "./modules/stats/routes";
import { taxonomyRouter } from "./modules/taxonomy/routes";
import { traineesRouter } from "./modules/trainees/routes";
import type { Clock } from "./platform/clock";
import type { AllocationQueue } from "./platform/context";
import { AppError, fromHttpException, problemOf } from "./platform/errors";
import { type DocsAssets, docsRouter } from "./platform/docs";
import { requestId, securityHeaders } from "./platform/headers";
import { createRouter } from "./platform/http";
import { idempotency } from "./platform/idempotency";
import type { Logger } from "./platform/logger";
import { OPENAPI_PATH, type OpenApiDocument, openApiDocument } from "./platform/openapi";
import type { PasswordHasher } from "./platform/password";
import { type ClientIp, type Limits, TokenMeter } from "./platform/rate-limit";
import { isDataException } from "./platform/db-errors";

export interface AppDeps {
  /** The database; omitted on Workers, whose entry passes a per-request one as `env.db`. */
  db?: Database;
  hasher: PasswordHasher;
  clock: Clock;
  config: Config;
  logger: Logger;
  /** The files of the `/docs` UI: from node_modules on Node, from the static assets on Workers. */
  docsAssets: DocsAssets;
  /** How the runtime finds the client's IP (the socket or X-Forwarded-For on Node, CF-Connecting-IP on Workers). */
  clientIp?: ClientIp;
  /**
   * The share of `RATE_LIMIT_PER_MINUTE` this app instance leases at once from the database to count a token's
   * requests in memory (default 1/20, for a long-lived Node process). 0 counts every request in the database, in
   * the token lookup's own query: Workers isolates come and go, so they hold nothing.
   */
  tokenLeaseShare?: number;
  /** Where allocation jobs are queued on Node (the worker pool); Workers pass theirs per request as `env.allocations`. */
  allocations?: AllocationQueue;
}

/** Node's default lease: a twentieth of the limit (30 of 600), so about one request in 30 writes a counter. */
export const NODE_TOKEN_LEASE_SHARE = 1 / 20;

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Builds the OrderBridge API.
 * @example const app = createApp({ db, hasher: nativeHasher, clock: systemClock, config, logger, docsAssets: nodeDocsAssets });
 */
export function createApp(deps: AppDeps) {
  const app = createRouter();
  const limits: Limits = {
    clientIp: deps.clientIp ?? (() => undefined),
    tokens: new TokenMeter(deps.tokenLeaseShare ?? NODE_TOKEN_LEASE_SHARE),
  };
  // Lives as long as the app: the Node process, or the Workers isolate (see README "Bounded match lists").
  const matchIndex = new MatchIndex();

  app.use(requestId);
  app.use(securityHeaders);
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    deps.logger.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  app.use(async (c, next) => {
    const db = deps.db ?? c.env?.db;
    if (!db) throw new AppError("unavailable", "No database configured");
    c.set("services", {
      db,
      hasher: deps.hasher,
      clock: deps.clock,
      config: deps.config,
      logger: deps.logger,
      allocations: deps.allocations ?? c.env?.allocations,
      matchIndex,
    });
    c.set("limits", limits);
    await next();
  });
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      // The rest of the body stays unread, so the connection cannot carry another request: say so, or a
      // keep-alive client sends its next request on a socket the server is about to close.
      throw new AppError("payload_too_large", `Request bodies are limited to ${MAX_BODY_BYTES} bytes`, {
        headers: { Connection: "close" },
      });
    },
  });
  // A GET or HEAD has no body to limit; asking for one would make the Node adapter build a full `Request`.
  app.use((c, next) => (c.req.method === "GET" || c.req.method === "HEAD" ? next() : limitBody(c, next)));
  app.use("/v1/*", idempotency);

  app.route("/", healthRouter);
  for (const router of [
    authRouter,
    organizationsRouter,
    taxonomyRouter,
    ordersRouter,
    enquiriesRouter,
    programsRouter,
    cohortsRouter,
    matchingRouter,
    bidsRouter,
    invitationsRouter,
    awardsRouter,
    contractsRouter,
    objectionsRouter,
    subsidiesRouter,
    auditRouter,
    ocdsRouter,
    traineesRouter,
    assessmentsRouter,
    statsRouter,
  ])
    app.route("/v1", router);

  // Built on first request, when every route is registered; the routes never change afterwards.
  let document: OpenApiDocument | undefined;
  app.get(OPENAPI_PATH, (c) => {
    document ??= openApiDocument(app);
    return c.json(document);
  });
  app.route("/", docsRouter(deps.docsAssets, OPENAPI_PATH));
  // The web console: plain Hono routes, so it stays out of the OpenAPI document.
  app.route("/console", consoleRouter());
  app.route(VERIFY_PATH, publicRouter());

  app.notFound((c) => {
    throw new AppError("not_found", `No route for ${c.req.method} ${c.req.path}`);
  });
  app.onError((err, c) => {
    const requestIdValue = c.get("requestId") ?? "unknown";
    let appError: AppError;
    if (err instanceof HTTPException) {
      appError = fromHttpException(err);
    } else if (isDataException(err)) {
      appError = new AppError(
        "validation_failed",
        "A value in the request cannot be stored (e.g. a NUL character)",
      );
    } else {
      deps.logger.error("unhandled error", {
        requestId: requestIdValue,
        error: String(err),
        stack: (err as Error)?.stack,
      });
      appError = new AppError(
        "internal",
        "An internal error occurred; quote the requestId when reporting it",
      );
    }
    const problem = problemOf(appError, requestIdValue);
    return new Response(JSON.stringify(problem), {
      status: problem.status,
      headers: {
        "Content-Type": "application/problem+json",
        "X-Request-Id": requestIdValue,
        ...appError.headers,
      },
    });
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
