/** A provider's cohorts: the table, one cohort with its moves, and the cohort form. */
import type { Cohort } from "../../../modules/cohorts/schemas";
import type { Program } from "../../../modules/programs/schemas";
import { ErrorSummary, type FormState, Input, levelOptions, Select } from "../../components/form";
import { SkillParam, SkillTree } from "../../components/skill-tree";
import type { MessageKey } from "../../i18n";
import { formatPercent } from "../../i18n/format";
import { CsrfField, Layout, type PageFrame } from "../../layout";
import type { ConsoleTaxonomy } from "../../taxonomy";

/** A cohort's state as a badge. */
export function CohortStatusBadge(props: { frame: PageFrame; cohort: Cohort }) {
  return (
    <span class={`badge ${props.cohort.status}`}>
      {props.frame.t(`cohort.status.${props.cohort.status}`)}
    </span>
  );
}

/** Cohorts as a table; `matchesLink` adds a link to each open cohort's ranked orders. */
export function CohortTable(props: { frame: PageFrame; cohorts: Cohort[]; matchesLink?: boolean }) {
  const { t } = props.frame;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("field.name")}</th>
            <th scope="col">{t("field.size")}</th>
            <th scope="col">{t("field.readyDate")}</th>
            <th scope="col">{t("field.location")}</th>
            <th scope="col">{t("field.status")}</th>
            {props.matchesLink && <th scope="col">{t("cohort.matches")}</th>}
          </tr>
        </thead>
        <tbody>
          {props.cohorts.map((c) => (
            <tr>
              <td>
                <a href={`/console/cohorts/${c.id}`}>{c.name}</a>
              </td>
              <td>{c.size}</td>
              <td>{c.readyDate}</td>
              <td>{[c.city, c.district].filter(Boolean).join(" · ")}</td>
              <td>
                <CohortStatusBadge frame={props.frame} cohort={c} />
              </td>
              {props.matchesLink && (
                <td>
                  <a href={`/console/market?cohort=${c.id}`}>{t("cohort.matches")}</a>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The provider's cohorts. */
export function CohortListPage(props: { frame: PageFrame; cohorts: Cohort[] }) {
  const { t } = props.frame;
  return (
    <Layout frame={props.frame} title={t("cohort.title")} current="cohorts">
      <p class="actions">
        <a class="button" href="/console/cohorts/new">
          {t("cohort.new")}
        </a>
      </p>
      {props.cohorts.length === 0 ? (
        <p class="card">{t("cohort.none")}</p>
      ) : (
        <CohortTable frame={props.frame} cohorts={props.cohorts} />
      )}
    </Layout>
  );
}

/** One cohort: its profile and its moves (start, graduate). */
export function CohortPage(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  cohort: Cohort;
  program: Program;
  done?: MessageKey;
  problem?: string;
}) {
  const { t, csrf } = props.frame;
  const { cohort: c, tax } = props;
  const move = (action: "start" | "graduate", label: MessageKey) => (
    <form method="post" action={`/console/cohorts/${c.id}/${action}`}>
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={String(c.version)} />
      <button type="submit">{t(label)}</button>
    </form>
  );
  return (
    <Layout frame={props.frame} title={c.name} current="cohorts">
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
      <div class="actions">
        {c.status === "planned" && c.contractId === null && (
          <a class="button secondary" href={`/console/cohorts/${c.id}/edit`}>
            {t("cohort.edit")}
          </a>
        )}
        {c.status === "planned" && move("start", "cohort.start")}
        {c.status === "in_training" && move("graduate", "cohort.graduate")}
        {c.contractId === null && c.status !== "graduated" && (
          <a class="button secondary" href={`/console/market?cohort=${c.id}`}>
            {t("cohort.matches")}
          </a>
        )}
      </div>
      <div class="card">
        <dl class="facts">
          <dt>{t("field.status")}</dt>
          <dd>
            <CohortStatusBadge frame={props.frame} cohort={c} />
          </dd>
          <dt>{t("field.program")}</dt>
          <dd>
            <a href={`/console/programs/${props.program.id}`}>{props.program.title}</a>
          </dd>
          <dt>{t("field.occupation")}</dt>
          <dd>{tax.occupationName(c.occupationCode)}</dd>
          <dt>{t("field.size")}</dt>
          <dd>{c.size}</dd>
          <dt>{t("field.readyDate")}</dt>
          <dd>{c.readyDate}</dd>
          <dt>{t("field.location")}</dt>
          <dd>{[c.city, c.district].filter(Boolean).join(" · ")}</dd>
          <dt>{t("cohort.profile")}</dt>
          <dd>
            <ul class="evidence">
              {c.skills.map((s) => (
                <li>
                  {t("cohort.profileLine", {
                    skill: tax.skillName(s.skillId),
                    level: s.level,
                    share: formatPercent(s.share),
                  })}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
      </div>
    </Layout>
  );
}

/** Planning or amending a cohort: the program first, then the form with its skill profile. */
export function CohortFormPage(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  form: FormState;
  programs: Program[];
  cohort?: Cohort;
}) {
  const { t, csrf } = props.frame;
  const { form, tax, cohort } = props;
  const program = props.programs.find((p) => p.id === form.values.programId);
  const occupation = program && tax.occupation(program.occupationCode);
  const title = cohort ? t("cohort.editTitle", { name: cohort.name }) : t("cohort.new");
  return (
    <Layout frame={props.frame} title={title} current="cohorts">
      <ErrorSummary form={form} t={t} />
      {form.errors._form && <p class="problem">{form.errors._form}</p>}
      {!program || !occupation ? (
        <form method="get" action="/console/cohorts/new" class="card stack">
          <Select
            form={form}
            name="program"
            label={t("field.program")}
            hint={t("cohort.programHint")}
            options={props.programs.map((p) => ({ value: p.id, label: p.title }))}
          />
          <p>
            <button type="submit">{t("form.continue")}</button>
          </p>
        </form>
      ) : (
        <form
          method="post"
          action={cohort ? `/console/cohorts/${cohort.id}/edit` : "/console/cohorts"}
          class="stack"
          novalidate
        >
          <CsrfField token={csrf} />
          {cohort && <input type="hidden" name="version" value={String(cohort.version)} />}
          <input type="hidden" name="programId" value={program.id} />
          <p>
            {t("field.program")}: <strong>{program.title}</strong>
          </p>
          <Input form={form} name="name" label={t("field.name")} required />
          <div class="row">
            <Input
              form={form}
              name="size"
              type="number"
              min={1}
              label={t("field.size")}
              hint={t("cohort.sizeHint", { n: program.cohortCapacity })}
              required
            />
            <Input form={form} name="readyDate" type="date" label={t("field.readyDate")} required />
            <Input form={form} name="city" label={t("field.city")} required />
            <Input form={form} name="district" label={t("field.district")} />
          </div>
          <SkillTree
            t={t}
            tax={tax}
            sector={occupation.sector}
            form={form}
            legend={t("cohort.profile")}
            hint={t("cohort.profileHint")}
            params={(s, name) => (
              <>
                <SkillParam
                  form={form}
                  name={`level.${s.id}`}
                  skillName={name}
                  label={t("field.level")}
                  options={levelOptions(t)}
                  initial="3"
                />
                <SkillParam
                  form={form}
                  name={`share.${s.id}`}
                  skillName={name}
                  label={t("field.sharePercent")}
                  min={0}
                  max={100}
                  initial="80"
                />
              </>
            )}
          />
          <p class="actions">
            <button type="submit">{cohort ? t("form.save") : t("cohort.create")}</button>
            <a href={cohort ? `/console/cohorts/${cohort.id}` : "/console/cohorts"}>{t("form.cancel")}</a>
          </p>
        </form>
      )}
    </Layout>
  );
}
