/** Lists of orders: the company's by state with the next action, and a filtered list for the bureau. */
import { Pager } from "../../components/form";
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

/** One state's orders on the company's pages: how many there are, and the newest of them. */
export interface OrderGroup {
  status: Order["status"];
  total: number;
  rows: OrderRowView[];
}

/** The company's orders grouped by state, each with what to do next; a long group links to all of its orders. */
export function CompanyOrdersPage(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  groups: OrderGroup[];
  title: string;
  current: string;
}) {
  const { t } = props.frame;
  return (
    <Layout frame={props.frame} title={props.title} current={props.current}>
      <p class="actions">
        <a class="button" href="/console/orders/new">
          {t("nav.newOrder")}
        </a>
      </p>
      {props.groups.length === 0 && <p class="card">{t("orders.none")}</p>}
      {props.groups.map((g) => (
        <section aria-labelledby={`state-${g.status}`}>
          <h2 id={`state-${g.status}`}>
            <StatusBadge t={t} status={g.status} /> {t("orders.count", { n: g.total })}
          </h2>
          <OrderTable t={t} tax={props.tax} rows={g.rows} withNext />
          {g.total > g.rows.length && (
            <p class="pager">
              <a href={`/console/orders?status=${g.status}`}>{t("orders.seeAll", { n: g.total })}</a>
            </p>
          )}
        </section>
      ))}
    </Layout>
  );
}

/**
 * Orders filtered by state, a page at a time: the published orders the bureau (or any other viewer) may see, or
 * with `mine` the company's own, each with what to do next.
 */
export function OrderListPage(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  rows: OrderRowView[];
  status: string;
  mine: boolean;
  nextHref: string | null;
}) {
  const { t } = props.frame;
  return (
    <Layout frame={props.frame} title={t(props.mine ? "orders.mine" : "orders.title")} current="orders">
      <form method="get" action="/console/orders" class="actions">
        <label for="f-status">{t("field.status")}</label>
        <select id="f-status" name="status">
          <option value="">{t("orders.anyStatus")}</option>
          {ORDER_STATUSES.filter((s) => props.mine || s !== "draft").map((s) => (
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
        <OrderTable t={t} tax={props.tax} rows={props.rows} withNext={props.mine} />
      )}
      <Pager t={t} nextHref={props.nextHref} />
    </Layout>
  );
}
