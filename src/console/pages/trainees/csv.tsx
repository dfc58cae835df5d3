/** The provider's CSV enrolment form on a contract's trainee page, and the problems of a refused file by row. */
import { CSV_MAX_BYTES, CSV_MAX_ROWS, FIELD_LABELS, type RowError } from "../../forms/enrolment-csv";
import { CsrfField, type PageFrame } from "../../layout";

/** A refused file's problems (at most the listed ones) and how many more there were. */
export interface CsvOutcome {
  errors: RowError[];
  more: number;
}

function RowErrors(props: { frame: PageFrame; outcome: CsvOutcome }) {
  const { t } = props.frame;
  return (
    <div class="problem" role="alert" id="csv-errors">
      <p>
        <strong>{t("csv.failed")}</strong>
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("csv.col.row")}</th>
              <th scope="col">{t("csv.col.field")}</th>
              <th scope="col">{t("csv.col.message")}</th>
            </tr>
          </thead>
          <tbody>
            {props.outcome.errors.map((e) => (
              <tr>
                <td>{e.row ?? "—"}</td>
                <td>{e.field ? t(FIELD_LABELS[e.field]) : t("csv.fileLevel")}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.outcome.more > 0 && <p>{t("csv.moreErrors", { n: props.outcome.more })}</p>}
    </div>
  );
}

/** The upload form (multipart), with the template's link and, after a refused file, its problems. */
export function CsvEnrolForm(props: { frame: PageFrame; contractId: string; outcome?: CsvOutcome }) {
  const { t, csrf } = props.frame;
  return (
    <section class="card" aria-labelledby="csv-title">
      <h2 id="csv-title">{t("csv.title")}</h2>
      <p class="hint" id="csv-hint">
        {t("csv.hint", { rows: CSV_MAX_ROWS, kb: CSV_MAX_BYTES / 1024 })}
      </p>
      <p>
        <a href="/console/trainees/template.csv" download>
          {t("csv.template")}
        </a>
      </p>
      {props.outcome && <RowErrors frame={props.frame} outcome={props.outcome} />}
      <form
        method="post"
        action={`/console/contracts/${props.contractId}/trainees/csv`}
        enctype="multipart/form-data"
        class="stack"
      >
        <CsrfField token={csrf} />
        <label for="f-csv">{t("csv.file")}</label>
        <input
          type="file"
          id="f-csv"
          name="file"
          accept=".csv,text/csv"
          required
          aria-describedby={props.outcome ? "csv-hint csv-errors" : "csv-hint"}
        />
        <p>
          <button type="submit">{t("csv.submit")}</button>
        </p>
      </form>
    </section>
  );
}
