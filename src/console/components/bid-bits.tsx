/** Small pieces of bid pages: the state badge, why a bid takes no part in the evaluation, the terms as facts. */
import type { Bid } from "../../modules/bids/schemas";
import type { Translate } from "../i18n";
import { formatFen, formatInstant } from "../i18n/format";

/** A bid's state as a badge. */
export function BidStatusBadge(props: { t: Translate; status: Bid["status"] }) {
  return <span class={`badge ${props.status}`}>{props.t(`bid.status.${props.status}`)}</span>;
}

/** Why a bid is not evaluated, worded (its exclusion, or its withdrawal), or null when it is evaluated. */
export function notEvaluated(t: Translate, bid: Bid): string | null {
  if (bid.exclusion?.kind === "unreconfirmed") return t("bids.notEvaluated.unreconfirmed");
  if (bid.exclusion) return t("bids.notEvaluated.disqualified", { reason: bid.exclusion.reason });
  if (bid.status === "withdrawn") return t("bids.notEvaluated.withdrawn");
  return null;
}

/** The terms of a bid as a definition list. */
export function BidTerms(props: { t: Translate; bid: Bid; programName: string; cohortName: string | null }) {
  const { t, bid } = props;
  return (
    <dl class="facts">
      <dt>{t("field.status")}</dt>
      <dd>
        <BidStatusBadge t={t} status={bid.status} />
      </dd>
      <dt>{t("field.program")}</dt>
      <dd>{props.programName}</dd>
      <dt>{t("bid.field.cohort")}</dt>
      <dd>{props.cohortName ?? t("bid.cohortNone")}</dd>
      <dt>{t("bid.field.cohortSize")}</dt>
      <dd>{bid.cohortSize}</dd>
      <dt>{t("field.price")}</dt>
      <dd>{formatFen(bid.pricePerTraineeFen)}</dd>
      <dt>{t("bids.col.schedule")}</dt>
      <dd>{t("bids.schedule", { start: bid.startDate, end: bid.endDate })}</dd>
      <dt>{t("bid.field.validUntil")}</dt>
      <dd>{bid.validUntil}</dd>
      <dt>{t("bid.submittedAt")}</dt>
      <dd>{bid.submittedAt ? formatInstant(bid.submittedAt) : "—"}</dd>
      <dt>{t("bid.field.proposal")}</dt>
      <dd>{bid.proposal}</dd>
    </dl>
  );
}
