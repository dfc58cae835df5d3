/** A provider's bid pages: the bid form (place or change), one bid with its actions, and its bids. */
import type { Bid } from "../../../modules/bids/schemas";
import type { Order } from "../../../modules/orders/schemas";
import { BidStatusBadge, BidTerms, notEvaluated } from "../../components/bid-bits";
import { ErrorSummary, type FormState, Input, Pager, Select, TextArea } from "../../components/form";
import type { MessageKey } from "../../i18n";
import { formatInstant } from "../../i18n/format";
import { CsrfField, Layout, type PageFrame } from "../../layout";

/** A choice in the form's program or cohort select. */
export interface Choice {
  value: string;
  label: string;
}

/** The bid form: new on an order, or changing a draft or submitted bid. */
export function BidFormPage(props: {
  frame: PageFrame;
  order: Order;
  form: FormState;
  programs: Choice[];
  cohorts: Choice[];
  bid?: Bid;
}) {
  const { t, csrf } = props.frame;
  const { order, form, bid } = props;
  const action = bid ? `/console/bids/${bid.id}/edit` : `/console/orders/${order.id}/bids`;
  const title = t(bid ? "bid.editTitle" : "bid.newTitle", { title: order.title });
  const deadlineDate = order.bidDeadline.slice(0, 10);
  return (
    <Layout frame={props.frame} title={title} current="bids">
      <p>
        <a href={`/console/orders/${order.id}`}>{t("match.backToOrder")}</a>
      </p>
      <p class="muted">{t("bid.hint.sealed")}</p>
      <ErrorSummary form={form} t={t} />
      {form.errors._form && (
        <p class="problem" role="alert">
          {form.errors._form}
        </p>
      )}
      {props.programs.length === 0 ? (
        <p class="card">
          {t("bid.noPrograms")}{" "}
          <a href={`/console/programs/new?occupation=${order.occupationCode}`}>{t("nav.programs")}</a>
        </p>
      ) : (
        <form method="post" action={action} class="card" novalidate>
          <CsrfField token={csrf} />
          {bid && <input type="hidden" name="version" value={String(bid.version)} />}
          {form.values.invitationId && (
            <input type="hidden" name="invitationId" value={form.values.invitationId} />
          )}
          {form.values.invitationId && <p class="muted">{t("bid.invited")}</p>}
          <Select form={form} name="programId" label={t("field.program")} options={props.programs} required />
          <Select
            form={form}
            name="cohortId"
            label={t("bid.field.cohort")}
            options={[{ value: "", label: t("bid.cohortNone") }, ...props.cohorts]}
          />
          <div class="row">
            <Input
              form={form}
              name="cohortSize"
              type="number"
              min={1}
              max={order.headcountMax}
              label={t("bid.field.cohortSize")}
              hint={t("bid.hint.size", { max: order.headcountMax })}
              required
            />
            <Input
              form={form}
              name="priceYuan"
              label={t("bid.field.priceYuan")}
              hint={t("form.yuanHint")}
              required
            />
          </div>
          <div class="row">
            <Input form={form} name="startDate" type="date" label={t("bid.field.startDate")} required />
            <Input
              form={form}
              name="endDate"
              type="date"
              label={t("bid.field.endDate")}
              hint={t("bid.hint.endDate", { date: order.deliverBy })}
              required
            />
            <Input
              form={form}
              name="validUntil"
              type="date"
              label={t("bid.field.validUntil")}
              hint={t("bid.hint.validUntil", { date: deadlineDate })}
              required
            />
          </div>
          <TextArea form={form} name="proposal" label={t("bid.field.proposal")} required />
          <p class="actions">
            <button type="submit">{bid ? t("form.save") : t("bid.saveDraft")}</button>
            <a
              class="button secondary"
              href={bid ? `/console/bids/${bid.id}` : `/console/orders/${order.id}`}
            >
              {t("form.cancel")}
            </a>
          </p>
        </form>
      )}
    </Layout>
  );
}

/** What a provider's bid page shows. */
export interface BidView {
  bid: Bid;
  order: Order;
  programName: string;
  cohortName: string | null;
  /** Bidding is still open (before the deadline). */
  biddingOpen: boolean;
  done?: MessageKey;
  problem?: string;
}

function Transition(props: { frame: PageFrame; bid: Bid; verb: string; label: string; danger?: boolean }) {
  const { csrf } = props.frame;
  return (
    <form method="post" action={`/console/bids/${props.bid.id}/${props.verb}`}>
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={String(props.bid.version)} />
      <button type="submit" class={props.danger ? "danger" : undefined}>
        {props.label}
      </button>
    </form>
  );
}

/** One of the provider's bids: its terms, why it was not evaluated, the award, and what it may still do. */
export function BidPage(props: { frame: PageFrame; view: BidView }) {
  const { t } = props.frame;
  const { bid, order, biddingOpen } = props.view;
  const live = bid.status === "draft" || bid.status === "submitted";
  const excluded = notEvaluated(t, bid);
  return (
    <Layout frame={props.frame} title={t("bid.title", { title: order.title })} current="bids">
      <p>
        <a href={`/console/orders/${order.id}`}>{t("match.backToOrder")}</a>
      </p>
      {props.view.done && (
        <p class="notice" role="status">
          {t(props.view.done)}
        </p>
      )}
      {props.view.problem && (
        <p class="problem" role="alert">
          {props.view.problem}
        </p>
      )}
      {bid.needsReconfirmation && bid.status === "submitted" && (
        <p class="problem">{t("bid.needsReconfirmation")}</p>
      )}
      {excluded && <p class="problem">{excluded}</p>}
      {bid.award && (
        <p class="notice">
          {t("bid.awardNotice", { at: formatInstant(bid.award.awardedAt), reason: bid.award.reason })}{" "}
          <a href={`/console/orders/${order.id}/objections`}>{t("objections.link")}</a>
        </p>
      )}
      {live && biddingOpen && (
        <div class="card">
          <h2>{t("order.actions")}</h2>
          <div class="actions">
            <a class="button secondary" href={`/console/bids/${bid.id}/edit`}>
              {t("bid.edit")}
            </a>
            {bid.status === "draft" && (
              <Transition frame={props.frame} bid={bid} verb="submit" label={t("bid.submit")} />
            )}
            {bid.status === "submitted" && bid.needsReconfirmation && (
              <Transition frame={props.frame} bid={bid} verb="reconfirm" label={t("bid.reconfirm")} />
            )}
            <Transition frame={props.frame} bid={bid} verb="withdraw" label={t("bid.withdraw")} danger />
          </div>
        </div>
      )}
      <div class="card">
        <BidTerms t={t} bid={bid} programName={props.view.programName} cohortName={props.view.cohortName} />
      </div>
    </Layout>
  );
}

/** A provider's bid in its list, with its order's title. */
export interface MyBidRow {
  bid: Bid;
  orderTitle: string;
}

/** The provider's bids, newest first, each with its state and why it was not evaluated. */
export function MyBidsPage(props: { frame: PageFrame; rows: MyBidRow[]; nextHref: string | null }) {
  const { t } = props.frame;
  return (
    <Layout frame={props.frame} title={t("bids.mine")} current="bids">
      {props.rows.length === 0 ? (
        <p class="card">{t("bids.none")}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("bid.order")}</th>
                <th scope="col">{t("bids.col.status")}</th>
                <th scope="col">{t("bids.col.size")}</th>
                <th scope="col">{t("bids.col.schedule")}</th>
                <th scope="col">{t("bids.col.valid")}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map(({ bid, orderTitle }) => {
                const why = notEvaluated(t, bid);
                return (
                  <tr>
                    <td>
                      <a href={`/console/bids/${bid.id}`}>{orderTitle}</a>
                    </td>
                    <td>
                      <BidStatusBadge t={t} status={bid.status} />
                      {bid.needsReconfirmation && bid.status === "submitted" && (
                        <p class="error">{t("bid.needsReconfirmation")}</p>
                      )}
                      {why && <p class="muted">{why}</p>}
                    </td>
                    <td>{bid.cohortSize}</td>
                    <td>{t("bids.schedule", { start: bid.startDate, end: bid.endDate })}</td>
                    <td>{bid.validUntil}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager t={t} nextHref={props.nextHref} />
    </Layout>
  );
}
