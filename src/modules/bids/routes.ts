/** HTTP routes of sealed bids: drafting, changing, submitting, withdrawing, reconfirming, disqualifying, reading. */
import {
  created,
  createRouter,
  defineRoute,
  ifMatchVersion,
  json,
  jsonBody,
  optionalIfMatch,
  tagged,
} from "../../platform/http";
import { sealReplay } from "../../platform/idempotency";
import { pageQuery, pageSchema } from "../../platform/pagination";
import { idParam } from "../../platform/schemas";
import { scopeOf } from "../../platform/scope";
import * as lifecycle from "./lifecycle";
import { listOrderBids } from "./ranking";
import { listBidRevisions } from "./revisions";
import {
  bidListQuery,
  bidPatchSchema,
  bidRevisionSchema,
  bidSchema,
  disqualifySchema,
  newBidExample,
  newBidSchema,
  orderBidsQuery,
  orderBidsSchema,
} from "./schemas";
import * as service from "./service";

const tags = ["Bids"];
const params = idParam("bid");
const sealedNote =
  "Until the bid deadline only the bidding provider sees the bid; its terms are stored only as ciphertext.";

const createBidRoute = defineRoute({
  operationId: "createBid",
  auth: "bearer",
  quota: "liveBids",
  errors: [403, 404, 409],
  method: "post",
  path: "/orders/{id}/bids",
  tags,
  summary: "Draft a sealed bid on an open order — verified provider accredited for the order's occupation",
  description: `Each failed rule is a 400 naming the field: programId (yours, active, the order's occupation), cohortId (yours, of that program, open), cohortSize (1…headcountMax, within the program's capacity and the cohort's size), startDate < endDate ≤ deliverBy, validUntil after the bid deadline's date, invitationId (yours, for this order). Without a current accreditation: 403. A second live bid on the order: 409. ${sealedNote}`,
  request: { params: idParam("ord"), body: jsonBody(newBidSchema, newBidExample) },
  responses: { 201: json(bidSchema, "The draft bid", { etag: true, location: true }) },
});

const listBidsRoute = defineRoute({
  operationId: "listBids",
  auth: "bearer",
  errors: [403],
  method: "get",
  path: "/bids",
  tags,
  summary: "The caller's own bids, newest first — provider",
  request: { query: bidListQuery },
  responses: { 200: json(pageSchema(bidSchema), "A page of bids") },
});

const getBidRoute = defineRoute({
  operationId: "getBid",
  auth: "bearer",
  errors: [404],
  method: "get",
  path: "/bids/{id}",
  tags,
  summary: "Get a bid — its provider; after the deadline also the ordering company and the bureau",
  request: { params },
  responses: { 200: json(bidSchema, "The bid", { etag: true }) },
});

const updateBidRoute = defineRoute({
  operationId: "updateBid",
  auth: "bearer",
  ifMatch: "required",
  errors: [403, 404, 409],
  method: "patch",
  path: "/bids/{id}",
  tags,
  summary: "Change a draft, or a submitted bid before the deadline — its provider",
  description:
    "A submitted bid stays submitted and gets a new revision (`/revisions`). The same rules as creating it apply to the result.",
  request: {
    params,
    body: jsonBody(bidPatchSchema, { pricePerTraineeFen: 1_320_000, validUntil: "2031-07-15" }),
  },
  responses: { 200: json(bidSchema, "The changed bid", { etag: true }) },
});

const listRevisionsRoute = defineRoute({
  operationId: "listBidRevisions",
  auth: "bearer",
  errors: [403, 404],
  method: "get",
  path: "/bids/{id}/revisions",
  tags,
  summary: "The terms of a submitted bid at each revision, oldest first — its provider",
  request: { params, query: pageQuery },
  responses: { 200: json(pageSchema(bidRevisionSchema), "A page of revisions") },
});

/** The provider's transitions share one shape: optional If-Match, no body, the bid back. */
function providerTransition(operationId: string, verb: string, summary: string, description: string) {
  return defineRoute({
    operationId,
    auth: "bearer",
    ifMatch: "optional",
    errors: [403, 404, 409],
    method: "post",
    path: `/bids/{id}/${verb}`,
    tags,
    summary,
    description,
    request: { params },
    responses: { 200: json(bidSchema, "The bid", { etag: true }) },
  });
}

const submitBidRoute = providerTransition(
  "submitBid",
  "submit",
  "Submit a draft bid before the deadline — its provider",
  "`draft → submitted`. The whole bid is checked again (400 naming the field, 403 without accreditation); its terms become revision 1.",
);
const withdrawBidRoute = providerTransition(
  "withdrawBid",
  "withdraw",
  "Withdraw a bid before the deadline — its provider",
  "`draft | submitted → withdrawn`; the provider may then place a new bid.",
);
const reconfirmBidRoute = providerTransition(
  "reconfirmBid",
  "reconfirm",
  "Reconfirm a submitted bid after an order amendment — its provider",
  "Clears `needsReconfirmation` before the deadline; the bid must fit the amended order (400 naming the field). A bid still needing reconfirmation at the deadline is not evaluated.",
);

const disqualifyBidRoute = defineRoute({
  operationId: "disqualifyBid",
  auth: "bearer",
  ifMatch: "optional",
  errors: [403, 404, 409],
  method: "post",
  path: "/bids/{id}/disqualify",
  tags,
  summary: "Disqualify a bid during evaluation — the ordering company",
  description: "`submitted → disqualified`; its provider sees the reason.",
  request: {
    params,
    body: jsonBody(disqualifySchema, { reason: "The proposal names no certified instructors." }),
  },
  responses: { 200: json(bidSchema, "The disqualified bid", { etag: true }) },
});

const listOrderBidsRoute = defineRoute({
  operationId: "listOrderBids",
  auth: "bearer",
  errors: [403, 404],
  method: "get",
  path: "/orders/{id}/bids",
  tags,
  summary:
    "An order's bids, ranked and explained after the deadline — the ordering company, bureau; providers: their own",
  description:
    "Before the deadline the company and the bureau get `sealed: true`, `bidCount` and no bids. Afterwards: every submitted bid, each with the matching engine's `score`, `eligible` and per-factor explanation (the bid as the candidate), evaluated bids ranked first (sort `score` or `price`), disqualified and unreconfirmed bids after them with their `exclusion`.",
  request: { params: idParam("ord"), query: orderBidsQuery },
  responses: { 200: json(orderBidsSchema, "The order's bids") },
});

export const bidsRouter = createRouter()
  .openapi(createBidRoute, async (c) => {
    sealReplay(c);
    const input = { orderId: c.req.valid("param").id, ...c.req.valid("json") };
    const bid = await service.createBid(await scopeOf(c), input);
    return c.json(created(c, `/v1/bids/${bid.id}`, bid), 201);
  })
  .openapi(listBidsRoute, async (c) =>
    c.json(await service.listBids(await scopeOf(c), c.req.valid("query")), 200),
  )
  .openapi(getBidRoute, async (c) => {
    const bid = await service.getBid(await scopeOf(c), c.req.valid("param"));
    return c.json(tagged(c, bid), 200);
  })
  .openapi(updateBidRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = {
      id: c.req.valid("param").id,
      expectedVersion: ifMatchVersion(c),
      patch: c.req.valid("json"),
    };
    return c.json(tagged(c, await service.updateBid(scope, input)), 200);
  })
  .openapi(listRevisionsRoute, async (c) => {
    const input = { ...c.req.valid("param"), ...c.req.valid("query") };
    return c.json(await listBidRevisions(await scopeOf(c), input), 200);
  })
  .openapi(submitBidRoute, async (c) => {
    sealReplay(c);
    const scope = await scopeOf(c);
    const input = { id: c.req.valid("param").id, expectedVersion: optionalIfMatch(c) };
    return c.json(tagged(c, await lifecycle.submitBid(scope, input)), 200);
  })
  .openapi(withdrawBidRoute, async (c) => {
    sealReplay(c);
    const scope = await scopeOf(c);
    const input = { id: c.req.valid("param").id, expectedVersion: optionalIfMatch(c) };
    return c.json(tagged(c, await lifecycle.withdrawBid(scope, input)), 200);
  })
  .openapi(reconfirmBidRoute, async (c) => {
    sealReplay(c);
    const scope = await scopeOf(c);
    const input = { id: c.req.valid("param").id, expectedVersion: optionalIfMatch(c) };
    return c.json(tagged(c, await lifecycle.reconfirmBid(scope, input)), 200);
  })
  .openapi(disqualifyBidRoute, async (c) => {
    const scope = await scopeOf(c);
    const input = {
      id: c.req.valid("param").id,
      reason: c.req.valid("json").reason,
      expectedVersion: optionalIfMatch(c),
    };
    return c.json(tagged(c, await lifecycle.disqualifyBid(scope, input)), 200);
  })
  .openapi(listOrderBidsRoute, async (c) => {
    const input = { id: c.req.valid("param").id, sort: c.req.valid("query").sort };
    return c.json(await listOrderBids(await scopeOf(c), input), 200);
  });
