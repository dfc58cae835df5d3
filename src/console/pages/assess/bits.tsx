/** What the assessor's pages and the public check share: level names per certification, the result badge. */
import type { CERTIFICATION_TYPES } from "../../../db/schema";
import type { Translate } from "../../i18n";

type CertificationType = (typeof CERTIFICATION_TYPES)[number];

/** A level in its certification's words: 3 → "3 级（三级/高级工）", or "3 级（高级）" for a professional grade. */
export function levelLine(t: Translate, type: CertificationType, level: number): string {
  const name =
    type === "professional_technical_grade"
      ? t(`assess.grade.${level as 1 | 2 | 3}`)
      : t(`level.name.${level as 1 | 2 | 3 | 4 | 5}`);
  return t("assess.levelLine", { n: level, name });
}

/** The certification and its level on one line. */
export const certificationLine = (t: Translate, type: CertificationType, level: number) =>
  `${t(`certification.${type}`)} · ${levelLine(t, type, level)}`;

/** A pass or a fail (the badge colours of verified and suspended: success and refusal). */
export const ResultBadge = (props: { t: Translate; result: "pass" | "fail" }) => (
  <span class={`badge ${props.result === "pass" ? "verified" : "suspended"}`}>
    {props.t(`assess.result.${props.result}`)}
  </span>
);
