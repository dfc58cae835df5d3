/** A provider's cohorts in the console: list, plan, amend, start and graduate. The owner's pages only (else 404). */
import { Hono } from "hono";
import type { Cohort } from "../../modules/cohorts/schemas";
import {
  createCohort,
  getCohort,
  listCohorts,
  moveCohort,
  updateCohort,
} from "../../modules/cohorts/service";
import { listPrograms } from "../../modules/programs/service";
import { requireKind } from "../../platform/actor";
import { DAY } from "../../platform/clock";
import { AppError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import { emptyForm, type FormState } from "../components/form";
import { skillField } from "../components/skill-tree";
import type { ConsoleContext, ConsoleEnv } from "../env";
import { formErrorsOf, isFieldFailure } from "../form-errors";
import { cohortToForm, parseCohortForm, programField } from "../forms/program";
import { postedValues, postedVersion } from "../forms/values";
import { CohortFormPage, CohortListPage, CohortPage } from "../pages/provider/cohorts";
import { pageFrame, render, seeOther } from "../render";
import { consoleScopeOf } from "../session";
import { loadTaxonomy } from "../taxonomy";
import { afterPost, outcomeOf } from "./outcome";
import { ownProgram } from "./programs";

/** The provider's own cohort; a company's or the bureau's summary view is not a console page (404). */
async function ownCohort(scope: Scope, id: string): Promise<Cohort> {
  const cohort = await getCohort(scope, { id });
  if (cohort.providerOrgId !== scope.actor.orgId || !("contractId" in cohort))
    throw new AppError("not_found", `Cohort ${id} does not exist`);
  return cohort;
}

const activePrograms = async (scope: Scope) =>
  (await listPrograms(scope, { status: "active", providerOrgId: scope.actor.orgId, limit: 100 })).data;

async function showForm(
  c: ConsoleContext,
  form: FormState,
  status: 200 | 400 | 403 | 409 | 412,
  cohortId?: string,
) {
  const scope = await consoleScopeOf(c);
  const [frame, tax, programs, cohort] = await Promise.all([
    pageFrame(c),
    loadTaxonomy(scope, c.var.lang),
    activePrograms(scope),
    cohortId ? ownCohort(scope, cohortId) : undefined,
  ]);
  return render(
    c,
    <CohortFormPage frame={frame} tax={tax} form={form} programs={programs} cohort={cohort} />,
    status,
  );
}

function refused(c: ConsoleContext, err: unknown, values: Record<string, string>, cohortId?: string) {
  if (isFieldFailure(err))
    return showForm(c, { values, errors: formErrorsOf(c.var.t, err, programField) }, 400, cohortId);
  if (err instanceof AppError && ["forbidden", "invalid_state", "precondition_failed"].includes(err.code)) {
    const message = c.var.t(`problem.${err.code as "forbidden"}`);
    return showForm(c, { values, errors: { _form: message } }, err.status as 403, cohortId);
  }
  throw err;
}

/** `/console/cohorts…`. */
export const cohortsRouter = new Hono<ConsoleEnv>()
  .get("/cohorts", async (c) => {
    const scope = await consoleScopeOf(c);
    requireKind(scope.actor, "provider");
    const [frame, cohorts] = await Promise.all([pageFrame(c), listCohorts(scope, { limit: 100 })]);
    return render(c, <CohortListPage frame={frame} cohorts={cohorts.data as Cohort[]} />);
  })
  .get("/cohorts/new", async (c) => {
    const scope = await consoleScopeOf(c);
    requireKind(scope.actor, "provider");
    const programId = c.req.query("program");
    const values: Record<string, string> = {};
    if (programId) {
      // Start from what the program teaches: its skills at its levels, held by most trainees.
      const program = await ownProgram(scope, programId);
      Object.assign(values, {
        programId: program.id,
        city: program.city,
        readyDate: new Date(scope.now.getTime() + (program.durationWeeks * 7 + 14) * DAY)
          .toISOString()
          .slice(0, 10),
      });
      for (const s of program.skills) {
        values[skillField(s.skillId)] = "on";
        values[`level.${s.skillId}`] = String(s.level);
        values[`share.${s.skillId}`] = "80";
      }
    }
    return showForm(c, emptyForm(values), 200);
  })
  .post("/cohorts", async (c) => {
    const values = await postedValues(c);
    const parsed = parseCohortForm(c.var.t, values);
    if (!parsed.ok) return showForm(c, parsed.form, 400);
    try {
      const cohort = await createCohort(await consoleScopeOf(c), parsed.input);
      return seeOther(c, `/console/cohorts/${cohort.id}?done=created`);
    } catch (err) {
      return refused(c, err, values);
    }
  })
  .get("/cohorts/:id", async (c) => {
    const scope = await consoleScopeOf(c);
    const cohort = await ownCohort(scope, c.req.param("id"));
    const [frame, tax, program] = await Promise.all([
      pageFrame(c),
      loadTaxonomy(scope, c.var.lang),
      ownProgram(scope, cohort.programId),
    ]);
    return render(
      c,
      <CohortPage frame={frame} tax={tax} cohort={cohort} program={program} {...outcomeOf(c)} />,
    );
  })
  .get("/cohorts/:id/edit", async (c) => {
    const scope = await consoleScopeOf(c);
    const cohort = await ownCohort(scope, c.req.param("id"));
    return showForm(c, emptyForm(cohortToForm(cohort)), 200, cohort.id);
  })
  .post("/cohorts/:id/edit", async (c) => {
    const id = c.req.param("id");
    const values = await postedValues(c);
    const parsed = parseCohortForm(c.var.t, values);
    if (!parsed.ok) return showForm(c, parsed.form, 400, id);
    const expectedVersion = postedVersion(values);
    if (expectedVersion === undefined) throw new AppError("validation_failed", "The form lost its version");
    const { programId: _fixed, ...patch } = parsed.input;
    try {
      await updateCohort(await consoleScopeOf(c), {
        id,
        expectedVersion,
        patch: { ...patch, district: patch.district ?? null },
      });
      return seeOther(c, `/console/cohorts/${id}?done=saved`);
    } catch (err) {
      return refused(c, err, values, id);
    }
  })
  .post("/cohorts/:id/:move{start|graduate}", async (c) => {
    const id = c.req.param("id");
    const action = c.req.param("move") as "start" | "graduate";
    const expectedVersion = postedVersion(await postedValues(c));
    return afterPost(c, `/console/cohorts/${id}`, action === "start" ? "started" : "graduated", async () =>
      moveCohort(await consoleScopeOf(c), { id, action, expectedVersion }),
    );
  });
