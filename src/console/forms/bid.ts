/** The bid form: values to the bids module's input, checked by its schema; and a stored bid back to values. */
import { type Bid, type NewBid, newBidSchema } from "../../modules/bids/schemas";
import type { FormState } from "../components/form";
import { formErrorsOf } from "../form-errors";
import type { Translate } from "../i18n";
import { fenToYuanInput, yuanInputToFen } from "../i18n/format";

/** Where an input path's error shows on the bid form. */
export const bidField = (path: string) => (path === "pricePerTraineeFen" ? "priceYuan" : path);

/** The form values of a stored bid (for changing it). */
export function bidToForm(bid: Bid): Record<string, string> {
  return {
    programId: bid.programId,
    cohortId: bid.cohortId ?? "",
    invitationId: bid.invitationId ?? "",
    cohortSize: String(bid.cohortSize),
    priceYuan: fenToYuanInput(bid.pricePerTraineeFen),
    startDate: bid.startDate,
    endDate: bid.endDate,
    validUntil: bid.validUntil,
    proposal: bid.proposal,
  };
}

type Parsed = { ok: true; input: NewBid } | { ok: false; form: FormState };

/** A submitted bid form as a new bid (also the whole patch of a change). */
export function parseBidForm(t: Translate, v: Record<string, string>): Parsed {
  const errors: Record<string, string> = {};
  const price = v.priceYuan?.trim() ? yuanInputToFen(v.priceYuan) : undefined;
  if (price === null) errors.priceYuan = t("validation.money");
  const size = v.cohortSize?.trim() ? Number(v.cohortSize) : undefined;
  const parsed = newBidSchema.safeParse({
    programId: v.programId,
    cohortId: v.cohortId || null,
    invitationId: v.invitationId || null,
    cohortSize: size,
    pricePerTraineeFen: price ?? undefined,
    startDate: v.startDate,
    endDate: v.endDate,
    validUntil: v.validUntil,
    proposal: v.proposal,
  });
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, input: parsed.data };
  const zodErrors = parsed.success ? {} : formErrorsOf(t, parsed.error, bidField);
  return { ok: false, form: { values: v, errors: { ...zodErrors, ...errors } } };
}
