/** A provider's bids in the console: place, change, submit, withdraw and reconfirm, and the list of its bids. */
import { Hono } from "hono";
import { reconfirmBid, submitBid, withdrawBid } from "../../modules/bids/lifecycle";
import { dateOf } from "../../modules/bids/rules";
import type { Bid } from "../../modules/bids/schemas";
import { createBid, getBid, listBids, updateBid } from "../../modules/bids/service";
import { getCohort } from "../../modules/cohorts/service";
import { listInvitations } from "../../modules/invitations/service";
import type { Order } from "../../modules/orders/schemas";
import { getOrder } from "../../modules/orders/service";
import { getProgram, listPrograms } from "../../modules/programs/service";
import { requireKind } from "../../platform/actor";
import { DAY } from "../../platform/clock";
import { AppError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import { emptyForm, type FormState } from "../components/form";
import type { ConsoleContext, ConsoleEnv } from "../env";
import { formErrorsOf, isFieldFailure } from "../form-errors";
import { bidField, bidToForm, parseBidForm } from "../forms/bid";
import { postedValues, postedVersion } from "../forms/values";
import { offeredCohorts } from "../market";
import { BidFormPage, BidPage, type Choice, MyBidsPage } from "../pages/bids/provider";
import { pageFrame, render, seeOther } from "../render";
import { consoleScopeOf } from "../session";
import { afterPost, outcomeOf } from "./outcome";

/** Whether the order still takes bids (open, before its deadline). */
export const biddingOpen = (order: Order, now: Date) =>
  order.status === "open" && new Date(order.bidDeadline) > now;

/** The provider's newest bid on an order (live, or the last one it placed), if any. */
export async function latestBidOn(scope: Scope, orderId: string): Promise<Bid | null> {
  const page = await listBids(scope, { orderId, limit: 100 });
  return page.data.find(isLive) ?? page.data[0] ?? null;
}

/** A draft or submitted bid: the one bid a provider may hold on an order. */
const isLive = (bid: Bid) => bid.status === "draft" || bid.status === "submitted";

/** The provider's own bid; the company's or the bureau's view of a bid is the order's comparison instead. */
async function ownBid(scope: Scope, id: string): Promise<Bid> {
  const bid = await getBid(scope, { id });
  if (bid.providerOrgId !== scope.actor.orgId) throw new AppError("not_found", `Bid ${id} does not exist`);
  return bid;
}

/** The programs and open cohorts a bid on this order may name. */
async function choices(scope: Scope, order: Order): Promise<{ programs: Choice[]; cohorts: Choice[] }> {
  const [programs, cohorts] = await Promise.all([
    listPrograms(scope, { status: "active", providerOrgId: scope.actor.orgId, limit: 100 }),
    offeredCohorts(scope),
  ]);
  const fitting = programs.data.filter((p) => p.occupationCode === order.occupationCode);
  const ids = new Set(fitting.map((p) => p.id));
  return {
    programs: fitting.map((p) => ({ value: p.id, label: p.title })),
    cohorts: cohorts
      .filter((x) => ids.has(x.programId) && x.status === "planned")
      .map((x) => ({ value: x.id, label: `${x.name} (${x.size})` })),
  };
}

async function showForm(
  c: ConsoleContext,
  order: Order,
  form: FormState,
  status: 200 | 400 | 403 | 409 | 412,
  bid?: Bid,
) {
  const scope = await consoleScopeOf(c);
  const [frame, options] = await Promise.all([pageFrame(c), choices(scope, order)]);
  return render(c, <BidFormPage frame={frame} order={order} form={form} {...options} bid={bid} />, status);
}

/** A refused bid post: field errors beside their fields; a refusal (not accredited, closed, stale) on top. */
function refused(c: ConsoleContext, err: unknown, order: Order, values: Record<string, string>, bid?: Bid) {
  if (isFieldFailure(err))
    return showForm(c, order, { values, errors: formErrorsOf(c.var.t, err, bidField) }, 400, bid);
  if (
    err instanceof AppError &&
    ["forbidden", "invalid_state", "precondition_failed", "conflict"].includes(err.code)
  ) {
    const message = c.var.t(`problem.${err.code as "forbidden"}`);
    return showForm(c, order, { values, errors: { _form: message } }, err.status as 403, bid);
  }
  throw err;
}

/** The form's starting values: the first fitting program, training from a week after the deadline to deliverBy. */
async function newBidValues(scope: Scope, order: Order, invitation: string | undefined) {
  const deadline = new Date(order.bidDeadline);
  const invitations = await listInvitations(scope, { orderId: order.id, limit: 1 });
  const invited = invitations.data.find((i) => !invitation || i.id === invitation);
  // An invitation that names a cohort preselects it and its program.
  const cohort = invited?.cohortId
    ? await getCohort(scope, { id: invited.cohortId }).catch(() => null)
    : null;
  return {
    programId: cohort?.programId ?? "",
    cohortSize: String(order.headcountMin),
    startDate: dateOf(new Date(deadline.getTime() + 7 * DAY)),
    endDate: order.deliverBy,
    validUntil: dateOf(new Date(deadline.getTime() + 60 * DAY)),
    invitationId: invited?.id ?? "",
    cohortId: invited?.cohortId ?? "",
  };
}

const transitions = { submit: submitBid, withdraw: withdrawBid, reconfirm: reconfirmBid } as const;
const DONE_OF = { submit: "submitted", withdraw: "withdrawn", reconfirm: "reconfirmed" } as const;

/** `/console/bids…` and `/console/orders/:id/bids/new`. */
export const providerBidsRouter = new Hono<ConsoleEnv>()
  .get("/bids", async (c) => {
    const scope = await consoleScopeOf(c);
    requireKind(scope.actor, "provider");
    const page = await listBids(scope, { limit: 20, cursor: c.req.query("cursor") });
    const titles = new Map<string, string>();
    await Promise.all(
      [...new Set(page.data.map((b) => b.orderId))].map(async (id) =>
        titles.set(
          id,
          await getOrder(scope, { id }).then(
            (o) => o.title,
            () => "—",
          ),
        ),
      ),
    );
    const rows = page.data.map((bid) => ({ bid, orderTitle: titles.get(bid.orderId) ?? "—" }));
    const nextHref = page.nextCursor ? `/console/bids?cursor=${encodeURIComponent(page.nextCursor)}` : null;
    return render(c, <MyBidsPage frame={await pageFrame(c)} rows={rows} nextHref={nextHref} />);
  })
  .get("/orders/:id/bids/new", async (c) => {
    const scope = await consoleScopeOf(c);
    requireKind(scope.actor, "provider");
    const order = await getOrder(scope, { id: c.req.param("id") });
    const latest = await latestBidOn(scope, order.id);
    if (latest && isLive(latest)) return seeOther(c, `/console/bids/${latest.id}`);
    const values = await newBidValues(scope, order, c.req.query("invitation"));
    return showForm(c, order, emptyForm(values), 200);
  })
  .post("/orders/:id/bids", async (c) => {
    const scope = await consoleScopeOf(c);
    requireKind(scope.actor, "provider");
    const order = await getOrder(scope, { id: c.req.param("id") });
    const values = await postedValues(c);
    const parsed = parseBidForm(c.var.t, values);
    if (!parsed.ok) return showForm(c, order, parsed.form, 400);
    try {
      const bid = await createBid(scope, { orderId: order.id, ...parsed.input });
      return seeOther(c, `/console/bids/${bid.id}?done=bidCreated`);
    } catch (err) {
      return refused(c, err, order, values);
    }
  })
  .get("/bids/:id", async (c) => {
    const scope = await consoleScopeOf(c);
    const bid = await getBid(scope, { id: c.req.param("id") });
    // The company and the bureau read a bid beside its rivals.
    if (bid.providerOrgId !== scope.actor.orgId)
      return seeOther(c, `/console/orders/${bid.orderId}/bids#bid-${bid.id}`);
    const [frame, order, program, cohort] = await Promise.all([
      pageFrame(c),
      getOrder(scope, { id: bid.orderId }),
      getProgram(scope, { id: bid.programId }),
      bid.cohortId ? getCohort(scope, { id: bid.cohortId }).catch(() => null) : null,
    ]);
    const view = {
      bid,
      order,
      programName: program.title,
      cohortName: cohort?.name ?? null,
      biddingOpen: biddingOpen(order, scope.now),
      ...outcomeOf(c),
    };
    return render(c, <BidPage frame={frame} view={view} />);
  })
  .get("/bids/:id/edit", async (c) => {
    const scope = await consoleScopeOf(c);
    const bid = await ownBid(scope, c.req.param("id"));
    const order = await getOrder(scope, { id: bid.orderId });
    return showForm(c, order, emptyForm(bidToForm(bid)), 200, bid);
  })
  .post("/bids/:id/edit", async (c) => {
    const scope = await consoleScopeOf(c);
    const bid = await ownBid(scope, c.req.param("id"));
    const order = await getOrder(scope, { id: bid.orderId });
    const values = await postedValues(c);
    const parsed = parseBidForm(c.var.t, values);
    if (!parsed.ok) return showForm(c, order, parsed.form, 400, bid);
    const expectedVersion = postedVersion(values);
    if (expectedVersion === undefined) throw new AppError("validation_failed", "The form lost its version");
    try {
      await updateBid(scope, { id: bid.id, expectedVersion, patch: parsed.input });
      return seeOther(c, `/console/bids/${bid.id}?done=bidSaved`);
    } catch (err) {
      return refused(c, err, order, values, bid);
    }
  })
  .post("/bids/:id/:verb{submit|withdraw|reconfirm}", async (c) => {
    const id = c.req.param("id");
    const verb = c.req.param("verb") as keyof typeof transitions;
    const expectedVersion = postedVersion(await postedValues(c));
    return afterPost(c, `/console/bids/${id}`, DONE_OF[verb], async () =>
      transitions[verb](await consoleScopeOf(c), { id, expectedVersion }),
    );
  });
