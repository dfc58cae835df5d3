/** The order form: an order's fields as form values and back, checked by the orders module's own schemas. */
import { newOrderSchema, type Order, type OrderInput } from "../../modules/orders/schemas";
import type { FormState } from "../components/form";
import { pickedSkills, skillField } from "../components/skill-tree";
import type { Translate } from "../i18n";
import { fenToYuanInput, instantToLocalInput, localInputToInstant, yuanInputToFen } from "../i18n/format";
import { formErrorsOf } from "../form-errors";

/** The matching factors an order may weight, in the engine's order. */
export const WEIGHT_FACTORS = ["skills", "size", "timing", "location", "price", "trackRecord"] as const;

const MONEY = {
  budgetYuan: "budgetPerTraineeFen",
  salaryMinYuan: "salaryMinFen",
  salaryMaxYuan: "salaryMaxFen",
};

/** Where an input path's error shows on the form. */
export function orderField(path: string): string {
  if (path.startsWith("requiredSkills")) return "skills";
  if (path.startsWith("matchWeights.")) return `w.${path.split(".")[1]}`;
  if (path === "matchWeights") return "w.skills";
  if (path === "budgetPerTraineeFen") return "budgetYuan";
  if (path === "hiringCommitment.salaryMinFen") return "salaryMinYuan";
  if (path === "hiringCommitment.salaryMaxFen") return "salaryMaxYuan";
  return path.replace(/^(location|hiringCommitment)\./, "");
}

/** The form values of a stored order (for editing). */
export function orderToForm(order: Order): Record<string, string> {
  const values: Record<string, string> = {
    title: order.title,
    description: order.description,
    occupationCode: order.occupationCode,
    headcountMin: String(order.headcountMin),
    headcountMax: String(order.headcountMax),
    city: order.location.city,
    district: order.location.district ?? "",
    remoteAllowed: order.location.remoteAllowed ? "on" : "",
    deliverBy: order.deliverBy,
    budgetYuan: fenToYuanInput(order.budgetPerTraineeFen),
    hires: String(order.hiringCommitment.hires),
    salaryMinYuan: fenToYuanInput(order.hiringCommitment.salaryMinFen),
    salaryMaxYuan: fenToYuanInput(order.hiringCommitment.salaryMaxFen),
    servicePeriodMonths: String(order.hiringCommitment.servicePeriodMonths),
    enquiryDeadline: instantToLocalInput(order.enquiryDeadline),
    bidDeadline: instantToLocalInput(order.bidDeadline),
  };
  for (const s of order.requiredSkills) {
    values[skillField(s.skillId)] = "on";
    values[`minLevel.${s.skillId}`] = String(s.minLevel);
    values[`weight.${s.skillId}`] = String(s.weight);
    if (s.essential) values[`essential.${s.skillId}`] = "on";
  }
  for (const f of WEIGHT_FACTORS) {
    const w = order.matchWeights?.[f];
    if (w !== undefined) values[`w.${f}`] = String(w);
  }
  return values;
}

const int = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : Number(v));

/** The submitted form as the API's order input, plus the errors of values that are not even numbers or dates. */
function formToInput(t: Translate, v: Record<string, string>) {
  const errors: Record<string, string> = {};
  const money = (field: keyof typeof MONEY) => {
    if (!v[field]?.trim()) return undefined;
    const fen = yuanInputToFen(v[field]);
    if (fen === null) errors[field] = t("validation.money");
    return fen ?? undefined;
  };
  const instant = (field: string) => {
    if (!v[field]) return undefined;
    const at = localInputToInstant(v[field]);
    if (at === null) errors[field] = t("validation.dateTime");
    return at ?? undefined;
  };
  const weights = Object.fromEntries(
    WEIGHT_FACTORS.filter((f) => v[`w.${f}`]?.trim()).map((f) => [f, Number(v[`w.${f}`])]),
  );
  const input = {
    title: v.title,
    description: v.description,
    occupationCode: v.occupationCode,
    requiredSkills: pickedSkills(v).map((skillId) => ({
      skillId,
      minLevel: int(v[`minLevel.${skillId}`]) ?? 3,
      weight: int(v[`weight.${skillId}`]) ?? 3,
      essential: v[`essential.${skillId}`] === "on",
    })),
    headcountMin: int(v.headcountMin),
    headcountMax: int(v.headcountMax),
    location: {
      city: v.city,
      district: v.district?.trim() ? v.district : null,
      remoteAllowed: v.remoteAllowed === "on",
    },
    deliverBy: v.deliverBy,
    budgetPerTraineeFen: money("budgetYuan"),
    hiringCommitment: {
      hires: int(v.hires),
      salaryMinFen: money("salaryMinYuan"),
      salaryMaxFen: money("salaryMaxYuan"),
      servicePeriodMonths: int(v.servicePeriodMonths),
    },
    enquiryDeadline: instant("enquiryDeadline"),
    bidDeadline: instant("bidDeadline"),
    matchWeights: Object.keys(weights).length ? weights : null,
  };
  return { input, errors };
}

/**
 * Parses a submitted order form with the orders module's own schema (a draft's edit and an amendment send the whole
 * order, of which the service records only what changed); on failure, the form again with worded errors.
 * @example const parsed = parseOrderForm(t, values); if (parsed.ok) await createOrder(scope, parsed.input);
 */
export function parseOrderForm(
  t: Translate,
  values: Record<string, string>,
): { ok: true; input: OrderInput } | { ok: false; form: FormState } {
  const { input, errors } = formToInput(t, values);
  const parsed = newOrderSchema.safeParse(input);
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, input: parsed.data };
  const zodErrors = parsed.success ? {} : formErrorsOf(t, parsed.error, orderField);
  return { ok: false, form: { values, errors: { ...zodErrors, ...errors } } };
}
