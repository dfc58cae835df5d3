/**
 * Objections to an award through the objections services: an order's objections page (file, answer, decide) and the
 * queue of undecided objections for a company (its orders) and the bureau (every order in its publicity).
 */
import { Hono } from "hono";
import { getAward } from "../../modules/awards/service";
import { listBids } from "../../modules/bids/service";
import {
  answerObjection,
  decideObjection,
  fileObjection,
  getObjection,
  listObjections,
} from "../../modules/objections/service";
import {
  objectionAnswerSchema,
  objectionDecisionSchema,
  objectionRequestSchema,
} from "../../modules/objections/schemas";
import { listOrders, getOrder } from "../../modules/orders/service";
import { AppError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import type { ConsoleEnv } from "../env";
import { parseInput, postedValues, postedVersion } from "../forms/values";
import {
  ObjectionQueuePage,
  OrderObjectionsPage,
  type QueuedObjection,
} from "../pages/objections/objections";
import { pageFrame, render } from "../render";
import { consoleScopeOf } from "../session";
import { afterPost, outcomeOf } from "./outcome";

const UNDECIDED = ["open", "answered"];

/**
 * The undecided objections the actor handles: they stand only against an award in its publicity period, so they
 * are found on the `awarded` orders (the company's own, or all for the bureau).
 */
export async function undecidedObjections(scope: Scope): Promise<QueuedObjection[]> {
  const { actor } = scope;
  const awarded = await listOrders(scope, { status: "awarded", limit: 100 });
  const mine = awarded.data.filter((o) => actor.orgKind === "bureau" || o.companyOrgId === actor.orgId);
  const lists = await Promise.all(mine.map((o) => listObjections(scope, { orderId: o.id })));
  return mine.flatMap((order, i) =>
    lists[i]
      .filter((o) => UNDECIDED.includes(o.status))
      .map((objection) => ({ objection, orderTitle: order.title })),
  );
}

const page = (orderId: string) => `/console/orders/${orderId}/objections`;

/** `/console/objections…`, `/console/orders/:id/objections`. */
export const objectionsRouter = new Hono<ConsoleEnv>()
  .get("/objections", async (c) => {
    const scope = await consoleScopeOf(c);
    if (scope.actor.orgKind !== "company" && scope.actor.orgKind !== "bureau")
      throw new AppError("forbidden", "The objection queue is the company's and the bureau's");
    const [frame, rows] = await Promise.all([pageFrame(c), undecidedObjections(scope)]);
    return render(c, <ObjectionQueuePage frame={frame} rows={rows} />);
  })
  .get("/orders/:id/objections", async (c) => {
    const scope = await consoleScopeOf(c);
    const id = c.req.param("id");
    const objections = await listObjections(scope, { orderId: id });
    const [frame, order, award] = await Promise.all([
      pageFrame(c),
      getOrder(scope, { id }),
      getAward(scope, { orderId: id }).catch(() => null),
    ]);
    const { orgKind, orgId } = scope.actor;
    const side = orgKind === "bureau" ? "bureau" : orgKind === "provider" ? "provider" : "company";
    // The form shows to a provider whose bid was not awarded, while the publicity runs, until it has objected
    // (the objections service checks all of it again).
    const lost =
      side === "provider" &&
      (await listBids(scope, { orderId: id, status: "not_awarded", limit: 1 })).data.length > 0;
    const canFile =
      lost &&
      award !== null &&
      new Date(award.publicityEndsAt) > scope.now &&
      !objections.some((o) => o.objector?.orgId === orgId);
    const view = { order, award, objections, side, canFile, ...outcomeOf(c) } as const;
    return render(c, <OrderObjectionsPage frame={frame} view={view} />);
  })
  .post("/orders/:id/objections", async (c) => {
    const orderId = c.req.param("id");
    const values = await postedValues(c);
    return afterPost(c, page(orderId), "objectionFiled", async () => {
      const { reason } = parseInput(objectionRequestSchema, { reason: values.reason ?? "" });
      return fileObjection(await consoleScopeOf(c), { orderId, reason });
    });
  })
  .post("/objections/:id/answer", async (c) => {
    const id = c.req.param("id");
    const scope = await consoleScopeOf(c);
    const objection = await getObjection(scope, { id });
    const values = await postedValues(c);
    return afterPost(c, `${page(objection.orderId)}#objection-${id}`, "objectionAnswered", async () => {
      const { answer } = parseInput(objectionAnswerSchema, { answer: values.answer ?? "" });
      return answerObjection(scope, { id, answer, expectedVersion: postedVersion(values) });
    });
  })
  .post("/objections/:id/decide", async (c) => {
    const id = c.req.param("id");
    const scope = await consoleScopeOf(c);
    const objection = await getObjection(scope, { id });
    const values = await postedValues(c);
    return afterPost(c, `${page(objection.orderId)}#objection-${id}`, "objectionDecided", async () => {
      const input = parseInput(objectionDecisionSchema, {
        decision: values.decision,
        reason: values.reason ?? "",
      });
      return decideObjection(scope, { id, ...input, expectedVersion: postedVersion(values) });
    });
  });
