/** The program and cohort forms: values to the programs and cohorts modules' inputs, checked by their schemas. */
import type { Cohort, NewCohort } from "../../modules/cohorts/schemas";
import { newCohortSchema } from "../../modules/cohorts/schemas";
import { newProgramSchema, type NewProgram, type Program } from "../../modules/programs/schemas";
import type { FormState } from "../components/form";
import { pickedSkills, skillField } from "../components/skill-tree";
import { formErrorsOf } from "../form-errors";
import type { Translate } from "../i18n";
import { fenToYuanInput, yuanInputToFen } from "../i18n/format";

const int = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : Number(v));

/** Where an input path's error shows on the program or cohort form. */
export function programField(path: string): string {
  if (path.startsWith("skills")) return "skills";
  if (path === "pricePerTraineeFen") return "priceYuan";
  if (path.startsWith("certification.")) return `certification${path.endsWith("type") ? "Type" : "Level"}`;
  return path;
}

/** The form values of a stored program (for amending). */
export function programToForm(p: Program): Record<string, string> {
  const values: Record<string, string> = {
    title: p.title,
    description: p.description,
    occupationCode: p.occupationCode,
    durationWeeks: String(p.durationWeeks),
    mode: p.mode,
    city: p.city,
    cohortCapacity: String(p.cohortCapacity),
    priceYuan: fenToYuanInput(p.pricePerTraineeFen),
    certificationType: p.certification.type,
    certificationLevel: String(p.certification.level),
  };
  for (const s of p.skills) {
    values[skillField(s.skillId)] = "on";
    values[`level.${s.skillId}`] = String(s.level);
  }
  return values;
}

type Parsed<T> = { ok: true; input: T } | { ok: false; form: FormState };

/** A submitted program form as a new program (also the whole patch of an amendment). */
export function parseProgramForm(t: Translate, v: Record<string, string>): Parsed<NewProgram> {
  const errors: Record<string, string> = {};
  const price = v.priceYuan?.trim() ? yuanInputToFen(v.priceYuan) : undefined;
  if (price === null) errors.priceYuan = t("validation.money");
  const parsed = newProgramSchema.safeParse({
    title: v.title,
    description: v.description,
    occupationCode: v.occupationCode,
    skills: pickedSkills(v).map((skillId) => ({ skillId, level: int(v[`level.${skillId}`]) ?? 3 })),
    durationWeeks: int(v.durationWeeks),
    mode: v.mode,
    city: v.city,
    cohortCapacity: int(v.cohortCapacity),
    pricePerTraineeFen: price ?? undefined,
    certification: { type: v.certificationType, level: int(v.certificationLevel) },
  });
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, input: parsed.data };
  const zodErrors = parsed.success ? {} : formErrorsOf(t, parsed.error, programField);
  return { ok: false, form: { values: v, errors: { ...zodErrors, ...errors } } };
}

/** The form values of a stored cohort (for amending). */
export function cohortToForm(c: Cohort): Record<string, string> {
  const values: Record<string, string> = {
    programId: c.programId,
    name: c.name,
    size: String(c.size),
    readyDate: c.readyDate,
    city: c.city,
    district: c.district ?? "",
  };
  for (const s of c.skills) {
    values[skillField(s.skillId)] = "on";
    values[`level.${s.skillId}`] = String(s.level);
    values[`share.${s.skillId}`] = String(Math.round(s.share * 100));
  }
  return values;
}

/** A submitted cohort form as a new cohort (its fields but `programId` are also an amendment's patch). */
export function parseCohortForm(t: Translate, v: Record<string, string>): Parsed<NewCohort> {
  const parsed = newCohortSchema.safeParse({
    programId: v.programId,
    name: v.name,
    size: int(v.size),
    readyDate: v.readyDate,
    city: v.city,
    ...(v.district?.trim() ? { district: v.district } : {}),
    skills: pickedSkills(v).map((skillId) => ({
      skillId,
      level: int(v[`level.${skillId}`]) ?? 3,
      share: (int(v[`share.${skillId}`]) ?? 100) / 100,
    })),
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, form: { values: v, errors: formErrorsOf(t, parsed.error, programField) } };
}
