/** A provider's programs in the console: list, offer, amend, archive. The pages are the owner's only (else 404). */
import { Hono } from "hono";
import { listCohorts } from "../../modules/cohorts/service";
import type { Cohort } from "../../modules/cohorts/schemas";
import { listAccreditations } from "../../modules/organizations/service";
import {
  archiveProgram,
  createProgram,
  getProgram,
  listPrograms,
  updateProgram,
} from "../../modules/programs/service";
import { requireKind } from "../../platform/actor";
import { AppError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import { emptyForm, type FormState } from "../components/form";
import type { ConsoleContext, ConsoleEnv } from "../env";
import { formErrorsOf, isFieldFailure } from "../form-errors";
import { parseProgramForm, programField, programToForm } from "../forms/program";
import { postedValues, postedVersion } from "../forms/values";
import { ProgramFormPage, ProgramListPage, ProgramPage } from "../pages/provider/programs";
import { pageFrame, render, seeOther } from "../render";
import { consoleScopeOf } from "../session";
import { loadTaxonomy } from "../taxonomy";
import { afterPost, outcomeOf } from "./outcome";

/**
 * The provider's own program; someone else's is a 404 here, because the console has no page for another
 * provider's program (the API's catalogue listing is where programs are browsed).
 */
export async function ownProgram(scope: Scope, id: string) {
  const program = await getProgram(scope, { id });
  if (program.providerOrgId !== scope.actor.orgId)
    throw new AppError("not_found", `Program ${id} does not exist`);
  return program;
}

/** The occupations the provider is accredited for today. */
async function accreditedOccupations(scope: Scope): Promise<string[]> {
  const page = await listAccreditations(scope, { orgId: scope.actor.orgId, limit: 100 });
  return page.data.filter((a) => a.active).map((a) => a.occupationCode);
}

async function showForm(
  c: ConsoleContext,
  form: FormState,
  status: 200 | 400 | 403 | 409 | 412,
  programId?: string,
) {
  const scope = await consoleScopeOf(c);
  const [frame, tax, occupations, program] = await Promise.all([
    pageFrame(c),
    loadTaxonomy(scope, c.var.lang),
    accreditedOccupations(scope),
    programId ? ownProgram(scope, programId) : undefined,
  ]);
  const page = (
    <ProgramFormPage frame={frame} tax={tax} form={form} occupations={occupations} program={program} />
  );
  return render(c, page, status);
}

/** A refused program post: field errors in place; a refusal (not accredited, archived, stale) on top. */
function refused(c: ConsoleContext, err: unknown, values: Record<string, string>) {
  if (isFieldFailure(err))
    return showForm(c, { values, errors: formErrorsOf(c.var.t, err, programField) }, 400, values.id);
  if (err instanceof AppError && ["forbidden", "invalid_state", "precondition_failed"].includes(err.code)) {
    const message = c.var.t(`problem.${err.code as "forbidden"}`);
    return showForm(c, { values, errors: { _form: message } }, err.status as 403, values.id);
  }
  throw err;
}

/** `/console/programs…`. */
export const programsRouter = new Hono<ConsoleEnv>()
  .get("/programs", async (c) => {
    const scope = await consoleScopeOf(c);
    requireKind(scope.actor, "provider");
    const own = { providerOrgId: scope.actor.orgId, limit: 100 };
    const [frame, tax, active, archived] = await Promise.all([
      pageFrame(c),
      loadTaxonomy(scope, c.var.lang),
      listPrograms(scope, { ...own, status: "active" }),
      listPrograms(scope, { ...own, status: "archived" }),
    ]);
    return render(
      c,
      <ProgramListPage frame={frame} tax={tax} programs={[...active.data, ...archived.data]} />,
    );
  })
  .get("/programs/new", async (c) => {
    const scope = await consoleScopeOf(c);
    requireKind(scope.actor, "provider");
    const occupation = c.req.query("occupation") ?? "";
    const values = {
      occupationCode: occupation,
      city: "Beijing",
      mode: "hybrid",
      certificationType: "vocational_skill_level",
      certificationLevel: "3",
    };
    return showForm(c, emptyForm(values), 200);
  })
  .post("/programs", async (c) => {
    const values = await postedValues(c);
    const parsed = parseProgramForm(c.var.t, values);
    if (!parsed.ok) return showForm(c, parsed.form, 400);
    try {
      const program = await createProgram(await consoleScopeOf(c), parsed.input);
      return seeOther(c, `/console/programs/${program.id}?done=created`);
    } catch (err) {
      return refused(c, err, values);
    }
  })
  .get("/programs/:id", async (c) => {
    const scope = await consoleScopeOf(c);
    const program = await ownProgram(scope, c.req.param("id"));
    const [frame, tax, cohorts] = await Promise.all([
      pageFrame(c),
      loadTaxonomy(scope, c.var.lang),
      listCohorts(scope, { programId: program.id, limit: 100 }),
    ]);
    const page = (
      <ProgramPage
        frame={frame}
        tax={tax}
        program={program}
        cohorts={cohorts.data as Cohort[]}
        {...outcomeOf(c)}
      />
    );
    return render(c, page);
  })
  .get("/programs/:id/edit", async (c) => {
    const scope = await consoleScopeOf(c);
    const program = await ownProgram(scope, c.req.param("id"));
    return showForm(c, emptyForm(programToForm(program)), 200, program.id);
  })
  .post("/programs/:id/edit", async (c) => {
    const id = c.req.param("id");
    const values = { ...(await postedValues(c)), id };
    const parsed = parseProgramForm(c.var.t, values);
    if (!parsed.ok) return showForm(c, parsed.form, 400, id);
    const expectedVersion = postedVersion(values);
    if (expectedVersion === undefined) throw new AppError("validation_failed", "The form lost its version");
    try {
      await updateProgram(await consoleScopeOf(c), { id, expectedVersion, patch: parsed.input });
      return seeOther(c, `/console/programs/${id}?done=saved`);
    } catch (err) {
      return refused(c, err, values);
    }
  })
  .post("/programs/:id/archive", async (c) => {
    const id = c.req.param("id");
    const expectedVersion = postedVersion(await postedValues(c));
    return afterPost(c, `/console/programs/${id}`, "archived", async () =>
      archiveProgram(await consoleScopeOf(c), { id, expectedVersion }),
    );
  });
