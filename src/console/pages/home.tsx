/** The home pages of providers and the bureau (a company's is its orders by state, an assessor's in `assess/`). */
import { OrgTable, type OrgView } from "../components/org-bits";
import { Layout, type PageFrame } from "../layout";
import type { Cohort } from "../../modules/cohorts/schemas";
import type { Order } from "../../modules/orders/schemas";
import { CohortTable } from "./provider/cohorts";
import { ContractTable, type ContractRowView } from "./contracts/list";
import { ObjectionTable, type QueuedObjection } from "./objections/objections";

/** A provider's home: its programs, the market, its bids and invitations, its open cohorts. */
export function ProviderHome(props: {
  frame: PageFrame;
  cohorts: Cohort[];
  programCount: number;
  liveBids: number;
  invitations: number;
}) {
  const { t } = props.frame;
  return (
    <Layout frame={props.frame} title={t("home.title")} current="home">
      <div class="grid">
        <div class="card">
          <h2>{t("nav.programs")}</h2>
          <p>{t("home.programs", { n: props.programCount })}</p>
          <a href="/console/programs">{t("home.managePrograms")}</a>
        </div>
        <div class="card">
          <h2>{t("nav.market")}</h2>
          <p>{t("home.marketText")}</p>
          <a href="/console/market">{t("home.allRanked")}</a>
        </div>
        <div class="card">
          <h2>{t("nav.myBids")}</h2>
          <p>{t("home.bids", { n: props.liveBids })}</p>
          <p>{t("home.invitations", { n: props.invitations })}</p>
          <a href="/console/bids">{t("home.manageBids")}</a> ·{" "}
          <a href="/console/invitations">{t("nav.invitations")}</a>
        </div>
      </div>
      <h2>{t("home.cohorts", { n: props.cohorts.length })}</h2>
      {props.cohorts.length === 0 ? (
        <p class="card">{t("cohort.none")}</p>
      ) : (
        <CohortTable frame={props.frame} cohorts={props.cohorts} matchesLink />
      )}
    </Layout>
  );
}

/** The bureau's home: contracts to review, organisations waiting for verification, orders in evaluation. */
export function BureauHome(props: {
  frame: PageFrame;
  pending: OrgView[];
  evaluating: Order[];
  reviews: ContractRowView[];
  objections: QueuedObjection[];
}) {
  const { t } = props.frame;
  return (
    <Layout frame={props.frame} title={t("home.title")} current="home">
      <h2>{t("home.reviewQueue", { n: props.reviews.length })}</h2>
      {props.reviews.length === 0 ? (
        <p class="card">{t("home.reviewNone")}</p>
      ) : (
        <ContractTable t={t} rows={props.reviews} />
      )}
      <h2>{t("home.objections", { n: props.objections.length })}</h2>
      {props.objections.length === 0 ? (
        <p class="card">{t("objections.queueNone")}</p>
      ) : (
        <ObjectionTable t={t} rows={props.objections} />
      )}
      <h2>{t("home.pending", { n: props.pending.length })}</h2>
      {props.pending.length === 0 ? (
        <p class="card">{t("org.queueEmpty")}</p>
      ) : (
        <OrgTable frame={props.frame} orgs={props.pending} />
      )}
      <p>
        <a href="/console/organizations">{t("home.queue")}</a>
      </p>
      <h2>{t("home.evaluation", { n: props.evaluating.length })}</h2>
      {props.evaluating.length === 0 ? (
        <p class="card">{t("home.evaluationNone")}</p>
      ) : (
        <ul class="card">
          {props.evaluating.map((o) => (
            <li>
              <a href={`/console/orders/${o.id}/bids`}>{o.title}</a>{" "}
              <span class="muted">
                {t("field.bidCount")}: {o.bidCount}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
