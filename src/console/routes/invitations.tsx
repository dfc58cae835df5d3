/** Invitations to bid: a company invites a provider from its order's matches; both sides list theirs. */
import { Hono } from "hono";
import { newInvitationSchema } from "../../modules/invitations/schemas";
import { inviteProvider, listInvitations } from "../../modules/invitations/service";
import { getOrder } from "../../modules/orders/service";
import type { ConsoleEnv } from "../env";
import { parseInput, postedValues } from "../forms/values";
import { InvitationsPage } from "../pages/invitations";
import { pageFrame, render } from "../render";
import { consoleScopeOf } from "../session";
import { orgNames } from "./orders";
import { afterPost } from "./outcome";

/** `/console/invitations` and `/console/orders/:id/invitations`. */
export const invitationsRouter = new Hono<ConsoleEnv>()
  .get("/invitations", async (c) => {
    const scope = await consoleScopeOf(c);
    const page = await listInvitations(scope, { limit: 20, cursor: c.req.query("cursor") });
    const received = scope.actor.orgKind === "provider";
    const party = (i: (typeof page.data)[number]) => (received ? i.companyOrgId : i.providerOrgId);
    const titles = new Map<string, string>();
    const [names] = await Promise.all([
      orgNames(scope, page.data.map(party)),
      ...[...new Set(page.data.map((i) => i.orderId))].map(async (id) =>
        titles.set(
          id,
          await getOrder(scope, { id }).then(
            (o) => o.title,
            () => "—",
          ),
        ),
      ),
    ]);
    const rows = page.data.map((invitation) => ({
      invitation,
      orderTitle: titles.get(invitation.orderId) ?? "—",
      partyName: names.get(party(invitation)) ?? "—",
    }));
    const nextHref = page.nextCursor
      ? `/console/invitations?cursor=${encodeURIComponent(page.nextCursor)}`
      : null;
    return render(
      c,
      <InvitationsPage frame={await pageFrame(c)} rows={rows} received={received} nextHref={nextHref} />,
    );
  })
  .post("/orders/:id/invitations", async (c) => {
    const orderId = c.req.param("id");
    const values = await postedValues(c);
    return afterPost(c, `/console/orders/${orderId}/matches`, "invited", async () => {
      const input = parseInput(newInvitationSchema, {
        providerOrgId: values.providerOrgId ?? "",
        cohortId: values.cohortId || null,
        message: values.message ?? "",
      });
      return inviteProvider(await consoleScopeOf(c), { orderId, ...input });
    });
  });
