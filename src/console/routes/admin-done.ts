/** Outcomes of the subsidy, contract-terms, termination and CSV enrolment forms (spread into `DONE`). */
import type { MessageKey } from "../i18n";

export const ADMIN_DONE = {
  policySaved: "done.policySaved",
  termsChanged: "done.termsChanged",
  terminated: "done.terminated",
  enrolledCsv: "done.enrolledCsv",
} satisfies Record<string, MessageKey>;
