/** The bureau's console: the verification queue, verifying and suspending with a reason, and accreditations. */
import { Hono } from "hono";
import { accreditBodySchema, orgListQuery, suspendBodySchema } from "../../modules/organizations/schemas";
import {
  accredit,
  getOrganization,
  listAccreditations,
  listOrganizations,
  suspendOrganization,
  verifyOrganization,
} from "../../modules/organizations/service";
import { requireKind } from "../../platform/actor";
import type { ConsoleEnv } from "../env";
import { parseInput, postedValues, postedVersion } from "../forms/values";
import { OrgPage, OrgQueuePage } from "../pages/bureau/organizations";
import { pageFrame, render } from "../render";
import { consoleScopeOf } from "../session";
import { loadTaxonomy } from "../taxonomy";
import { afterPost, outcomeOf } from "./outcome";

/** `/console/organizations…`. */
export const bureauRouter = new Hono<ConsoleEnv>()
  .get("/organizations", async (c) => {
    const scope = await consoleScopeOf(c);
    requireKind(scope.actor, "bureau");
    // The queue shows pending organisations unless another state (or all) is asked for.
    const status = c.req.query("status") ?? "pending";
    const kind = c.req.query("kind") ?? "";
    const parsed = orgListQuery.safeParse({
      status: status === "all" ? undefined : status,
      kind: kind || undefined,
      cursor: c.req.query("cursor"),
      limit: 20,
    });
    const page = await listOrganizations(
      scope,
      parsed.success ? parsed.data : { status: "pending", limit: 20 },
    );
    const nextHref = page.nextCursor
      ? `/console/organizations?${new URLSearchParams({ status, kind, cursor: page.nextCursor })}`
      : null;
    return render(
      c,
      <OrgQueuePage
        frame={await pageFrame(c)}
        orgs={page.data}
        status={status}
        kind={kind}
        nextHref={nextHref}
      />,
    );
  })
  .get("/organizations/:id", async (c) => {
    const scope = await consoleScopeOf(c);
    requireKind(scope.actor, "bureau");
    const org = await getOrganization(scope, { id: c.req.param("id") });
    const accredited = org.kind === "provider" || org.kind === "assessor";
    const [frame, tax, accreditations] = await Promise.all([
      pageFrame(c),
      loadTaxonomy(scope, c.var.lang),
      accredited ? listAccreditations(scope, { orgId: org.id, limit: 100 }) : null,
    ]);
    const validUntilDefault = `${scope.now.getUTCFullYear() + 2}-12-31`;
    const page = (
      <OrgPage
        frame={frame}
        tax={tax}
        org={org}
        accreditations={accreditations?.data ?? null}
        validUntilDefault={validUntilDefault}
        {...outcomeOf(c)}
      />
    );
    return render(c, page);
  })
  .post("/organizations/:id/verify", async (c) => {
    const id = c.req.param("id");
    const expectedVersion = postedVersion(await postedValues(c));
    return afterPost(c, `/console/organizations/${id}`, "verified", async () =>
      verifyOrganization(await consoleScopeOf(c), { id, expectedVersion }),
    );
  })
  .post("/organizations/:id/suspend", async (c) => {
    const id = c.req.param("id");
    const values = await postedValues(c);
    return afterPost(c, `/console/organizations/${id}`, "suspended", async () => {
      const { reason } = parseInput(suspendBodySchema, { reason: values.reason ?? "" });
      return suspendOrganization(await consoleScopeOf(c), {
        id,
        reason,
        expectedVersion: postedVersion(values),
      });
    });
  })
  .post("/organizations/:id/accreditations", async (c) => {
    const orgId = c.req.param("id");
    const values = await postedValues(c);
    return afterPost(c, `/console/organizations/${orgId}`, "accredited", async () => {
      const grant = parseInput(accreditBodySchema, {
        occupationCode: values.occupationCode,
        validUntil: values.validUntil,
      });
      return accredit(await consoleScopeOf(c), { orgId, ...grant });
    });
  });
