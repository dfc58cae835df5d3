/** Small pieces of order pages: the state badge, the next action for the ordering company, a facts list. */
import type { Order } from "../../modules/orders/schemas";
import type { MessageKey, Translate } from "../i18n";
import { formatFen, formatInstant } from "../i18n/format";
import type { ConsoleTaxonomy } from "../taxonomy";

/** An order's state as a badge. */
export function StatusBadge(props: { t: Translate; status: Order["status"] }) {
  return <span class={`badge ${props.status}`}>{props.t(`order.status.${props.status}`)}</span>;
}

/** What the ordering company should do next with an order, and where. */
export function nextAction(order: Order, unanswered: number): { label: MessageKey; href: string } | null {
  const page = `/console/orders/${order.id}`;
  switch (order.status) {
    case "draft":
      return { label: "next.publish", href: page };
    case "open":
      return unanswered > 0
        ? { label: "next.answer", href: `${page}#enquiries` }
        : { label: "next.matches", href: `${page}/matches` };
    case "evaluation":
      return { label: "next.compareBids", href: `${page}/bids` };
    case "awarded":
      return { label: "next.awarded", href: `${page}/bids` };
    default:
      return null;
  }
}

/** The order's terms as a definition list, skills by their taxonomy names. */
export function OrderFacts(props: { t: Translate; tax: ConsoleTaxonomy; order: Order; companyName: string }) {
  const { t, tax, order } = props;
  const h = order.hiringCommitment;
  return (
    <dl class="facts">
      <dt>{t("field.company")}</dt>
      <dd>{props.companyName}</dd>
      <dt>{t("field.status")}</dt>
      <dd>
        <StatusBadge t={t} status={order.status} />
      </dd>
      <dt>{t("field.occupation")}</dt>
      <dd>{tax.occupationName(order.occupationCode)}</dd>
      <dt>{t("field.headcount")}</dt>
      <dd>{t("order.headcountRange", { min: order.headcountMin, max: order.headcountMax })}</dd>
      <dt>{t("field.location")}</dt>
      <dd>
        {[order.location.city, order.location.district].filter(Boolean).join(" · ")}
        {order.location.remoteAllowed ? ` (${t("field.remoteAllowed")})` : ""}
      </dd>
      <dt>{t("field.deliverBy")}</dt>
      <dd>{order.deliverBy}</dd>
      <dt>{t("field.budget")}</dt>
      <dd>{t("order.perTrainee", { amount: formatFen(order.budgetPerTraineeFen) })}</dd>
      <dt>{t("field.hiring")}</dt>
      <dd>
        {t("order.hiringTerms", {
          hires: h.hires,
          min: formatFen(h.salaryMinFen),
          max: formatFen(h.salaryMaxFen),
          months: h.servicePeriodMonths,
        })}
      </dd>
      <dt>{t("field.enquiryDeadline")}</dt>
      <dd>{formatInstant(order.enquiryDeadline)}</dd>
      <dt>{t("field.bidDeadline")}</dt>
      <dd>{formatInstant(order.bidDeadline)}</dd>
      <dt>{t("field.bidCount")}</dt>
      <dd>{order.bidCount}</dd>
      <dt>{t("orderForm.skills")}</dt>
      <dd>
        <ul class="evidence">
          {order.requiredSkills.map((s) => (
            <li>
              {t(s.essential ? "order.skillEssential" : "order.skill", {
                skill: tax.skillName(s.skillId),
                level: s.minLevel,
                weight: s.weight,
              })}
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}
