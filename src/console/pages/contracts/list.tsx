/** The contracts of a company or a provider, and the bureau's list (its review queue by default). */
import { CONTRACT_STATUSES } from "../../../db/schema";
import type { Contract } from "../../../modules/contracts/schemas";
import type { Translate } from "../../i18n";
import { formatFen } from "../../i18n/format";
import { Layout, type PageFrame } from "../../layout";
import { ContractStatusBadge, nextStep } from "./bits";

/** One contract as a list shows it. */
export interface ContractRowView {
  contract: Contract;
  orderTitle: string;
  companyName: string;
  providerName: string;
}

/** The table of contracts with each one's next step; `suffix` links to a page under each (e.g. its trainees). */
export function ContractTable(props: { t: Translate; rows: ContractRowView[]; suffix?: string }) {
  const { t, rows } = props;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("contracts.col.contract")}</th>
            <th scope="col">{t("contracts.col.company")}</th>
            <th scope="col">{t("contracts.col.provider")}</th>
            <th scope="col">{t("contracts.col.headcount")}</th>
            <th scope="col">{t("contracts.col.value")}</th>
            <th scope="col">{t("contracts.col.status")}</th>
            <th scope="col">{t("contracts.col.next")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>
                <a href={`/console/contracts/${r.contract.id}${props.suffix ?? ""}`}>{r.orderTitle}</a>
              </td>
              <td>{r.companyName}</td>
              <td>{r.providerName}</td>
              <td>{r.contract.terms.headcount}</td>
              <td>{formatFen(r.contract.terms.totalValueFen)}</td>
              <td>
                <ContractStatusBadge t={t} status={r.contract.status} />
              </td>
              <td>{t(nextStep(r.contract))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `/console/contracts`: filterable by status; the bureau lands on the contracts under review. */
export function ContractListPage(props: {
  frame: PageFrame;
  rows: ContractRowView[];
  status: string;
  nextHref: string | null;
}) {
  const { t, viewer } = props.frame;
  const title = viewer?.orgKind === "bureau" ? t("contracts.reviewTitle") : t("contracts.title");
  return (
    <Layout frame={props.frame} title={title} current="contracts">
      <form method="get" action="/console/contracts" class="inline">
        <label for="f-status">{t("contracts.filter")}</label>
        <select id="f-status" name="status">
          <option value="all" selected={props.status === "all"}>
            {t("contracts.filterAll")}
          </option>
          {CONTRACT_STATUSES.map((s) => (
            <option value={s} selected={props.status === s}>
              {t(`contract.status.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit">{t("contracts.filterApply")}</button>
      </form>
      {props.rows.length === 0 ? (
        <p class="card">{t("contracts.none")}</p>
      ) : (
        <ContractTable t={t} rows={props.rows} />
      )}
      {props.nextHref && (
        <p>
          <a href={props.nextHref}>{t("contracts.more")}</a>
        </p>
      )}
    </Layout>
  );
}
