/** English messages of objections; the type makes a key missing here a compile error. */
import type { zhCNObjections } from "./zh-CN.objections";

/** The English messages of objections. */
export const enObjections: Record<keyof typeof zhCNObjections, string> = {
  "objection.status.open": "Awaiting the company's answer",
  "objection.status.answered": "Answered, awaiting decision",
  "objection.status.upheld": "Upheld",
  "objection.status.dismissed": "Dismissed",

  "objections.title": "Objections",
  "objections.orderTitle": "Objections to the award: {title}",
  "objections.queueIntro":
    "During an award's publicity period a provider whose bid was not awarded may object; the company answers and the bureau decides.",
  "objections.none": "No objections.",
  "objections.queueNone": "No objection is waiting.",
  "objections.open": "Open the objections",
  "objections.link": "Objections to the award",
  "objection.by": "Objector: {name}",
  "objection.anonymous": "Another bidder",
  "objection.filedAt": "Filed at {at}",
  "objection.reason": "Grounds",
  "objection.answer": "The company's answer",
  "objection.answerAt": "The company's answer ({at})",
  "objection.decision": "The bureau's decision ({at}): {reason}",
  "objection.file": "Object to the award",
  "objection.fileIntro":
    "The publicity period lasts until {until}. An upheld objection annuls the award and the order returns to evaluation.",
  "objection.fileReason": "Grounds for the objection",
  "objection.fileSubmit": "File the objection",
  "objection.answerField": "Answer",
  "objection.answerSubmit": "Send the answer",
  "objection.decide": "Decide",
  "objection.decideChoice": "Decision",
  "objection.decide.upheld": "Uphold (annul the award)",
  "objection.decide.dismissed": "Dismiss",
  "objection.decideReason": "Reasons for the decision",
  "objection.decideSubmit": "Record the decision",
  "objection.col.order": "Order",
  "objection.col.filed": "Filed",
  "objection.col.status": "Status",

  "home.objections": "Objections to handle ({n})",

  "done.objectionFiled": "The objection is filed.",
  "done.objectionAnswered": "The answer is sent.",
  "done.objectionDecided": "The decision is recorded.",
};
