/** Lists of orders: the company's by state with the next action, and a filtered list for the bureau. */
import type { Order } from "../../../modules/orders/schemas";
import { ORDER_STATUSES } from "../../../db/schema";
import { nextAction, StatusBadge } from "../../components/order-bits";
import { formatFen, formatInstant } from "../../i18n/format";
import type { Translate } from "../../i18n";
import { Layout, type PageFrame } from "../../layout";
import type { ConsoleTaxonomy } from "../../taxonomy";

/** An order in a list, with its count of unanswered questions. */
export interface OrderRowView {
  order: Order;
  unanswered: number;
}

function OrderTable(props: { t: Translate; tax: ConsoleTaxonomy; rows: OrderRowView[]; withNext: boolean }) {
  const { t, tax } = props;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("field.title")}</th>
            <th scope="col">{t("field.occupation")}</th>
            <th scope="col">{t("field.headcount")}</th>
            <th scope="col">{t("field.bidDeadline")}</th>
            <th scope="col">{t("field.budget")}</th>
            <th scope="col">{props.withNext ? t("next.title") : t("field.status")}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(({ order, unanswered }) => {
            const next = nextAction(order, unanswered);
            return (
              <tr>
                <td>
                  <a href={`/console/orders/${order.id}`}>{order.title}</a>
                </td>
                <td>{tax.occupationName(order.occupationCode)}</td>
                <td>{t("order.headcountRange", { min: order.headcountMin, max: order.headcountMax })}</td>
                <td>{formatInstant(order.bidDeadline)}</td>
                <td>{formatFen(order.budgetPerTraineeFen)}</td>
                <td>
                  {props.withNext ? (
                    next ? (
                      <a href={next.href}>{t(next.label, { n: unanswered })}</a>
                    ) : (
                      <span class="muted">{t("next.none")}</span>
                    )
                  ) : (
                    <StatusBadge t={t} status={order.status} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The company's orders grouped by state, each with what to do next. */
export function CompanyOrdersPage(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  rows: OrderRowView[];
  title: string;
  current: string;
}) {
  const { t } = props.frame;
  const groups = ORDER_STATUSES.map((status) => ({
    status,
    rows: props.rows.filter((r) => r.order.status === status),
  })).filter((g) => g.rows.length > 0);
  return (
    <Layout frame={props.frame} title={props.title} current={props.current}>
      <p class="actions">
        <a class="button" href="/console/orders/new">
          {t("nav.newOrder")}
        </a>
      </p>
      {groups.length === 0 && <p class="card">{t("orders.none")}</p>}
      {groups.map((g) => (
        <section aria-labelledby={`state-${g.status}`}>
          <h2 id={`state-${g.status}`}>
            <StatusBadge t={t} status={g.status} /> {t("orders.count", { n: g.rows.length })}
          </h2>
          <OrderTable t={t} tax={props.tax} rows={g.rows} withNext />
        </section>
      ))}
    </Layout>
  );
}

/** Published orders for the bureau (or any other viewer), filtered by state, a page at a time. */
export function OrderListPage(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  rows: OrderRowView[];
  status: string;
  nextHref: string | null;
}) {
  const { t } = props.frame;
  return (
    <Layout frame={props.frame} title={t("orders.title")} current="orders">
      <form method="get" action="/console/orders" class="actions">
        <label for="f-status">{t("field.status")}</label>
        <select id="f-status" name="status">
          <option value="">{t("orders.anyStatus")}</option>
          {ORDER_STATUSES.filter((s) => s !== "draft").map((s) => (
            <option value={s} selected={s === props.status}>
              {t(`order.status.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          {t("form.filter")}
        </button>
      </form>
      {props.rows.length === 0 ? (
        <p class="card">{t("orders.none")}</p>
      ) : (
        <OrderTable t={t} tax={props.tax} rows={props.rows} withNext={false} />
      )}
      {props.nextHref && (
        <p class="pager">
          <a href={props.nextHref}>{t("form.nextPage")}</a>
        </p>
      )}
    </Layout>
  );
}
