/**
 * A match explained: each factor as a server-drawn SVG bar with its weight, and its evidence worded in the page's
 * language (skills by their taxonomy names). The API's English `detail` is not used here.
 */
import type { FactorEvidence, FactorResult, IneligibilityEvidence, SkillEvidence } from "../../matching";
import type { Translate } from "../i18n";
import { formatFen, formatPercent, formatScore } from "../i18n/format";
import type { ConsoleTaxonomy } from "../taxonomy";

const BAR_WIDTH = 160;

/** A 0–1 value as a bar; the number beside it carries the value for every reader. */
export function Bar(props: { value: number; label: string }) {
  const width = Math.round(Math.min(1, Math.max(0, props.value)) * BAR_WIDTH);
  return (
    <svg width={BAR_WIDTH} height="12" viewBox={`0 0 ${BAR_WIDTH} 12`} role="img" aria-label={props.label}>
      <rect class="bar-bg" x="0" y="0" width={BAR_WIDTH} height="12" rx="2" />
      <rect class="bar" x="0" y="0" width={width} height="12" rx="2" />
    </svg>
  );
}

function skillLine(t: Translate, tax: ConsoleTaxonomy, s: SkillEvidence): string {
  const skill = tax.skillName(s.skillId);
  if (s.outcome === "missing")
    return t(s.essential ? "ev.skill.missingEssential" : "ev.skill.missing", { skill });
  if (s.outcome === "related")
    return t("ev.skill.related", { skill, related: tax.skillName(s.heldSkillId!), level: s.level! });
  const share = s.share! < 1 ? t("ev.skill.share", { share: formatPercent(s.share!) }) : "";
  if (s.outcome === "shortfall")
    return t("ev.skill.shortfall", { skill, level: s.level!, min: s.minLevel }) + share;
  return t("ev.skill.met", { skill, level: s.level!, min: s.minLevel }) + share;
}

/** The evidence of one factor as sentences: a head line, and one line per required skill. */
export function evidenceLines(t: Translate, tax: ConsoleTaxonomy, e: FactorEvidence): string[] {
  switch (e.code) {
    case "skills_none_required":
      return [t("ev.skills_none_required")];
    case "skills_coverage":
      return [
        t("ev.skills_coverage", { covered: e.params.covered, required: e.params.required }),
        ...e.params.skills.map((s) => skillLine(t, tax, s)),
      ];
    case "size_within":
    case "size_below":
    case "size_above":
      return [
        t(`ev.${e.code}`, { size: e.params.size, min: e.params.headcountMin, max: e.params.headcountMax }),
      ];
    case "timing_on_time":
      return [
        t("ev.timing_on_time", {
          ready: e.params.readyDate,
          due: e.params.deliverBy,
          days: e.params.daysEarly,
        }),
      ];
    case "timing_late":
      return [
        t("ev.timing_late", {
          ready: e.params.readyDate,
          due: e.params.deliverBy,
          days: e.params.daysLate,
          decay: e.params.decayDays,
        }),
      ];
    case "location_same_district":
    case "location_same_city":
    case "location_remote":
    case "location_elsewhere": {
      const p = e.params;
      const unknown = t("ev.unknownDistrict");
      if (e.code === "location_same_district" && p.orderDistrict === null)
        return [t("ev.location_in_city", { city: p.orderCity })];
      return [
        t(`ev.${e.code}`, {
          city: p.city,
          district: p.district ?? unknown,
          orderCity: p.orderCity,
          orderDistrict: p.orderDistrict ?? unknown,
          mode: t(`mode.${p.mode}`),
        }),
      ];
    }
    case "price_no_budget":
    case "price_within_budget":
    case "price_over_budget":
      return [
        t(`ev.${e.code}`, {
          price: formatFen(e.params.priceFen),
          budget: formatFen(e.params.budgetFen),
          over: formatPercent(e.params.overBudgetRatio),
        }),
      ];
    case "track_record_city_prior": {
      const r = e.params.prior;
      return [
        t("ev.track_record_city_prior", {
          city: e.params.city,
          completion: formatPercent(r.completionRate),
          certification: formatPercent(r.certificationRate),
          placement: formatPercent(r.placementRate),
        }),
      ];
    }
    case "track_record_history": {
      const r = e.params.rates;
      return [
        t("ev.track_record_history", {
          city: e.params.city,
          contracts: e.params.contracts,
          completion: formatPercent(r.completionRate),
          certification: formatPercent(r.certificationRate),
          placement: formatPercent(r.placementRate),
          smoothedCompletion: formatPercent(e.params.smoothed.completionRate),
          smoothedCertification: formatPercent(e.params.smoothed.certificationRate),
          smoothedPlacement: formatPercent(e.params.smoothed.placementRate),
        }),
      ];
    }
  }
}

/** Why a pair is ineligible, worded. */
export function ineligibility(t: Translate, tax: ConsoleTaxonomy, e: IneligibilityEvidence): string {
  if (e.code === "missing_essential_skill")
    return t("ev.reason.missing_essential_skill", { skill: tax.skillName(e.params.skillId) });
  return t("ev.reason.occupation_mismatch", {
    occupation: tax.occupationName(e.params.occupationCode),
    orderOccupation: tax.occupationName(e.params.orderOccupationCode),
  });
}

/** Every factor of a match: name, bar, score out of 100, weight, and the worded evidence. */
export function FactorList(props: { t: Translate; tax: ConsoleTaxonomy; factors: FactorResult[] }) {
  const { t, tax } = props;
  return (
    <ul class="factors">
      {props.factors.map((f) => {
        const name = t(`factor.${f.factor}`);
        const [head, ...rest] = evidenceLines(t, tax, f.evidence);
        return (
          <li>
            <span>
              <strong>{name}</strong>
              <br />
              <span class="muted">{t("match.weight", { weight: formatPercent(f.weight) })}</span>
            </span>
            <Bar
              value={f.score}
              label={t("match.factorScore", { factor: name, score: formatScore(f.score) })}
            />
            <span aria-hidden="true">{formatScore(f.score)}</span>
            <div class="evidence">
              {head}
              {rest.length > 0 && (
                <ul class="evidence">
                  {rest.map((line) => (
                    <li>{line}</li>
                  ))}
                </ul>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
