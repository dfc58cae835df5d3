/** The bureau's subsidy policies: one per occupation, listed, and the form that sets or replaces one. */
import type { SubsidyPolicy } from "../../../modules/subsidies/schemas";
import { ErrorSummary, type FormState, Input, Select } from "../../components/form";
import type { MessageKey } from "../../i18n";
import { formatFen, formatInstant } from "../../i18n/format";
import { CsrfField, Layout, type PageFrame } from "../../layout";
import type { ConsoleTaxonomy } from "../../taxonomy";

/** What the subsidy policies page shows. */
export interface SubsidiesView {
  policies: SubsidyPolicy[];
  form: FormState;
  done?: MessageKey;
}

function PolicyTable(props: { frame: PageFrame; tax: ConsoleTaxonomy; policies: SubsidyPolicy[] }) {
  const { t } = props.frame;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("subsidies.col.occupation")}</th>
            <th scope="col">{t("subsidies.col.perTrainee")}</th>
            <th scope="col">{t("subsidies.col.valid")}</th>
            <th scope="col">{t("subsidies.col.version")}</th>
            <th scope="col">{t("subsidies.col.updated")}</th>
            <th scope="col">{t("subsidies.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {props.policies.map((p) => {
            const occupation = props.tax.occupationName(p.occupationCode);
            return (
              <tr id={`policy-${p.occupationCode}`}>
                <th scope="row">{occupation}</th>
                <td>{formatFen(p.perTraineeFen)}</td>
                <td>
                  {p.validUntil
                    ? t("subsidies.validRange", { from: p.validFrom, until: p.validUntil })
                    : t("subsidies.openEnded", { from: p.validFrom })}
                </td>
                <td>{p.version}</td>
                <td>{formatInstant(p.updatedAt)}</td>
                <td>
                  <a
                    href={`/console/subsidies?occupation=${p.occupationCode}#policy-form`}
                    aria-label={t("subsidies.edit", { occupation })}
                  >
                    {t("subsidies.editShort")}
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function PolicyForm(props: { frame: PageFrame; tax: ConsoleTaxonomy; form: FormState }) {
  const { t, csrf } = props.frame;
  const { form } = props;
  const options = props.tax.occupations.map((o) => ({
    value: o.code,
    label: props.tax.occupationName(o.code),
  }));
  return (
    <section class="card" aria-labelledby="policy-form">
      <h2 id="policy-form">{t("subsidies.form")}</h2>
      <p class="hint">{t("subsidies.formHint")}</p>
      <ErrorSummary form={form} t={t} />
      <form method="post" action="/console/subsidies" class="stack" novalidate>
        <CsrfField token={csrf} />
        <Select
          form={form}
          name="occupationCode"
          label={t("subsidies.field.occupation")}
          options={options}
          required
        />
        <Input
          form={form}
          name="perTraineeYuan"
          label={t("subsidies.field.perTraineeYuan")}
          hint={t("form.yuanHint")}
          required
        />
        <Input form={form} name="validFrom" type="date" label={t("subsidies.field.validFrom")} required />
        <Input form={form} name="validUntil" type="date" label={t("subsidies.field.validUntil")} />
        <p>
          <button type="submit">{t("subsidies.submit")}</button>
        </p>
      </form>
    </section>
  );
}

/** `/console/subsidies`. */
export function SubsidiesPage(props: { frame: PageFrame; tax: ConsoleTaxonomy; view: SubsidiesView }) {
  const { t } = props.frame;
  const { view } = props;
  return (
    <Layout frame={props.frame} title={t("subsidies.title")} current="subsidies">
      {view.done && (
        <p class="notice" role="status">
          {t(view.done)}
        </p>
      )}
      <p>{t("subsidies.intro")}</p>
      {view.policies.length === 0 ? (
        <p class="card">{t("subsidies.none")}</p>
      ) : (
        <PolicyTable frame={props.frame} tax={props.tax} policies={view.policies} />
      )}
      <PolicyForm frame={props.frame} tax={props.tax} form={view.form} />
    </Layout>
  );
}
