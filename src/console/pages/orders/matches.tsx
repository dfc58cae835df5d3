/** An order's best open cohorts, each factor drawn as a bar with its evidence worded in the page's language. */
import type { FactorResult, FactorWeights } from "../../../matching";
import type { CohortSummary } from "../../../modules/cohorts/schemas";
import type { Order } from "../../../modules/orders/schemas";
import { FactorList, ineligibility } from "../../components/factors";
import { formatPercent, formatScore } from "../../i18n/format";
import type { IneligibilityEvidence } from "../../../matching";
import type { MessageKey } from "../../i18n";
import { CsrfField, Layout, type PageFrame } from "../../layout";
import type { ConsoleTaxonomy } from "../../taxonomy";

/** One ranked cohort with its provider's name and its explanation. */
export interface CohortMatchView {
  cohort: CohortSummary;
  providerName: string;
  score: number;
  eligible: boolean;
  reasonEvidence?: IneligibilityEvidence;
  factors: FactorResult[];
}

/** The ranked cohorts of an order, explained factor by factor. */
export function MatchesPage(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  order: Order;
  weights: FactorWeights;
  matches: CohortMatchView[];
  /** The company may invite (its own order, still open). */
  canInvite: boolean;
  /** Providers already invited to this order. */
  invited: Set<string>;
  done?: MessageKey;
  problem?: string;
}) {
  const { t, csrf } = props.frame;
  const { tax, order } = props;
  const weights = (Object.entries(props.weights) as [keyof FactorWeights, number][])
    .map(([f, w]) => `${t(`factor.${f}`)} ${formatPercent(w)}`)
    .join(" · ");
  return (
    <Layout frame={props.frame} title={t("match.title", { title: order.title })} current="orders">
      <p>
        <a href={`/console/orders/${order.id}`}>{t("match.backToOrder")}</a>
      </p>
      {props.done && (
        <p class="notice" role="status">
          {t(props.done)}
        </p>
      )}
      {props.problem && (
        <p class="problem" role="alert">
          {props.problem}
        </p>
      )}
      <p class="muted">{t("match.weightsUsed", { weights })}</p>
      {props.matches.length === 0 && <p class="card">{t("match.none")}</p>}
      <ol class="plain">
        {props.matches.map((m, i) => (
          <li class="card">
            <h2>
              {t("match.rank", { n: i + 1 })} {m.cohort.name}
            </h2>
            <p>
              <span class="score">{t("match.score", { score: formatScore(m.score) })}</span>{" "}
              <span class="muted">
                {m.providerName} ·{" "}
                {t("match.cohortFacts", { size: m.cohort.size, ready: m.cohort.readyDate })}
              </span>
            </p>
            {!m.eligible && m.reasonEvidence && (
              <p class="problem">{ineligibility(t, tax, m.reasonEvidence)}</p>
            )}
            <FactorList t={t} tax={tax} factors={m.factors} />
            {props.canInvite && props.invited.has(m.cohort.providerOrgId) && (
              <p class="muted">{t("invite.sent")}</p>
            )}
            {props.canInvite && !props.invited.has(m.cohort.providerOrgId) && (
              <details>
                <summary>{t("invite.title")}</summary>
                <form method="post" action={`/console/orders/${order.id}/invitations`} class="stack">
                  <CsrfField token={csrf} />
                  <input type="hidden" name="providerOrgId" value={m.cohort.providerOrgId} />
                  <input type="hidden" name="cohortId" value={m.cohort.id} />
                  <label for={`f-invite-${m.cohort.id}`}>{t("invite.message")}</label>
                  <textarea id={`f-invite-${m.cohort.id}`} name="message" required>
                    {t("invite.defaultMessage")}
                  </textarea>
                  <p>
                    <button type="submit">{t("invite.send")}</button>
                  </p>
                </form>
              </details>
            )}
          </li>
        ))}
      </ol>
    </Layout>
  );
}
