/** Labelled form controls: every input has a label, an error is tied to its input, and invalid inputs say so. */
import type { Child } from "hono/jsx";
import type { Translate } from "../i18n";

/** A form's submitted (or stored) values by field name, and its errors, already worded, by field name. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** A form with these values and no errors yet. */
export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });

interface ControlProps {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
}

const described = (name: string, hint?: string, error?: string) =>
  [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;

function Frame(props: ControlProps & { children: Child }) {
  const error = props.form.errors[props.name];
  return (
    <div class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      )}
      {props.children}
      {error && (
        <p class="error" id={`${props.name}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A text-like input (`text`, `email`, `password`, `number`, `date`, `datetime-local`). */
export function Input(
  props: ControlProps & { type?: string; min?: number; max?: number; step?: string; autocomplete?: string },
) {
  const error = props.form.errors[props.name];
  return (
    <Frame {...props}>
      <input
        id={`f-${props.name}`}
        name={props.name}
        type={props.type ?? "text"}
        value={props.type === "password" ? undefined : (props.form.values[props.name] ?? "")}
        required={props.required}
        min={props.min}
        max={props.max}
        step={props.step}
        autocomplete={props.autocomplete}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described(props.name, props.hint, error)}
      />
    </Frame>
  );
}

/** A labelled multi-line text input. */
export function TextArea(props: ControlProps) {
  const error = props.form.errors[props.name];
  return (
    <Frame {...props}>
      <textarea
        id={`f-${props.name}`}
        name={props.name}
        required={props.required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described(props.name, props.hint, error)}
      >
        {props.form.values[props.name] ?? ""}
      </textarea>
    </Frame>
  );
}

/** A labelled select of the given options. */
export function Select(props: ControlProps & { options: { value: string; label: string }[] }) {
  const error = props.form.errors[props.name];
  const current = props.form.values[props.name];
  return (
    <Frame {...props}>
      <select
        id={`f-${props.name}`}
        name={props.name}
        required={props.required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described(props.name, props.hint, error)}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A labelled checkbox that posts `on` when ticked. */
export function Checkbox(props: { form: FormState; name: string; label: string }) {
  return (
    <div class="check">
      <input
        type="checkbox"
        id={`f-${props.name}`}
        name={props.name}
        value="on"
        checked={props.form.values[props.name] === "on"}
      />
      <label for={`f-${props.name}`}>{props.label}</label>
    </div>
  );
}

/** The list of a form's errors above it, each linking to its field. */
export function ErrorSummary(props: { form: FormState; t: Translate }) {
  const entries = Object.entries(props.form.errors);
  if (entries.length === 0) return null;
  return (
    <div class="problem" role="alert">
      <p>
        <strong>{props.t("form.fixErrors")}</strong>
      </p>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#f-${name}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

const LEVELS = [1, 2, 3, 4, 5] as const;

/** 1–5 as select options, labelled with the national skill level names. */
export const levelOptions = (t: Translate) =>
  LEVELS.map((n) => ({ value: String(n), label: t("level.option", { n, name: t(`level.name.${n}`) }) }));

/** The link to a list's next page, when there is one (lists page by cursor, so there is no page count). */
export function Pager(props: { t: Translate; nextHref: string | null }) {
  if (!props.nextHref) return null;
  return (
    <p class="pager">
      <a href={props.nextHref}>{props.t("form.nextPage")}</a>
    </p>
  );
}
