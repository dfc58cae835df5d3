/** `GET /console`: each kind of organisation's home (the company's is its orders by state with the next action). */
import { Hono } from "hono";
import { listAccreditations, listOrganizations } from "../../modules/organizations/service";
import { listBids } from "../../modules/bids/service";
import { listContracts } from "../../modules/contracts/service";
import { listInvitations } from "../../modules/invitations/service";
import { listOrders } from "../../modules/orders/service";
import { listPrograms } from "../../modules/programs/service";
import type { ConsoleEnv } from "../env";
import { offeredCohorts } from "../market";
import { listAssessmentQueue } from "../../modules/assessments/queue";
import { AssessorHome } from "../pages/assess/queue";
import { BureauHome, ProviderHome } from "../pages/home";
import { CompanyOrdersPage } from "../pages/orders/list";
import { pageFrame, render } from "../render";
import { consoleScopeOf } from "../session";
import { loadTaxonomy } from "../taxonomy";
import { contractRows } from "./contracts";
import { undecidedObjections } from "./objections";
import { companyOrderGroups } from "./orders";

/** `GET /console`. */
export const homeRouter = new Hono<ConsoleEnv>().get("/", async (c) => {
  const scope = await consoleScopeOf(c);
  const [frame, tax] = await Promise.all([pageFrame(c), loadTaxonomy(scope, c.var.lang)]);
  const { t } = c.var;
  switch (scope.actor.orgKind) {
    case "company": {
      const groups = await companyOrderGroups(scope);
      return render(
        c,
        <CompanyOrdersPage frame={frame} tax={tax} groups={groups} title={t("home.title")} current="home" />,
      );
    }
    case "provider": {
      const [cohorts, programs, drafts, submitted, invitations] = await Promise.all([
        offeredCohorts(scope),
        listPrograms(scope, { status: "active", providerOrgId: scope.actor.orgId, limit: 100 }),
        listBids(scope, { status: "draft", limit: 100 }),
        listBids(scope, { status: "submitted", limit: 100 }),
        listInvitations(scope, { limit: 100 }),
      ]);
      return render(
        c,
        <ProviderHome
          frame={frame}
          cohorts={cohorts}
          programCount={programs.data.length}
          liveBids={drafts.data.length + submitted.data.length}
          invitations={invitations.data.length}
        />,
      );
    }
    case "bureau": {
      const [pending, evaluating, reviews, objections] = await Promise.all([
        listOrganizations(scope, { status: "pending", limit: 20 }),
        listOrders(scope, { status: "evaluation", limit: 20 }),
        listContracts(scope, { status: "under_review", limit: 20 }).then((p) => contractRows(scope, p.data)),
        undecidedObjections(scope),
      ]);
      return render(
        c,
        <BureauHome
          frame={frame}
          pending={pending.data}
          evaluating={evaluating.data}
          reviews={reviews}
          objections={objections}
        />,
      );
    }
    case "assessor": {
      const [accreditations, waiting] = await Promise.all([
        listAccreditations(scope, { orgId: scope.actor.orgId, limit: 100 }),
        listAssessmentQueue(scope, { assessed: "false", limit: 20 }),
      ]);
      return render(
        c,
        <AssessorHome
          frame={frame}
          tax={tax}
          accreditations={accreditations.data}
          waiting={waiting.data}
          more={waiting.nextCursor !== null}
        />,
      );
    }
  }
});
