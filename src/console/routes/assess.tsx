/**
 * The assessor's pages through the assessments services: the queue (`/console/assessments`), one trainee with its
 * results and the form that records one, and the assessed trainees with their certificates.
 */
import { Hono } from "hono";
import { getQueueEntry, listAssessmentQueue } from "../../modules/assessments/queue";
import { assessmentQueueQuery } from "../../modules/assessments/queue-schemas";
import { listAssessments, recordAssessment } from "../../modules/assessments/service";
import { listAccreditations } from "../../modules/organizations/service";
import { today } from "../../modules/trainees/service";
import { validationError } from "../../platform/errors";
import type { Scope } from "../../platform/scope";
import { emptyForm, type FormState } from "../components/form";
import type { ConsoleContext, ConsoleEnv } from "../env";
import { assessmentDefaults, parseAssessmentForm, refusedAssessment } from "../forms/assessment";
import { postedValues } from "../forms/values";
import { AssessmentQueuePage, CertificatesPage, type QueueFilters } from "../pages/assess/queue";
import { AssessTraineePage } from "../pages/assess/trainee";
import { pageFrame, render, seeOther } from "../render";
import { consoleScopeOf } from "../session";
import { loadTaxonomy } from "../taxonomy";

const PAGE_SIZE = 20;

/** The queue query of a page's URL (empty fields are no filter); a bad value is the API's 400. */
function queueQuery(c: ConsoleContext) {
  const given = Object.fromEntries(
    Object.entries(c.req.query()).filter(([k, v]) => v !== "" && k !== "done"),
  );
  const parsed = assessmentQueueQuery.safeParse({ limit: PAGE_SIZE, ...given });
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** The link to the next page, keeping the filters. */
function nextHref(path: string, filters: Record<string, string | undefined>, cursor: string | null) {
  if (!cursor) return null;
  const params = new URLSearchParams(
    Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])),
  );
  params.set("cursor", cursor);
  return `${path}?${params}`;
}

/** The trainee page: the entry, this assessor's assessments (only once it assessed, as the service sees it). */
async function showTrainee(
  c: ConsoleContext,
  scope: Scope,
  id: string,
  form: FormState | null,
  status: 200 | 400 | 409,
) {
  const entry = await getQueueEntry(scope, { traineeId: id });
  const [frame, tax, assessments] = await Promise.all([
    pageFrame(c),
    loadTaxonomy(scope, c.var.lang),
    entry.lastAssessment
      ? listAssessments(scope, { traineeId: id, limit: 100 }).then((p) => p.data)
      : Promise.resolve([]),
  ]);
  const view = {
    entry,
    assessments,
    form: form ?? emptyForm(assessmentDefaults(entry, today(scope.now))),
    done: c.req.query("done") === "assessed",
  };
  return render(c, <AssessTraineePage frame={frame} tax={tax} view={view} />, status);
}

/** `/console/assessments`, `/console/assessments/:traineeId`, `/console/certificates`. */
export const assessRouter = new Hono<ConsoleEnv>()
  .get("/assessments", async (c) => {
    const scope = await consoleScopeOf(c);
    const query = queueQuery(c);
    const [page, accreditations, tax, frame] = await Promise.all([
      listAssessmentQueue(scope, query),
      listAccreditations(scope, { orgId: scope.actor.orgId, limit: 100 }),
      loadTaxonomy(scope, c.var.lang),
      pageFrame(c),
    ]);
    const filters: QueueFilters = {
      occupationCode: query.occupationCode,
      assessed: query.assessed,
      status: query.status,
    };
    return render(
      c,
      <AssessmentQueuePage
        frame={frame}
        tax={tax}
        occupations={accreditations.data.map((a) => a.occupationCode)}
        filters={filters}
        entries={page.data}
        nextHref={nextHref(
          "/console/assessments",
          { ...filters, limit: query.limit === PAGE_SIZE ? undefined : String(query.limit) },
          page.nextCursor,
        )}
      />,
    );
  })
  .get("/assessments/:traineeId", async (c) =>
    showTrainee(c, await consoleScopeOf(c), c.req.param("traineeId"), null, 200),
  )
  .post("/assessments/:traineeId", async (c) => {
    const id = c.req.param("traineeId");
    const values = await postedValues(c);
    const scope = await consoleScopeOf(c);
    // Who may not assess it learns so before the form is read: 403 for other kinds, 404 outside the queue.
    const entry = await getQueueEntry(scope, { traineeId: id });
    const parsed = parseAssessmentForm(c.var.t, entry, values);
    if (!parsed.ok) return showTrainee(c, scope, id, { values, errors: parsed.errors }, 400);
    try {
      await recordAssessment(scope, { traineeId: id, ...parsed.input });
    } catch (err) {
      const refused = refusedAssessment(c.var.t, err, values);
      if (!refused) throw err;
      return showTrainee(c, scope, id, { values, errors: refused.errors }, refused.status);
    }
    return seeOther(c, `/console/assessments/${id}?done=assessed`);
  })
  .get("/certificates", async (c) => {
    const scope = await consoleScopeOf(c);
    const cursor = c.req.query("cursor") || undefined;
    const [page, tax, frame] = await Promise.all([
      listAssessmentQueue(scope, { assessed: "true", limit: PAGE_SIZE, cursor }),
      loadTaxonomy(scope, c.var.lang),
      pageFrame(c),
    ]);
    const next = nextHref("/console/certificates", {}, page.nextCursor);
    return render(c, <CertificatesPage frame={frame} tax={tax} entries={page.data} nextHref={next} />);
  });
