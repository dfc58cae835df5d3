/** Drafting and editing orders (company): the occupation step, the form, and the posts that call the service. */
import { Hono } from "hono";
import { createOrder, getOrder, updateOrder } from "../../modules/orders/service";
import { requireKind } from "../../platform/actor";
import { AppError } from "../../platform/errors";
import { emptyForm, type FormState } from "../components/form";
import type { ConsoleContext, ConsoleEnv } from "../env";
import { formErrorsOf, isFieldFailure } from "../form-errors";
import { orderField, orderToForm, parseOrderForm } from "../forms/order";
import { postedValues, postedVersion } from "../forms/values";
import { OccupationStep, OrderFormPage } from "../pages/orders/order-form";
import { pageFrame, render, seeOther } from "../render";
import { consoleScopeOf } from "../session";
import { loadTaxonomy } from "../taxonomy";

/** A new order's starting values: Beijing, and deadlines a month and more ahead. */
function freshValues(occupationCode: string, now: Date): Record<string, string> {
  const day = 24 * 60 * 60 * 1000;
  const local = (days: number) =>
    new Date(now.getTime() + days * day + 8 * 3600 * 1000).toISOString().slice(0, 11);
  return {
    occupationCode,
    city: "Beijing",
    enquiryDeadline: `${local(21)}18:00`,
    bidDeadline: `${local(30)}18:00`,
    deliverBy: local(150).slice(0, 10),
  };
}

async function showForm(c: ConsoleContext, form: FormState, status: 200 | 400 | 409 | 412, orderId?: string) {
  const scope = await consoleScopeOf(c);
  const [frame, tax, order] = await Promise.all([
    pageFrame(c),
    loadTaxonomy(scope, c.var.lang),
    orderId ? getOrder(scope, { id: orderId }) : undefined,
  ]);
  return render(c, <OrderFormPage frame={frame} tax={tax} form={form} order={order} />, status);
}

/** The form again after a refused post: field errors beside their fields, a state or version conflict on top. */
function refusedForm(c: ConsoleContext, err: unknown, values: Record<string, string>): FormState {
  if (isFieldFailure(err)) return { values, errors: formErrorsOf(c.var.t, err, orderField) };
  if (err instanceof AppError && ["invalid_state", "precondition_failed", "conflict"].includes(err.code)) {
    const key = err.code === "precondition_failed" ? "orderForm.stale" : "orderForm.refused";
    return { values, errors: { _form: c.var.t(key) } };
  }
  throw err;
}

/** `/console/orders/new`, `POST /console/orders`, `/console/orders/:id/edit`. */
export const orderFormRouter = new Hono<ConsoleEnv>()
  .get("/orders/new", async (c) => {
    const scope = await consoleScopeOf(c);
    requireKind(scope.actor, "company");
    const occupation = c.req.query("occupation");
    const tax = await loadTaxonomy(scope, c.var.lang);
    if (!occupation || !tax.occupation(occupation)) {
      return render(c, <OccupationStep frame={await pageFrame(c)} tax={tax} action="/console/orders/new" />);
    }
    return showForm(c, emptyForm(freshValues(occupation, scope.now)), 200);
  })
  .post("/orders", async (c) => {
    const values = await postedValues(c);
    const parsed = parseOrderForm(c.var.t, values);
    if (!parsed.ok) return showForm(c, parsed.form, 400);
    try {
      const order = await createOrder(await consoleScopeOf(c), parsed.input);
      return seeOther(c, `/console/orders/${order.id}?done=created`);
    } catch (err) {
      return showForm(c, refusedForm(c, err, values), (err as AppError).status === 400 ? 400 : 409);
    }
  })
  .get("/orders/:id/edit", async (c) => {
    const scope = await consoleScopeOf(c);
    const order = await getOrder(scope, { id: c.req.param("id") });
    if (order.companyOrgId !== scope.actor.orgId) throw new AppError("not_found", "Not your order");
    const occupation = c.req.query("occupation");
    if (occupation === "") {
      const tax = await loadTaxonomy(scope, c.var.lang);
      const action = `/console/orders/${order.id}/edit`;
      return render(c, <OccupationStep frame={await pageFrame(c)} tax={tax} action={action} />);
    }
    const values = orderToForm(order);
    if (occupation) values.occupationCode = occupation;
    return showForm(c, emptyForm(values), 200, order.id);
  })
  .post("/orders/:id/edit", async (c) => {
    const id = c.req.param("id");
    const values = await postedValues(c);
    const parsed = parseOrderForm(c.var.t, values);
    if (!parsed.ok) return showForm(c, parsed.form, 400, id);
    const expectedVersion = postedVersion(values);
    if (expectedVersion === undefined) throw new AppError("validation_failed", "The form lost its version");
    try {
      await updateOrder(await consoleScopeOf(c), { id, expectedVersion, patch: parsed.input });
      return seeOther(c, `/console/orders/${id}?done=saved`);
    } catch (err) {
      const status = (err as AppError).status === 400 ? 400 : (err as AppError).status === 412 ? 412 : 409;
      return showForm(c, refusedForm(c, err, values), status, id);
    }
  });
