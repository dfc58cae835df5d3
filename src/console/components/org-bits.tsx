/** Organisation pieces for the bureau's pages: the state badge and the queue table. */
import type { z } from "zod";
import type { accreditationSchema, organizationSchema } from "../../modules/organizations/schemas";
import type { PageFrame } from "../layout";
import { formatInstant } from "../i18n/format";

export type OrgView = z.infer<typeof organizationSchema>;
export type Accreditation = z.infer<typeof accreditationSchema>;

/** An organisation's state as a badge. */
export function OrgStatusBadge(props: { frame: PageFrame; status: OrgView["status"] }) {
  return <span class={`badge ${props.status}`}>{props.frame.t(`org.status.${props.status}`)}</span>;
}

/** Organisations as a table, each linking to its page (verify, suspend, accredit). */
export function OrgTable(props: { frame: PageFrame; orgs: OrgView[] }) {
  const { t } = props.frame;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("org.name")}</th>
            <th scope="col">{t("org.kind")}</th>
            <th scope="col">{t("org.uscc")}</th>
            <th scope="col">{t("field.location")}</th>
            <th scope="col">{t("org.registered")}</th>
            <th scope="col">{t("field.status")}</th>
          </tr>
        </thead>
        <tbody>
          {props.orgs.map((o) => (
            <tr>
              <td>
                <a href={`/console/organizations/${o.id}`}>{o.name}</a>
              </td>
              <td>{t(`org.kind.${o.kind}`)}</td>
              <td>{o.uscc ?? "—"}</td>
              <td>{[o.city, o.district].filter(Boolean).join(" · ")}</td>
              <td>{o.createdAt ? formatInstant(o.createdAt) : "—"}</td>
              <td>
                <OrgStatusBadge frame={props.frame} status={o.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
