/** A provider's programs: the list, one program with its cohorts, and the program form. */
import type { Cohort } from "../../../modules/cohorts/schemas";
import type { Program } from "../../../modules/programs/schemas";
import { ErrorSummary, type FormState, Input, levelOptions, Select, TextArea } from "../../components/form";
import { SkillParam, SkillTree } from "../../components/skill-tree";
import type { MessageKey } from "../../i18n";
import { formatFen } from "../../i18n/format";
import { CsrfField, Layout, type PageFrame } from "../../layout";
import type { ConsoleTaxonomy } from "../../taxonomy";
import { CohortTable } from "./cohorts";

/** The provider's programs, active and archived. */
export function ProgramListPage(props: { frame: PageFrame; tax: ConsoleTaxonomy; programs: Program[] }) {
  const { t } = props.frame;
  return (
    <Layout frame={props.frame} title={t("program.title")} current="programs">
      <p class="actions">
        <a class="button" href="/console/programs/new">
          {t("program.new")}
        </a>
      </p>
      {props.programs.length === 0 ? (
        <p class="card">{t("program.none")}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("field.title")}</th>
                <th scope="col">{t("field.occupation")}</th>
                <th scope="col">{t("field.mode")}</th>
                <th scope="col">{t("field.cohortCapacity")}</th>
                <th scope="col">{t("field.price")}</th>
                <th scope="col">{t("field.status")}</th>
              </tr>
            </thead>
            <tbody>
              {props.programs.map((p) => (
                <tr>
                  <td>
                    <a href={`/console/programs/${p.id}`}>{p.title}</a>
                  </td>
                  <td>{props.tax.occupationName(p.occupationCode)}</td>
                  <td>{t(`mode.${p.mode}`)}</td>
                  <td>{p.cohortCapacity}</td>
                  <td>{formatFen(p.pricePerTraineeFen)}</td>
                  <td>
                    <span class={`badge ${p.status}`}>{t(`program.status.${p.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** One program: its terms, its actions and its cohorts. */
export function ProgramPage(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  program: Program;
  cohorts: Cohort[];
  done?: MessageKey;
  problem?: string;
}) {
  const { t, csrf } = props.frame;
  const { program: p, tax } = props;
  return (
    <Layout frame={props.frame} title={p.title} current="programs">
      {props.done && (
        <p class="notice" role="status">
          {t(props.done)}
        </p>
      )}
      {props.problem && (
        <p class="problem" role="alert">
          {props.problem}
        </p>
      )}
      {p.status === "active" && (
        <div class="actions">
          <a class="button secondary" href={`/console/programs/${p.id}/edit`}>
            {t("program.edit")}
          </a>
          <a class="button secondary" href={`/console/cohorts/new?program=${p.id}`}>
            {t("cohort.new")}
          </a>
          <form method="post" action={`/console/programs/${p.id}/archive`}>
            <CsrfField token={csrf} />
            <input type="hidden" name="version" value={String(p.version)} />
            <button type="submit" class="danger">
              {t("program.archive")}
            </button>
          </form>
        </div>
      )}
      <div class="card">
        <p>{p.description}</p>
        <dl class="facts">
          <dt>{t("field.status")}</dt>
          <dd>{t(`program.status.${p.status}`)}</dd>
          <dt>{t("field.occupation")}</dt>
          <dd>{tax.occupationName(p.occupationCode)}</dd>
          <dt>{t("field.durationWeeks")}</dt>
          <dd>{t("program.weeks", { n: p.durationWeeks })}</dd>
          <dt>{t("field.mode")}</dt>
          <dd>{t(`mode.${p.mode}`)}</dd>
          <dt>{t("field.city")}</dt>
          <dd>{p.city}</dd>
          <dt>{t("field.cohortCapacity")}</dt>
          <dd>{p.cohortCapacity}</dd>
          <dt>{t("field.price")}</dt>
          <dd>{t("order.perTrainee", { amount: formatFen(p.pricePerTraineeFen) })}</dd>
          <dt>{t("field.certification")}</dt>
          <dd>
            {t("program.certificationLine", {
              type: t(`certification.${p.certification.type}`),
              level: p.certification.level,
            })}
          </dd>
          <dt>{t("program.skills")}</dt>
          <dd>
            <ul class="evidence">
              {p.skills.map((s) => (
                <li>{t("program.skillLine", { skill: tax.skillName(s.skillId), level: s.level })}</li>
              ))}
            </ul>
          </dd>
        </dl>
      </div>
      <h2>{t("nav.cohorts")}</h2>
      {props.cohorts.length === 0 ? (
        <p class="card">{t("cohort.none")}</p>
      ) : (
        <CohortTable frame={props.frame} cohorts={props.cohorts} />
      )}
    </Layout>
  );
}

const MODES = ["onsite", "online", "hybrid"] as const;
const CERTIFICATIONS = ["vocational_skill_level", "professional_technical_grade"] as const;

/** Offering or amending a program: the occupation first, then the form with its skill tree. */
export function ProgramFormPage(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  form: FormState;
  /** Occupation codes the provider is accredited for. */
  occupations: string[];
  program?: Program;
}) {
  const { t, csrf } = props.frame;
  const { form, tax, program } = props;
  const occupation = tax.occupation(form.values.occupationCode);
  const title = program ? t("program.editTitle", { title: program.title }) : t("program.new");
  return (
    <Layout frame={props.frame} title={title} current="programs">
      <ErrorSummary form={form} t={t} />
      {form.errors._form && <p class="problem">{form.errors._form}</p>}
      {!occupation ? (
        <form method="get" action="/console/programs/new" class="card stack">
          <Select
            form={form}
            name="occupation"
            label={t("field.occupation")}
            hint={t("program.occupationHint")}
            options={props.occupations.map((code) => ({ value: code, label: tax.occupationName(code) }))}
          />
          <p>
            <button type="submit">{t("form.continue")}</button>
          </p>
        </form>
      ) : (
        <form
          method="post"
          action={program ? `/console/programs/${program.id}/edit` : "/console/programs"}
          class="stack"
          novalidate
        >
          <CsrfField token={csrf} />
          {program && <input type="hidden" name="version" value={String(program.version)} />}
          <input type="hidden" name="occupationCode" value={occupation.code} />
          <p>
            {t("field.occupation")}: <strong>{tax.occupationName(occupation.code)}</strong>
          </p>
          <Input form={form} name="title" label={t("field.title")} required />
          <TextArea form={form} name="description" label={t("field.description")} required />
          <SkillTree
            t={t}
            tax={tax}
            sector={occupation.sector}
            form={form}
            legend={t("program.skills")}
            hint={t("program.skillsHint")}
            params={(s, name) => (
              <SkillParam
                form={form}
                name={`level.${s.id}`}
                skillName={name}
                label={t("field.level")}
                options={levelOptions(t)}
                initial="3"
              />
            )}
          />
          <div class="row">
            <Input
              form={form}
              name="durationWeeks"
              type="number"
              min={1}
              label={t("field.durationWeeks")}
              required
            />
            <Select
              form={form}
              name="mode"
              label={t("field.mode")}
              options={MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))}
            />
            <Input form={form} name="city" label={t("field.city")} required />
            <Input
              form={form}
              name="cohortCapacity"
              type="number"
              min={1}
              label={t("field.cohortCapacity")}
              required
            />
            <Input form={form} name="priceYuan" label={t("field.price")} hint={t("form.yuanHint")} required />
            <Select
              form={form}
              name="certificationType"
              label={t("field.certification")}
              options={CERTIFICATIONS.map((c) => ({ value: c, label: t(`certification.${c}`) }))}
            />
            <Select
              form={form}
              name="certificationLevel"
              label={t("field.certificationLevel")}
              options={levelOptions(t)}
            />
          </div>
          <p class="actions">
            <button type="submit">{program ? t("form.save") : t("program.create")}</button>
            <a href={program ? `/console/programs/${program.id}` : "/console/programs"}>{t("form.cancel")}</a>
          </p>
        </form>
      )}
    </Layout>
  );
}
