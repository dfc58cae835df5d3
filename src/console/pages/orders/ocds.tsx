/**
 * An order's contracting process as published in OCDS 1.1: one row per release (tender, award, contract,
 * implementation), then the tender's bids, the award and the contracts in readable tables, and the JSON's link.
 */
import type { MessageKey, Translate } from "../../i18n";
import { formatInstant } from "../../i18n/format";
import { Layout, type PageFrame } from "../../layout";

/** The parts of an OCDS value the page reads. */
interface Value {
  amount: number;
  currency: string;
}
interface Named {
  id: string;
  name: string;
}
interface OcdsContract {
  id: string;
  title: string;
  status: string;
  dateSigned?: string;
  value: Value;
  period: { startDate: string; endDate: string };
  implementation?: { milestones: { status: string; dueDate: string }[] };
}
interface OcdsRelease {
  id: string;
  date: string;
  tag: string[];
  buyer?: Named;
  tender?: {
    title: string;
    status: string;
    value: Value;
    tenderPeriod: { startDate: string; endDate: string };
    numberOfTenderers?: number;
  };
  bids?: {
    details: {
      id: string;
      status: string;
      tenderers: Named[];
      value: Value;
      validityPeriod: { endDate: string };
    }[];
  };
  awards?: {
    id: string;
    status: string;
    date: string;
    description: string;
    value: Value;
    suppliers: Named[];
  }[];
  contracts?: OcdsContract[];
}
/** The release package as the OCDS service builds it. */
export interface OcdsPackage {
  publishedDate: string;
  releases: OcdsRelease[];
}

const STAGES = ["tender", "award", "contract", "implementation"] as const;
const STATUSES = [
  "planning",
  "active",
  "complete",
  "cancelled",
  "pending",
  "terminated",
  "valid",
  "disqualified",
  "withdrawn",
  "met",
  "notMet",
  "scheduled",
] as const;

/** An OCDS code list value in the page's language (the code itself when unknown). */
function status(t: Translate, code: string | undefined): string {
  if (!code) return "—";
  return (STATUSES as readonly string[]).includes(code) ? t(`ocds.status.${code}` as MessageKey) : code;
}

const stage = (t: Translate, tag: string) =>
  (STAGES as readonly string[]).includes(tag) ? t(`ocds.stage.${tag}` as MessageKey) : tag;

/** `¥15,000.50` from an OCDS amount in yuan. */
function money(v: Value | undefined): string {
  if (!v) return "—";
  const [yuan, cents] = v.amount.toFixed(2).split(".");
  const grouped = yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${v.currency === "CNY" ? "¥" : `${v.currency} `}${grouped}${cents === "00" ? "" : `.${cents}`}`;
}

const day = (iso: string) => iso.slice(0, 10);

/** The statuses (each once, in order) and the value of a release: its award's, its contracts' or its tender's. */
function summary(r: OcdsRelease): { statuses: string[]; value?: Value } {
  if (r.awards?.[0]) return { statuses: [r.awards[0].status], value: r.awards[0].value };
  if (r.contracts?.length) {
    const total = r.contracts.reduce((n, c) => n + c.value.amount, 0);
    const statuses = [...new Set(r.contracts.map((c) => c.status))];
    return { statuses, value: { amount: total, currency: "CNY" } };
  }
  return { statuses: r.tender ? [r.tender.status] : [], value: r.tender?.value };
}

function Releases(props: { t: Translate; lang: string; releases: OcdsRelease[] }) {
  const { t } = props;
  const sep = props.lang === "en" ? ", " : "、";
  return (
    <section class="card" aria-labelledby="releases-title">
      <h2 id="releases-title">{t("ocds.releases")}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("ocds.col.stage")}</th>
              <th scope="col">{t("ocds.col.date")}</th>
              <th scope="col">{t("ocds.col.status")}</th>
              <th scope="col">{t("ocds.col.value")}</th>
              <th scope="col">{t("ocds.col.id")}</th>
            </tr>
          </thead>
          <tbody>
            {props.releases.map((r) => {
              const s = summary(r);
              return (
                <tr>
                  <th scope="row">{stage(t, r.tag[0])}</th>
                  <td>{formatInstant(r.date)}</td>
                  <td>{s.statuses.map((x) => status(t, x)).join(sep) || "—"}</td>
                  <td>{money(s.value)}</td>
                  <td>
                    <code>{r.id}</code>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Bids(props: { t: Translate; release: OcdsRelease }) {
  const { t, release } = props;
  const details = release.bids?.details;
  if (!details) return <p class="card">{t("ocds.bidsSealed")}</p>;
  return (
    <section class="card" aria-labelledby="bids-title">
      <h2 id="bids-title">{t("ocds.bids", { n: release.tender?.numberOfTenderers ?? details.length })}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("ocds.col.tenderer")}</th>
              <th scope="col">{t("ocds.col.value")}</th>
              <th scope="col">{t("ocds.col.status")}</th>
              <th scope="col">{t("ocds.col.validUntil")}</th>
            </tr>
          </thead>
          <tbody>
            {details.map((b) => (
              <tr>
                <th scope="row">{b.tenderers.map((x) => x.name).join(", ")}</th>
                <td>{money(b.value)}</td>
                <td>{status(t, b.status)}</td>
                <td>{day(b.validityPeriod.endDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Contracts(props: { t: Translate; release: OcdsRelease }) {
  const { t, release } = props;
  const withDelivery = release.tag[0] === "implementation";
  const title = withDelivery ? t("ocds.stage.implementation") : t("ocds.stage.contract");
  const id = `${release.tag[0]}-title`;
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("ocds.col.contract")}</th>
              <th scope="col">{t("ocds.col.status")}</th>
              <th scope="col">{t("ocds.col.value")}</th>
              <th scope="col">{t("ocds.col.period")}</th>
              <th scope="col">{withDelivery ? t("ocds.col.milestone") : t("ocds.col.signed")}</th>
            </tr>
          </thead>
          <tbody>
            {(release.contracts ?? []).map((c) => (
              <tr>
                <th scope="row">{c.title}</th>
                <td>{status(t, c.status)}</td>
                <td>{money(c.value)}</td>
                <td>
                  {t("ocds.periodValue", { start: day(c.period.startDate), end: day(c.period.endDate) })}
                </td>
                <td>
                  {withDelivery
                    ? status(t, c.implementation?.milestones[0]?.status)
                    : c.dateSigned
                      ? formatInstant(c.dateSigned)
                      : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** `/console/orders/:id/ocds`. */
export function OcdsPage(props: { frame: PageFrame; orderId: string; pkg: OcdsPackage }) {
  const { t } = props.frame;
  const { releases } = props.pkg;
  const tender = releases.find((r) => r.tag[0] === "tender");
  const award = releases.find((r) => r.tag[0] === "award")?.awards?.[0];
  return (
    <Layout
      frame={props.frame}
      title={t("ocds.title", { order: tender?.tender?.title ?? props.orderId })}
      current="orders"
    >
      <p>{t("ocds.intro")}</p>
      <p class="actions">
        <a class="button" href={`/v1/orders/${props.orderId}/ocds`} type="application/json">
          {t("ocds.json")}
        </a>
        {props.frame.viewer && (
          <a class="button secondary" href={`/console/orders/${props.orderId}`}>
            {t("ocds.back")}
          </a>
        )}
      </p>
      {tender?.tender && (
        <p>
          {tender.buyer && t("ocds.buyer", { name: tender.buyer.name })} ·{" "}
          {t("ocds.tenderPeriod", {
            start: formatInstant(tender.tender.tenderPeriod.startDate),
            end: formatInstant(tender.tender.tenderPeriod.endDate),
          })}
        </p>
      )}
      <Releases t={t} lang={props.frame.lang} releases={releases} />
      {tender && <Bids t={t} release={tender} />}
      {award && (
        <section class="card" aria-labelledby="award-title">
          <h2 id="award-title">{t("ocds.award")}</h2>
          <dl class="facts">
            <dt>{t("ocds.col.supplier")}</dt>
            <dd>{award.suppliers.map((s) => s.name).join(", ")}</dd>
            <dt>{t("ocds.col.value")}</dt>
            <dd>{money(award.value)}</dd>
            <dt>{t("ocds.col.date")}</dt>
            <dd>{formatInstant(award.date)}</dd>
          </dl>
          <p>{award.description}</p>
        </section>
      )}
      {releases
        .filter((r) => r.tag[0] === "contract" || r.tag[0] === "implementation")
        .map((r) => (
          <Contracts t={t} release={r} />
        ))}
    </Layout>
  );
}
