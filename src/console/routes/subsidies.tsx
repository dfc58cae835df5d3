/** The bureau's subsidy policies through the subsidies services: the list, and setting one per occupation. */
import { Hono } from "hono";
import { listSubsidyPolicies, putSubsidyPolicy } from "../../modules/subsidies/service";
import { requireKind } from "../../platform/actor";
import type { Scope } from "../../platform/scope";
import { emptyForm, type FormState } from "../components/form";
import type { ConsoleContext, ConsoleEnv } from "../env";
import { isFieldFailure } from "../form-errors";
import { adminFormErrors } from "../forms/admin-errors";
import { parseSubsidyForm, policyToForm, subsidyField } from "../forms/subsidy";
import { postedValues } from "../forms/values";
import { SubsidiesPage } from "../pages/bureau/subsidies";
import { pageFrame, render, seeOther } from "../render";
import { consoleScopeOf } from "../session";
import { loadTaxonomy } from "../taxonomy";
import { outcomeOf } from "./outcome";

/** The bureau's scope (another kind of organisation gets the 403 page). */
async function bureauScope(c: ConsoleContext): Promise<Scope> {
  const scope = await consoleScopeOf(c);
  requireKind(scope.actor, "bureau");
  return scope;
}

async function showPage(c: ConsoleContext, scope: Scope, form: FormState | null, status: 200 | 400 = 200) {
  const [frame, tax, policies] = await Promise.all([
    pageFrame(c),
    loadTaxonomy(scope, c.var.lang),
    listSubsidyPolicies(scope),
  ]);
  // The form starts from the policy of `?occupation=` (to change it), else empty from today.
  const wanted = c.req.query("occupation");
  const current = policies.find((p) => p.occupationCode === wanted);
  const initial = current
    ? policyToForm(current)
    : { occupationCode: wanted ?? "", validFrom: scope.now.toISOString().slice(0, 10) };
  const view = { policies, form: form ?? emptyForm(initial), done: outcomeOf(c).done };
  return render(c, <SubsidiesPage frame={frame} tax={tax} view={view} />, status);
}

/** `/console/subsidies`. */
export const subsidiesRouter = new Hono<ConsoleEnv>()
  .get("/subsidies", async (c) => showPage(c, await bureauScope(c), null))
  .post("/subsidies", async (c) => {
    const scope = await bureauScope(c);
    const values = await postedValues(c);
    const tax = await loadTaxonomy(scope, c.var.lang);
    const parsed = parseSubsidyForm(
      c.var.t,
      values,
      tax.occupations.map((o) => o.code),
    );
    if (!parsed.ok) return showPage(c, scope, parsed.form, 400);
    try {
      await putSubsidyPolicy(scope, { occupationCode: parsed.occupationCode, ...parsed.input });
    } catch (err) {
      if (!isFieldFailure(err)) throw err;
      return showPage(c, scope, { values, errors: adminFormErrors(c.var.t, err, subsidyField) }, 400);
    }
    return seeOther(c, `/console/subsidies?done=policySaved#policy-${parsed.occupationCode}`);
  });
