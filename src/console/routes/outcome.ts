/** After a form post: back to the page with a worded outcome (`?done=` on success, `?problem=` when refused). */
import { AppError } from "../../platform/errors";
import type { ConsoleContext } from "../env";
import type { MessageKey } from "../i18n";
import { seeOther } from "../render";
import { ADMIN_DONE } from "./admin-done";

/** Outcomes a page can announce, by their query value. */
export const DONE: Record<string, MessageKey> = {
  ...ADMIN_DONE,
  created: "done.created",
  saved: "done.saved",
  published: "done.published",
  cancelled: "done.cancelled",
  asked: "done.asked",
  answered: "done.answered",
  archived: "done.archived",
  started: "done.started",
  graduated: "done.graduated",
  verified: "done.verified",
  suspended: "done.suspended",
  accredited: "done.accredited",
  bidCreated: "done.bidCreated",
  bidSaved: "done.bidSaved",
  submitted: "done.submitted",
  withdrawn: "done.withdrawn",
  reconfirmed: "done.reconfirmed",
  disqualified: "done.disqualified",
  awarded: "done.awarded",
  invited: "done.invited",
  signed: "done.signed",
  contractSubmitted: "done.contractSubmitted",
  reviewed: "done.reviewed",
  contractStarted: "done.contractStarted",
  completed: "done.completed",
  objectionFiled: "done.objectionFiled",
  objectionAnswered: "done.objectionAnswered",
  objectionDecided: "done.objectionDecided",
  enrolled: "done.enrolled",
  traineeCompleted: "done.traineeCompleted",
  placed: "done.placed",
};

/** Refusals a page explains in place (the rest get the error page). */
const PROBLEMS: Record<string, MessageKey> = {
  validation_failed: "problem.validation_failed",
  invalid_state: "problem.invalid_state",
  precondition_failed: "problem.precondition_failed",
  conflict: "problem.conflict",
  forbidden: "problem.forbidden",
};

/** The outcome message of a page's query (`?done=…` or `?problem=…`), if any. */
export function outcomeOf(c: ConsoleContext): { done?: MessageKey; problem?: string } {
  const done = c.req.query("done");
  const problem = c.req.query("problem");
  return {
    done: done && Object.hasOwn(DONE, done) ? DONE[done] : undefined,
    problem: problem && Object.hasOwn(PROBLEMS, problem) ? c.var.t(PROBLEMS[problem]) : undefined,
  };
}

/**
 * Runs a form's use case and goes back to `page` with its outcome; a refusal the page can explain goes back with
 * `?problem=`, anything else (404, 500) becomes the error page.
 * @example return afterPost(c, `/console/orders/${id}`, "published", () => publishOrder(scope, { id }));
 */
export async function afterPost(
  c: ConsoleContext,
  page: string,
  done: keyof typeof DONE,
  run: () => Promise<unknown>,
) {
  const [path, hash] = page.split("#");
  const join = path.includes("?") ? "&" : "?";
  const anchor = hash ? `#${hash}` : "";
  try {
    await run();
    return seeOther(c, `${path}${join}done=${done}${anchor}`);
  } catch (err) {
    if (err instanceof AppError && Object.hasOwn(PROBLEMS, err.code))
      return seeOther(c, `${path}${join}problem=${err.code}${anchor}`);
    throw err;
  }
}
