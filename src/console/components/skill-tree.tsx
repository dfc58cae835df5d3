/**
 * Picking skills from the taxonomy tree: nested lists of native checkboxes (keyboard and screen-reader friendly
 * without any script), each with the per-skill inputs its form needs (level, weight, share …) beside it.
 */
import type { Child } from "hono/jsx";
import type { Translate } from "../i18n";
import type { ConsoleTaxonomy } from "../taxonomy";
import type { FormState } from "./form";

type Skill = ConsoleTaxonomy["skills"][number];

/** The checkbox name of a skill; its per-skill inputs are named `<input>.<skillId>`. */
export const skillField = (skillId: string) => `skill.${skillId}`;

/** The ids of the skills ticked in a form. */
export const pickedSkills = (values: Record<string, string>) =>
  Object.keys(values)
    .filter((k) => k.startsWith("skill.") && values[k] === "on")
    .map((k) => k.slice("skill.".length));

/** A labelled select or number input beside a skill; its label names the skill for screen readers. */
export function SkillParam(props: {
  form: FormState;
  name: string;
  skillName: string;
  label: string;
  options?: { value: string; label: string }[];
  min?: number;
  max?: number;
  /** The value shown until the user picks one (a mid-scale level, say). */
  initial?: string;
}) {
  const id = `f-${props.name}`;
  const value = props.form.values[props.name] ?? props.initial ?? "";
  return (
    <span>
      <label for={id}>
        <span class="sr-only">{props.skillName} </span>
        {props.label}
      </label>{" "}
      {props.options ? (
        <select id={id} name={props.name}>
          {props.options.map((o) => (
            <option value={o.value} selected={o.value === value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} name={props.name} type="number" min={props.min} max={props.max} value={value} />
      )}
    </span>
  );
}

/**
 * The skills of a sector as a tree of checkboxes.
 * @example <SkillTree t={t} tax={tax} sector="ai" form={form} legend={t("order.skills")} params={(s) => …} />
 */
export function SkillTree(props: {
  t: Translate;
  tax: ConsoleTaxonomy;
  sector: string;
  form: FormState;
  legend: string;
  hint: string;
  params: (skill: Skill, name: string) => Child;
}) {
  const { tax, form } = props;
  const inSector = tax.skills.filter((s) => s.sector === props.sector);
  const ids = new Set(inSector.map((s) => s.id));
  const childrenOf = (parentId: string | null) =>
    inSector.filter((s) =>
      parentId === null ? s.parentId === null || !ids.has(s.parentId) : s.parentId === parentId,
    );
  const error = form.errors.skills;
  const branch = (list: Skill[]): Child =>
    list.length === 0 ? null : (
      <ul class="tree">
        {list.map((s) => {
          const name = tax.skillName(s.id);
          const field = skillField(s.id);
          return (
            <li>
              <div class="skill">
                <input
                  type="checkbox"
                  id={`f-${field}`}
                  name={field}
                  value="on"
                  checked={form.values[field] === "on"}
                />
                <label for={`f-${field}`}>{name}</label>
                <span class="params">{props.params(s, name)}</span>
              </div>
              {branch(childrenOf(s.id))}
            </li>
          );
        })}
      </ul>
    );
  return (
    <fieldset id="f-skills" aria-describedby={error ? "skills-error skills-hint" : "skills-hint"}>
      <legend>{props.legend}</legend>
      <p class="hint muted" id="skills-hint">
        {props.hint}
      </p>
      {error && (
        <p class="error" id="skills-error">
          {error}
        </p>
      )}
      {branch(childrenOf(null))}
    </fieldset>
  );
}
