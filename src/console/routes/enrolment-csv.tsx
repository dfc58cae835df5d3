/**
 * Enrolment from a CSV upload on a contract's trainee page: the file is read and every row checked in the handler
 * (bounded size and rows), then the whole batch goes through the trainees service in one call, which still enforces
 * the provider, the contract's state and its headcount. A refused file shows its problems by row; nobody is enrolled.
 */
import { Hono } from "hono";
import { enrolTrainees } from "../../modules/trainees/service";
import { AppError } from "../../platform/errors";
import type { ConsoleContext, ConsoleEnv } from "../env";
import {
  CSV_MAX_BYTES,
  CSV_MAX_LISTED,
  type RowError,
  readEnrolmentCsv,
  templateHeader,
} from "../forms/enrolment-csv";
import { ContractTraineesPage } from "../pages/trainees/trainees";
import { render, seeOther } from "../render";
import { traineesView } from "./trainees";

/** The trainee page again, with the file's problems beside the upload form. */
async function refusedFile(c: ConsoleContext, contractId: string, errors: RowError[], status: 400 | 409) {
  const view = await traineesView(c, contractId);
  const csv = { errors: errors.slice(0, CSV_MAX_LISTED), more: Math.max(0, errors.length - CSV_MAX_LISTED) };
  return render(c, <ContractTraineesPage frame={view.frame} view={{ ...view, csv }} />, status);
}

/** `/console/contracts/:id/trainees/csv` and `/console/trainees/template.csv`. */
export const enrolmentCsvRouter = new Hono<ConsoleEnv>()
  .get("/trainees/template.csv", (c) => {
    // A BOM first, so that spreadsheet programs open the file as UTF-8.
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", 'attachment; filename="trainees.csv"');
    return c.body(`\uFEFF${templateHeader(c.var.t)}\r\n`);
  })
  .post("/contracts/:id/trainees/csv", async (c) => {
    const id = c.req.param("id");
    const { t } = c.var;
    // The visibility and role checks come first: another provider's contract is a 404 before its file is read.
    const { scope, contract, delivery } = await traineesView(c, id);
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File) || file.size === 0)
      return refusedFile(c, id, [{ row: null, field: null, message: t("csv.error.noFile") }], 400);
    if (file.size > CSV_MAX_BYTES) {
      const message = t("csv.error.tooLarge", { kb: CSV_MAX_BYTES / 1024 });
      return refusedFile(c, id, [{ row: null, field: null, message }], 400);
    }
    const read = readEnrolmentCsv(t, new Uint8Array(await file.arrayBuffer()));
    if (!read.ok) return refusedFile(c, id, read.errors, 400);
    const page = `/console/contracts/${id}/trainees`;
    try {
      if (!contract.cohortId) throw new AppError("invalid_state", "the contract has not started");
      await enrolTrainees(scope, { cohortId: contract.cohortId, trainees: read.trainees });
    } catch (err) {
      // Anything but the headcount (not the provider, not active) is the error page in the page's language.
      if (!(err instanceof AppError && err.code === "conflict")) throw err;
      // Over the headcount: worded with the figures the page shows.
      const n = read.trainees.length;
      const left = Math.max(0, delivery.headcount - delivery.enrolled);
      const message = t("csv.error.headcount", {
        n,
        left,
        headcount: delivery.headcount,
        enrolled: delivery.enrolled,
      });
      return refusedFile(c, id, [{ row: null, field: null, message }], 409);
    }
    return seeOther(c, `${page}?done=enrolledCsv`);
  });
