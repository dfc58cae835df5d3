/** One order: its terms, what its viewer may do with it, and its questions and answers. */
import type { Bid } from "../../../modules/bids/schemas";
import type { Enquiry } from "../../../modules/enquiries/schemas";
import { BidStatusBadge, notEvaluated } from "../../components/bid-bits";
import type { Order } from "../../../modules/orders/schemas";
import { OrderFacts } from "../../components/order-bits";
import { formatInstant } from "../../i18n/format";
import type { MessageKey } from "../../i18n";
import { CsrfField, Layout, type PageFrame } from "../../layout";
import { FEATURES } from "../../nav";
import type { ConsoleTaxonomy } from "../../taxonomy";

/** What the order page shows, already loaded through the services. */
export interface OrderView {
  order: Order;
  companyName: string;
  enquiries: Enquiry[];
  /** The viewer placed the order. */
  own: boolean;
  /** A provider may still ask (open, before the enquiry deadline). */
  canAsk: boolean;
  /** A provider's bid on the order, and whether it may place one now. */
  bidding: { bid: Bid | null; canBid: boolean; open: boolean } | null;
  done?: MessageKey;
  problem?: string;
}

function OwnerActions(props: { frame: PageFrame; order: Order }) {
  const { t, csrf } = props.frame;
  const { order } = props;
  const base = `/console/orders/${order.id}`;
  const version = <input type="hidden" name="version" value={String(order.version)} />;
  return (
    <div class="card">
      <h2>{t("order.actions")}</h2>
      <div class="actions">
        {(order.status === "draft" || order.status === "open") && (
          <a class="button secondary" href={`${base}/edit`}>
            {t(order.status === "draft" ? "order.edit" : "order.amend")}
          </a>
        )}
        {order.status === "draft" && (
          <form method="post" action={`${base}/publish`}>
            <CsrfField token={csrf} />
            {version}
            <button type="submit">{t("order.publish")}</button>
          </form>
        )}
        {order.status === "open" && (
          <a class="button secondary" href={`${base}/matches`}>
            {t("order.viewMatches")}
          </a>
        )}
        {order.status !== "draft" && order.status !== "cancelled" && (
          <a class={order.status === "evaluation" ? "button" : "button secondary"} href={`${base}/bids`}>
            {t(order.status === "evaluation" ? "next.compareBids" : "nav.bids")}
          </a>
        )}
        {["awarded", "contracted", "fulfilled"].includes(order.status) && (
          <a class="button secondary" href={`${base}/objections`}>
            {t("objections.link")}
          </a>
        )}
      </div>
      {["draft", "open", "evaluation"].includes(order.status) && (
        <form method="post" action={`${base}/cancel`} class="stack">
          <CsrfField token={csrf} />
          {version}
          <label for="f-cancel-reason">{t("order.cancelReason")}</label>
          <input type="text" id="f-cancel-reason" name="reason" required />
          <p>
            <button type="submit" class="danger">
              {t("order.cancel")}
            </button>
          </p>
        </form>
      )}
    </div>
  );
}

function YourBid(props: { frame: PageFrame; order: Order; bidding: NonNullable<OrderView["bidding"]> }) {
  const { t } = props.frame;
  const { bid, canBid, open } = props.bidding;
  const live = bid && (bid.status === "draft" || bid.status === "submitted");
  const why = bid ? notEvaluated(t, bid) : null;
  return (
    <section class="card" aria-labelledby="your-bid">
      <h2 id="your-bid">{t("bid.yours")}</h2>
      {bid ? (
        <p>
          <BidStatusBadge t={t} status={bid.status} /> <a href={`/console/bids/${bid.id}`}>{t("bid.view")}</a>
        </p>
      ) : (
        <p>{t(open ? "bid.noneYet" : "bid.closed")}</p>
      )}
      {why && <p class="muted">{why}</p>}
      {bid && (bid.status === "not_awarded" || bid.status === "awarded") && (
        <p>
          <a href={`/console/orders/${props.order.id}/objections`}>{t("objections.link")}</a>
        </p>
      )}
      {canBid && !live && (
        <p>
          <a class="button" href={`/console/orders/${props.order.id}/bids/new`}>
            {t("bid.place")}
          </a>
        </p>
      )}
    </section>
  );
}

function Enquiries(props: { frame: PageFrame; view: OrderView }) {
  const { t, csrf } = props.frame;
  const { view } = props;
  return (
    <section class="card" id="enquiries" aria-labelledby="enquiries-title">
      <h2 id="enquiries-title">{t("enquiry.title")}</h2>
      <p class="muted">{t("enquiry.anonymous")}</p>
      {view.enquiries.length === 0 && <p>{t("enquiry.none")}</p>}
      {view.enquiries.map((e, i) => (
        <div class="card">
          <p>
            <strong>{t("enquiry.question")}</strong> {e.question}{" "}
            <span class="muted">
              ({formatInstant(e.createdAt)}
              {e.mine ? ` · ${t("enquiry.mine")}` : ""})
            </span>
          </p>
          {e.answer !== null ? (
            <p>
              <strong>{t("enquiry.answer")}</strong> {e.answer}
            </p>
          ) : view.own && view.order.status !== "cancelled" ? (
            <form method="post" action={`/console/enquiries/${e.id}/answer`} class="stack">
              <CsrfField token={csrf} />
              <input type="hidden" name="orderId" value={view.order.id} />
              <label for={`f-answer-${i}`}>{t("enquiry.yourAnswer")}</label>
              <textarea id={`f-answer-${i}`} name="answer" required />
              <p>
                <button type="submit">{t("enquiry.sendAnswer")}</button>
              </p>
            </form>
          ) : (
            <p class="muted">{t("enquiry.unanswered")}</p>
          )}
        </div>
      ))}
      {view.canAsk && (
        <form method="post" action={`/console/orders/${view.order.id}/enquiries`} class="stack">
          <CsrfField token={csrf} />
          <label for="f-question">{t("enquiry.ask")}</label>
          <p class="hint muted" id="question-hint">
            {t("enquiry.askHint", { deadline: formatInstant(view.order.enquiryDeadline) })}
          </p>
          <textarea id="f-question" name="question" required aria-describedby="question-hint" />
          <p>
            <button type="submit">{t("enquiry.send")}</button>
          </p>
        </form>
      )}
    </section>
  );
}

/** The order page: the owner's actions, the terms, the questions and answers. */
export function OrderDetailPage(props: { frame: PageFrame; tax: ConsoleTaxonomy; view: OrderView }) {
  const { t } = props.frame;
  const { view } = props;
  return (
    <Layout frame={props.frame} title={view.order.title} current={view.own ? "orders" : "market"}>
      {view.done && (
        <p class="notice" role="status">
          {t(view.done)}
        </p>
      )}
      {view.problem && (
        <p class="problem" role="alert">
          {view.problem}
        </p>
      )}
      {view.own && <OwnerActions frame={props.frame} order={view.order} />}
      {view.bidding && <YourBid frame={props.frame} order={view.order} bidding={view.bidding} />}
      {props.frame.viewer?.orgKind === "bureau" &&
        !["draft", "open", "cancelled"].includes(view.order.status) && (
          <p>
            <a class="button secondary" href={`/console/orders/${view.order.id}/bids`}>
              {t("nav.bids")}
            </a>{" "}
            <a class="button secondary" href={`/console/orders/${view.order.id}/objections`}>
              {t("objections.link")}
            </a>
          </p>
        )}
      <div class="card">
        <p>{view.order.description}</p>
        <OrderFacts t={t} tax={props.tax} order={view.order} companyName={view.companyName} />
        {FEATURES.ocds && view.order.publishedAt && (
          <p>
            <a href={`/console/orders/${view.order.id}/ocds`}>{t("ocds.link")}</a>
          </p>
        )}
      </div>
      <Enquiries frame={props.frame} view={view} />
    </Layout>
  );
}
