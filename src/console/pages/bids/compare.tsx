/**
 * An order's bid comparison for its company and the bureau: sealed until the deadline, then a table sortable by
 * links (no script needed), each bid's factor bars and evidence, disqualifying with a reason, and the award form,
 * whose headcount total a small local script keeps up to date as bids are ticked (the service checks it always).
 */
import type { FactorResult, IneligibilityEvidence } from "../../../matching";
import type { Award } from "../../../modules/awards/schemas";
import type { Bid } from "../../../modules/bids/schemas";
import type { Order } from "../../../modules/orders/schemas";
import { AWARD_SCRIPT_URL } from "../../assets";
import { BidStatusBadge, notEvaluated } from "../../components/bid-bits";
import { Bar, FactorList, ineligibility } from "../../components/factors";
import type { MessageKey, Translate } from "../../i18n";
import { formatFen, formatInstant, formatScore } from "../../i18n/format";
import { CsrfField, Layout, type PageFrame } from "../../layout";
import type { ConsoleTaxonomy } from "../../taxonomy";

/** The ways the table sorts, by their query value. */
export const BID_SORTS = ["score", "price", "size", "start", "valid"] as const;
export type BidSortKey = (typeof BID_SORTS)[number];

/** One bid as the comparison shows it. */
export interface ComparedBid {
  rank: number | null;
  score: number | null;
  eligible: boolean | null;
  reasonEvidence?: IneligibilityEvidence;
  factors: FactorResult[];
  bid: Bid;
  providerName: string;
}

/** What the comparison page shows, loaded through the services. */
export interface CompareView {
  order: Order;
  sealed: boolean;
  openedAt: string | null;
  bidCount: number;
  sort: BidSortKey;
  bids: ComparedBid[];
  award: Award | null;
  /** The company may disqualify and award (its own order, in evaluation). */
  canDecide: boolean;
  /** A refused award, worded, and the bids that were ticked. */
  awardError?: string;
  selected: string[];
  reason?: string;
  done?: MessageKey;
  problem?: string;
}

const COLUMN: Record<BidSortKey, MessageKey> = {
  score: "bids.col.score",
  price: "bids.col.price",
  size: "bids.col.size",
  start: "bids.col.schedule",
  valid: "bids.col.valid",
};

function SortableHeader(props: { t: Translate; view: CompareView; sort: BidSortKey }) {
  const { t, view, sort } = props;
  const label = t(COLUMN[sort]);
  const current = view.sort === sort;
  return (
    <th
      scope="col"
      aria-sort={current ? (sort === "price" || sort === "start" ? "ascending" : "descending") : undefined}
    >
      {current ? (
        <span>
          {label} <span class="sr-only">{t("bids.sortedBy", { column: t(`bids.sort.${sort}`) })}</span>
        </span>
      ) : (
        <a
          href={`/console/orders/${view.order.id}/bids?sort=${sort}`}
          title={t("bids.sortLink", { column: t(`bids.sort.${sort}`) })}
        >
          {label}
        </a>
      )}
    </th>
  );
}

function BidTable(props: { t: Translate; view: CompareView }) {
  const { t, view } = props;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {view.canDecide && <th scope="col">{t("bids.col.select")}</th>}
            <th scope="col">{t("bids.col.rank")}</th>
            <th scope="col">{t("bids.col.provider")}</th>
            <SortableHeader t={t} view={view} sort="score" />
            <SortableHeader t={t} view={view} sort="price" />
            <SortableHeader t={t} view={view} sort="size" />
            <SortableHeader t={t} view={view} sort="start" />
            <SortableHeader t={t} view={view} sort="valid" />
            <th scope="col">{t("bids.col.status")}</th>
          </tr>
        </thead>
        <tbody>
          {view.bids.map((b) => (
            <tr>
              {view.canDecide && (
                <td>
                  {b.bid.status === "submitted" && (
                    <input
                      type="checkbox"
                      form="award-form"
                      name="bidIds"
                      value={b.bid.id}
                      data-size={String(b.bid.cohortSize)}
                      checked={view.selected.includes(b.bid.id)}
                      aria-label={t("bids.selectBid", { provider: b.providerName, n: b.bid.cohortSize })}
                    />
                  )}
                </td>
              )}
              <td>{b.rank ?? "—"}</td>
              <td>
                <a href={`#bid-${b.bid.id}`}>{b.providerName}</a>
              </td>
              <td>
                {b.score === null ? (
                  "—"
                ) : (
                  <span class="score-cell">
                    <Bar value={b.score} label={t("match.score", { score: formatScore(b.score) })} />
                    <span aria-hidden="true">{formatScore(b.score)}</span>
                  </span>
                )}
              </td>
              <td>{formatFen(b.bid.pricePerTraineeFen)}</td>
              <td>{b.bid.cohortSize}</td>
              <td>{t("bids.schedule", { start: b.bid.startDate, end: b.bid.endDate })}</td>
              <td>{b.bid.validUntil}</td>
              <td>
                <BidStatusBadge t={t} status={b.bid.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AwardForm(props: { frame: PageFrame; view: CompareView }) {
  const { t, csrf } = props.frame;
  const { view } = props;
  const { headcountMin: min, headcountMax: max } = view.order;
  const picked = view.bids.filter((b) => view.selected.includes(b.bid.id));
  const total = picked.reduce((n, b) => n + b.bid.cohortSize, 0);
  return (
    <section class="card" aria-labelledby="award-title">
      <h2 id="award-title">{t("award.title")}</h2>
      <p>{t("award.intro", { min, max })}</p>
      {view.awardError && (
        <p class="problem" role="alert">
          {view.awardError}
        </p>
      )}
      <form id="award-form" method="post" action={`/console/orders/${view.order.id}/award`} class="stack">
        <CsrfField token={csrf} />
        <input type="hidden" name="version" value={String(view.order.version)} />
        <p
          id="award-sum"
          aria-live="polite"
          data-min={String(min)}
          data-max={String(max)}
          data-template={t("award.sum", { n: "{n}", min, max })}
          data-ok={t("award.sumOk")}
          data-outside={t("award.sumOutside")}
        >
          {t("award.sum", { n: total, min, max })}
        </p>
        <label for="f-award-reason">{t("award.reason")}</label>
        <textarea id="f-award-reason" name="reason" required>
          {view.reason ?? ""}
        </textarea>
        <p>
          <button type="submit">{t("award.submit")}</button>
        </p>
      </form>
      <script src={AWARD_SCRIPT_URL} defer />
    </section>
  );
}

function BidCard(props: { frame: PageFrame; tax: ConsoleTaxonomy; view: CompareView; entry: ComparedBid }) {
  const { t, csrf } = props.frame;
  const { entry, view, tax } = props;
  const { bid } = entry;
  const excluded = notEvaluated(t, bid);
  return (
    <li class="card" id={`bid-${bid.id}`}>
      <h3>
        {entry.rank !== null && `${t("match.rank", { n: entry.rank })} `}
        {entry.providerName} <BidStatusBadge t={t} status={bid.status} />
      </h3>
      <p>
        {entry.score !== null && (
          <span class="score">{t("match.score", { score: formatScore(entry.score) })}</span>
        )}{" "}
        <span class="muted">
          {formatFen(bid.pricePerTraineeFen)} ·{" "}
          {t("order.headcountRange", { min: bid.cohortSize, max: bid.cohortSize })} ·{" "}
          {t("bids.schedule", { start: bid.startDate, end: bid.endDate })}
        </span>
      </p>
      {excluded && <p class="problem">{excluded}</p>}
      {entry.eligible === false && entry.reasonEvidence && (
        <p class="problem">{ineligibility(t, tax, entry.reasonEvidence)}</p>
      )}
      <p>{bid.proposal}</p>
      {entry.factors.length > 0 && (
        <details>
          <summary>{t("bids.why")}</summary>
          <FactorList t={t} tax={tax} factors={entry.factors} />
        </details>
      )}
      {view.canDecide && bid.status === "submitted" && (
        <form method="post" action={`/console/bids/${bid.id}/disqualify`} class="stack">
          <CsrfField token={csrf} />
          <input type="hidden" name="version" value={String(bid.version)} />
          <input type="hidden" name="sort" value={view.sort} />
          <label for={`f-dq-${bid.id}`}>{t("bids.disqualifyReason")}</label>
          <input type="text" id={`f-dq-${bid.id}`} name="reason" required />
          <p>
            <button type="submit" class="danger">
              {t("bids.disqualify")}
            </button>
          </p>
        </form>
      )}
    </li>
  );
}

/** The comparison page. */
export function ComparePage(props: { frame: PageFrame; tax: ConsoleTaxonomy; view: CompareView }) {
  const { t } = props.frame;
  const { view } = props;
  return (
    <Layout frame={props.frame} title={t("bids.title", { title: view.order.title })} current="orders">
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
      {view.award && <p class="notice">{t("award.done", { reason: view.award.reason })}</p>}
      {view.sealed ? (
        <p class="card">
          {t("bids.sealed", { deadline: formatInstant(view.order.bidDeadline), n: view.bidCount })}
        </p>
      ) : (
        <>
          <p class="muted">
            {t("bids.opened", {
              at: formatInstant(view.openedAt ?? view.order.bidDeadline),
              n: view.bidCount,
            })}{" "}
            {t("bids.sortedBy", { column: t(`bids.sort.${view.sort}`) })}
          </p>
          {view.bids.length === 0 ? <p class="card">{t("bids.none")}</p> : <BidTable t={t} view={view} />}
          {view.canDecide && view.bids.some((b) => b.bid.status === "submitted") && (
            <AwardForm frame={props.frame} view={view} />
          )}
          <ol class="plain">
            {view.bids.map((entry) => (
              <BidCard frame={props.frame} tax={props.tax} view={view} entry={entry} />
            ))}
          </ol>
        </>
      )}
    </Layout>
  );
}
