/** The bureau's verification queue and one organisation's page: verify, suspend with a reason, accreditations. */
import { Pager } from "../../components/form";
import { ORG_KINDS, ORG_STATUSES } from "../../../db/schema";
import { type Accreditation, OrgStatusBadge, OrgTable, type OrgView } from "../../components/org-bits";
import type { MessageKey } from "../../i18n";
import { formatInstant } from "../../i18n/format";
import { CsrfField, Layout, type PageFrame } from "../../layout";
import type { ConsoleTaxonomy } from "../../taxonomy";

/** The verification queue, filtered by state and kind. */
export function OrgQueuePage(props: {
  frame: PageFrame;
  orgs: OrgView[];
  status: string;
  kind: string;
  nextHref: string | null;
}) {
  const { t } = props.frame;
  return (
    <Layout frame={props.frame} title={t("org.queueTitle")} current="organizations">
      <form method="get" action="/console/organizations" class="actions">
        <label for="f-status">{t("field.status")}</label>
        <select id="f-status" name="status">
          <option value="all">{t("orders.anyStatus")}</option>
          {ORG_STATUSES.map((s) => (
            <option value={s} selected={s === props.status}>
              {t(`org.status.${s}`)}
            </option>
          ))}
        </select>
        <label for="f-kind">{t("org.kind")}</label>
        <select id="f-kind" name="kind">
          <option value="">{t("org.anyKind")}</option>
          {ORG_KINDS.map((k) => (
            <option value={k} selected={k === props.kind}>
              {t(`org.kind.${k}`)}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          {t("form.filter")}
        </button>
      </form>
      {props.orgs.length === 0 ? (
        <p class="card">{t("org.queueEmpty")}</p>
      ) : (
        <OrgTable frame={props.frame} orgs={props.orgs} />
      )}
      <Pager t={t} nextHref={props.nextHref} />
    </Layout>
  );
}

/** One organisation for the bureau: verify, suspend with a reason, accreditations. */
export function OrgPage(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  org: OrgView;
  accreditations: Accreditation[] | null;
  validUntilDefault: string;
  done?: MessageKey;
  problem?: string;
}) {
  const { t, csrf } = props.frame;
  const { org, tax } = props;
  const base = `/console/organizations/${org.id}`;
  const version = <input type="hidden" name="version" value={String(org.version)} />;
  return (
    <Layout frame={props.frame} title={org.name} current="organizations">
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
      <div class="card">
        <dl class="facts">
          <dt>{t("field.status")}</dt>
          <dd>
            <OrgStatusBadge frame={props.frame} status={org.status} />
          </dd>
          <dt>{t("org.kind")}</dt>
          <dd>{t(`org.kind.${org.kind}`)}</dd>
          <dt>{t("org.uscc")}</dt>
          <dd>{org.uscc ?? "—"}</dd>
          <dt>{t("field.location")}</dt>
          <dd>{[org.city, org.district].filter(Boolean).join(" · ")}</dd>
          <dt>{t("org.registered")}</dt>
          <dd>{org.createdAt ? formatInstant(org.createdAt) : "—"}</dd>
          {org.suspendedReason && (
            <>
              <dt>{t("org.suspendedReason")}</dt>
              <dd>{org.suspendedReason}</dd>
            </>
          )}
        </dl>
      </div>
      {org.kind !== "bureau" && (
        <div class="grid">
          {org.status !== "verified" && (
            <form method="post" action={`${base}/verify`} class="card">
              <h2>{t(org.status === "suspended" ? "org.reinstate" : "org.verify")}</h2>
              <p>{t("org.verifyText")}</p>
              <CsrfField token={csrf} />
              {version}
              <button type="submit">{t(org.status === "suspended" ? "org.reinstate" : "org.verify")}</button>
            </form>
          )}
          {org.status !== "suspended" && (
            <form method="post" action={`${base}/suspend`} class="card stack">
              <h2>{t("org.suspend")}</h2>
              <CsrfField token={csrf} />
              {version}
              <label for="f-reason">{t("org.suspendReason")}</label>
              <textarea id="f-reason" name="reason" required />
              <p>
                <button type="submit" class="danger">
                  {t("org.suspend")}
                </button>
              </p>
            </form>
          )}
        </div>
      )}
      {props.accreditations && (
        <section class="card" aria-labelledby="acc-title">
          <h2 id="acc-title">{t("accreditation.title")}</h2>
          {props.accreditations.length === 0 ? (
            <p>{t("accreditation.none")}</p>
          ) : (
            <ul>
              {props.accreditations.map((a) => (
                <li>
                  {t("accreditation.line", {
                    occupation: tax.occupationName(a.occupationCode),
                    until: a.validUntil,
                  })}
                  {!a.active && ` (${t("accreditation.expired")})`}
                </li>
              ))}
            </ul>
          )}
          <form method="post" action={`${base}/accreditations`} class="stack">
            <h3>{t("accreditation.grant")}</h3>
            <CsrfField token={csrf} />
            <label for="f-occupation">{t("field.occupation")}</label>
            <select id="f-occupation" name="occupationCode">
              {tax.occupations.map((o) => (
                <option value={o.code}>{tax.occupationName(o.code)}</option>
              ))}
            </select>
            <label for="f-valid-until">{t("accreditation.validUntil")}</label>
            <input
              type="date"
              id="f-valid-until"
              name="validUntil"
              value={props.validUntilDefault}
              required
            />
            <p>
              <button type="submit">{t("accreditation.grant")}</button>
            </p>
          </form>
        </section>
      )}
    </Layout>
  );
}
