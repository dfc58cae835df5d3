/** Invitations to bid: those a provider received (with a way to bid) and those a company sent. */
import { Pager } from "../components/form";
import type { Invitation } from "../../modules/invitations/schemas";
import { formatInstant } from "../i18n/format";
import { Layout, type PageFrame } from "../layout";

/** An invitation with the names the table shows. */
export interface InvitationRow {
  invitation: Invitation;
  orderTitle: string;
  /** The other party: the company for a provider, the provider for a company. */
  partyName: string;
}

/** The invitations page. */
export function InvitationsPage(props: {
  frame: PageFrame;
  rows: InvitationRow[];
  received: boolean;
  nextHref: string | null;
}) {
  const { t } = props.frame;
  return (
    <Layout frame={props.frame} title={t("invitations.title")} current="invitations">
      {props.rows.length === 0 ? (
        <p class="card">{t("invitations.none")}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("invitations.col.order")}</th>
                <th scope="col">
                  {t(props.received ? "invitations.col.company" : "invitations.col.provider")}
                </th>
                <th scope="col">{t("invitations.col.message")}</th>
                <th scope="col">{t("invitations.col.at")}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map(({ invitation, orderTitle, partyName }) => (
                <tr>
                  <td>
                    <a href={`/console/orders/${invitation.orderId}`}>{orderTitle}</a>
                    {props.received && (
                      <>
                        {" · "}
                        <a
                          href={`/console/orders/${invitation.orderId}/bids/new?invitation=${invitation.id}`}
                        >
                          {t("invitations.bid")}
                        </a>
                      </>
                    )}
                  </td>
                  <td>{partyName}</td>
                  <td>{invitation.message}</td>
                  <td>{formatInstant(invitation.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager t={t} nextHref={props.nextHref} />
    </Layout>
  );
}
