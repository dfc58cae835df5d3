/**
 * Objections to an award: an order's objections with the form each viewer may use (a losing provider files during
 * the publicity period, the company answers, the bureau decides), and the queue of undecided ones.
 */
import type { Award } from "../../../modules/awards/schemas";
import type { Objection } from "../../../modules/objections/schemas";
import type { Order } from "../../../modules/orders/schemas";
import type { MessageKey, Translate } from "../../i18n";
import { formatInstant } from "../../i18n/format";
import { CsrfField, Layout, type PageFrame } from "../../layout";

/** What an order's objections page shows. */
export interface OrderObjectionsView {
  order: Order;
  award: Award | null;
  objections: Objection[];
  side: "company" | "provider" | "bureau";
  /** The provider may file (publicity running, a lost bid, none filed yet). */
  canFile: boolean;
  done?: MessageKey;
  problem?: string;
}

const StatusBadge = (props: { t: Translate; status: Objection["status"] }) => (
  <span class={`badge ${props.status}`}>{props.t(`objection.status.${props.status}`)}</span>
);

function AnswerForm(props: { frame: PageFrame; objection: Objection }) {
  const { t, csrf } = props.frame;
  const { objection } = props;
  return (
    <form method="post" action={`/console/objections/${objection.id}/answer`} class="stack">
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={String(objection.version)} />
      <label for={`f-answer-${objection.id}`}>{t("objection.answerField")}</label>
      <textarea id={`f-answer-${objection.id}`} name="answer" required />
      <p>
        <button type="submit">{t("objection.answerSubmit")}</button>
      </p>
    </form>
  );
}

function DecideForm(props: { frame: PageFrame; objection: Objection }) {
  const { t, csrf } = props.frame;
  const { objection } = props;
  return (
    <form method="post" action={`/console/objections/${objection.id}/decide`} class="stack">
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={String(objection.version)} />
      <fieldset>
        <legend>{t("objection.decideChoice")}</legend>
        {(["dismissed", "upheld"] as const).map((d) => (
          <label class="choice">
            <input type="radio" name="decision" value={d} required checked={d === "dismissed"} />{" "}
            {t(`objection.decide.${d}`)}
          </label>
        ))}
      </fieldset>
      <label for={`f-decide-${objection.id}`}>{t("objection.decideReason")}</label>
      <textarea id={`f-decide-${objection.id}`} name="reason" required />
      <p>
        <button type="submit">{t("objection.decideSubmit")}</button>
      </p>
    </form>
  );
}

function ObjectionCard(props: { frame: PageFrame; view: OrderObjectionsView; objection: Objection }) {
  const { t } = props.frame;
  const { objection: o, view } = props;
  return (
    <li class="card" id={`objection-${o.id}`}>
      <h3>
        {t("objection.by", { name: o.objector?.name ?? t("objection.anonymous") })}{" "}
        <StatusBadge t={t} status={o.status} />
      </h3>
      <p class="muted">{t("objection.filedAt", { at: formatInstant(o.createdAt) })}</p>
      <h4>{t("objection.reason")}</h4>
      <p>{o.reason}</p>
      {o.answer && (
        <>
          <h4>{t("objection.answerAt", { at: o.answeredAt ? formatInstant(o.answeredAt) : "—" })}</h4>
          <p>{o.answer}</p>
        </>
      )}
      {o.decision && (
        <p class={o.decision === "upheld" ? "problem" : "notice"}>
          {t("objection.decision", {
            at: o.decidedAt ? formatInstant(o.decidedAt) : "—",
            reason: o.decisionReason ?? "",
          })}
        </p>
      )}
      {view.side === "company" && o.status === "open" && <AnswerForm frame={props.frame} objection={o} />}
      {view.side === "bureau" && (o.status === "open" || o.status === "answered") && (
        <DecideForm frame={props.frame} objection={o} />
      )}
    </li>
  );
}

function FileForm(props: { frame: PageFrame; view: OrderObjectionsView }) {
  const { t, csrf } = props.frame;
  const { view } = props;
  return (
    <section class="card" aria-labelledby="file-title">
      <h2 id="file-title">{t("objection.file")}</h2>
      <p>{t("objection.fileIntro", { until: formatInstant(view.award?.publicityEndsAt ?? "") })}</p>
      <form method="post" action={`/console/orders/${view.order.id}/objections`} class="stack">
        <CsrfField token={csrf} />
        <label for="f-objection-reason">{t("objection.fileReason")}</label>
        <textarea id="f-objection-reason" name="reason" required />
        <p>
          <button type="submit">{t("objection.fileSubmit")}</button>
        </p>
      </form>
    </section>
  );
}

/** `/console/orders/:id/objections`. */
export function OrderObjectionsPage(props: { frame: PageFrame; view: OrderObjectionsView }) {
  const { t } = props.frame;
  const { view } = props;
  return (
    <Layout
      frame={props.frame}
      title={t("objections.orderTitle", { title: view.order.title })}
      current={view.side === "provider" ? "bids" : "objections"}
    >
      <p>
        <a href={`/console/orders/${view.order.id}`}>{t("match.backToOrder")}</a>
      </p>
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
      {view.award && <p>{t("award.done", { reason: view.award.reason })}</p>}
      {view.canFile && <FileForm frame={props.frame} view={view} />}
      {view.objections.length === 0 ? (
        <p class="card">{t("objections.none")}</p>
      ) : (
        <ol class="plain">
          {view.objections.map((o) => (
            <ObjectionCard frame={props.frame} view={view} objection={o} />
          ))}
        </ol>
      )}
    </Layout>
  );
}

/** One undecided objection in the queue, with its order's title. */
export interface QueuedObjection {
  objection: Objection;
  orderTitle: string;
}

/** The undecided objections of a company's orders, or (for the bureau) of every order. */
export function ObjectionTable(props: { t: Translate; rows: QueuedObjection[] }) {
  const { t } = props;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("objection.col.order")}</th>
            <th scope="col">{t("objection.col.filed")}</th>
            <th scope="col">{t("objection.col.status")}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>
                <a href={`/console/orders/${r.objection.orderId}/objections#objection-${r.objection.id}`}>
                  {r.orderTitle}
                </a>
              </td>
              <td>{formatInstant(r.objection.createdAt)}</td>
              <td>
                <StatusBadge t={t} status={r.objection.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `/console/objections`: the queue. */
export function ObjectionQueuePage(props: { frame: PageFrame; rows: QueuedObjection[] }) {
  const { t } = props.frame;
  return (
    <Layout frame={props.frame} title={t("objections.title")} current="objections">
      <p>{t("objections.queueIntro")}</p>
      {props.rows.length === 0 ? (
        <p class="card">{t("objections.queueNone")}</p>
      ) : (
        <ObjectionTable t={t} rows={props.rows} />
      )}
    </Layout>
  );
}
