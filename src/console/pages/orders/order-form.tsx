/** Drafting and editing an order: first its occupation, then the whole form with that sector's skill tree. */
import type { Order } from "../../../modules/orders/schemas";
import {
  Checkbox,
  ErrorSummary,
  type FormState,
  Input,
  levelOptions,
  Select,
  TextArea,
} from "../../components/form";
import { SkillParam, SkillTree } from "../../components/skill-tree";
import { WEIGHT_FACTORS } from "../../forms/order";
import { CsrfField, Layout, type PageFrame } from "../../layout";
import type { ConsoleTaxonomy } from "../../taxonomy";

/** Step one of a new order: which occupation (the skill tree depends on its sector). */
export function OccupationStep(props: { frame: PageFrame; tax: ConsoleTaxonomy; action: string }) {
  const { t } = props.frame;
  const options = props.tax.occupations.map((o) => ({
    value: o.code,
    label: props.tax.occupationName(o.code),
  }));
  return (
    <Layout frame={props.frame} title={t("orderForm.newTitle")} current="newOrder">
      <form method="get" action={props.action} class="card stack">
        <Select
          form={{ values: {}, errors: {} }}
          name="occupation"
          label={t("field.occupation")}
          hint={t("orderForm.occupationHint")}
          options={options}
        />
        <p>
          <button type="submit">{t("form.continue")}</button>
        </p>
      </form>
    </Layout>
  );
}

const weightOptions = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));

/** The full order form; `order` is set when editing (a draft, or an amendment of an open order). */
export function OrderFormPage(props: {
  frame: PageFrame;
  tax: ConsoleTaxonomy;
  form: FormState;
  order?: Order;
}) {
  const { t, csrf } = props.frame;
  const { form, tax, order } = props;
  const occupation = tax.occupation(form.values.occupationCode);
  const action = order ? `/console/orders/${order.id}/edit` : "/console/orders";
  const title = order ? t("orderForm.editTitle", { title: order.title }) : t("orderForm.newTitle");
  const changeOccupation = order
    ? `/console/orders/${order.id}/edit?occupation=`
    : "/console/orders/new?occupation=";
  return (
    <Layout frame={props.frame} title={title} current={order ? "orders" : "newOrder"}>
      {order?.status === "open" && <p class="notice">{t("orderForm.amendNotice")}</p>}
      <ErrorSummary form={form} t={t} />
      {form.errors._form && <p class="problem">{form.errors._form}</p>}
      <form method="post" action={action} class="stack" novalidate>
        <CsrfField token={csrf} />
        {order && <input type="hidden" name="version" value={String(order.version)} />}
        <input type="hidden" name="occupationCode" value={form.values.occupationCode} />
        <fieldset>
          <legend>{t("orderForm.what")}</legend>
          <p>
            {t("field.occupation")}: <strong>{occupation ? tax.occupationName(occupation.code) : "—"}</strong>{" "}
            <a href={`${changeOccupation}`}>{t("orderForm.changeOccupation")}</a>
          </p>
          <Input form={form} name="title" label={t("field.title")} required />
          <TextArea form={form} name="description" label={t("field.description")} required />
        </fieldset>
        {occupation && (
          <SkillTree
            t={t}
            tax={tax}
            sector={occupation.sector}
            form={form}
            legend={t("orderForm.skills")}
            hint={t("orderForm.skillsHint")}
            params={(s, name) => (
              <>
                <SkillParam
                  form={form}
                  name={`minLevel.${s.id}`}
                  skillName={name}
                  label={t("field.minLevel")}
                  options={levelOptions(t)}
                  initial="3"
                />
                <SkillParam
                  form={form}
                  name={`weight.${s.id}`}
                  skillName={name}
                  label={t("field.weight")}
                  options={weightOptions}
                  initial="3"
                />
                <span>
                  <input
                    type="checkbox"
                    id={`f-essential.${s.id}`}
                    name={`essential.${s.id}`}
                    value="on"
                    checked={form.values[`essential.${s.id}`] === "on"}
                  />{" "}
                  <label for={`f-essential.${s.id}`}>
                    <span class="sr-only">{name} </span>
                    {t("field.essential")}
                  </label>
                </span>
              </>
            )}
          />
        )}
        <fieldset>
          <legend>{t("orderForm.people")}</legend>
          <div class="row">
            <Input
              form={form}
              name="headcountMin"
              type="number"
              min={1}
              label={t("field.headcountMin")}
              required
            />
            <Input
              form={form}
              name="headcountMax"
              type="number"
              min={1}
              label={t("field.headcountMax")}
              required
            />
            <Input form={form} name="deliverBy" type="date" label={t("field.deliverBy")} required />
            <Input
              form={form}
              name="budgetYuan"
              label={t("field.budgetYuan")}
              hint={t("form.yuanHint")}
              required
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("orderForm.where")}</legend>
          <div class="row">
            <Input form={form} name="city" label={t("field.city")} required />
            <Input form={form} name="district" label={t("field.district")} />
          </div>
          <Checkbox form={form} name="remoteAllowed" label={t("field.remoteAllowed")} />
        </fieldset>
        <fieldset>
          <legend>{t("orderForm.hiring")}</legend>
          <div class="row">
            <Input form={form} name="hires" type="number" min={0} label={t("field.hires")} required />
            <Input
              form={form}
              name="salaryMinYuan"
              label={t("field.salaryMin")}
              hint={t("form.yuanHint")}
              required
            />
            <Input
              form={form}
              name="salaryMaxYuan"
              label={t("field.salaryMax")}
              hint={t("form.yuanHint")}
              required
            />
            <Input
              form={form}
              name="servicePeriodMonths"
              type="number"
              min={0}
              label={t("field.servicePeriodMonths")}
              required
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("orderForm.deadlines")}</legend>
          <p class="hint muted">{t("orderForm.beijingTime")}</p>
          <div class="row">
            <Input
              form={form}
              name="enquiryDeadline"
              type="datetime-local"
              label={t("field.enquiryDeadline")}
              required
            />
            <Input
              form={form}
              name="bidDeadline"
              type="datetime-local"
              label={t("field.bidDeadline")}
              required
            />
          </div>
        </fieldset>
        <details>
          <summary>{t("orderForm.weights")}</summary>
          <fieldset>
            <legend>{t("orderForm.weightsLegend")}</legend>
            <p class="hint muted">{t("orderForm.weightsHint")}</p>
            <div class="row">
              {WEIGHT_FACTORS.map((f) => (
                <Input
                  form={form}
                  name={`w.${f}`}
                  type="number"
                  min={0}
                  max={100}
                  step="any"
                  label={t(`factor.${f}`)}
                />
              ))}
            </div>
          </fieldset>
        </details>
        <p class="actions">
          <button type="submit">{order ? t("orderForm.save") : t("orderForm.createDraft")}</button>
          <a href={order ? `/console/orders/${order.id}` : "/console"}>{t("form.cancel")}</a>
        </p>
      </form>
    </Layout>
  );
}
