/** `/verify` and `/verify/{certificateNo}`: anyone checks a certificate; the holder's name is masked. */
import type { CertificateCheck } from "../../../modules/assessments/schemas";
import { Layout, type PageFrame } from "../../layout";
import { levelLine } from "../assess/bits";

/** What the page shows: the form alone, a certificate, or why there is none. */
export type VerifyOutcome =
  | { kind: "form"; error?: string }
  | { kind: "found"; certificate: CertificateCheck }
  | { kind: "notFound" }
  | { kind: "rateLimited"; seconds: number }
  | { kind: "error" };

export interface VerifyView {
  /** The number asked about, as typed. */
  number: string;
  outcome: VerifyOutcome;
  /** The language chosen with `?lang=` (kept by the form), if any. */
  lang?: string;
  switchHref: string;
}

function CheckForm(props: { frame: PageFrame; view: VerifyView; error?: string }) {
  const { t } = props.frame;
  const described = ["no-hint", props.error ? "no-error" : ""].filter(Boolean).join(" ");
  return (
    <form method="get" action="/verify" class="card stack">
      {props.view.lang && <input type="hidden" name="lang" value={props.view.lang} />}
      <div class="field">
        <label for="f-no">{t("verify.field")}</label>
        <p class="hint" id="no-hint">
          {t("verify.fieldHint")}
        </p>
        <input
          id="f-no"
          name="no"
          type="text"
          value={props.view.number}
          required
          autocomplete="off"
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={described}
        />
        {props.error && (
          <p class="error" id="no-error">
            {props.error}
          </p>
        )}
      </div>
      <p>
        <button type="submit">{t("verify.submit")}</button>
      </p>
    </form>
  );
}

function Certificate(props: { frame: PageFrame; certificate: CertificateCheck }) {
  const { t, lang } = props.frame;
  const c = props.certificate;
  return (
    <section class="card" aria-labelledby="valid-title">
      <p class="notice" role="status" id="valid-title">
        {t("verify.valid")}
      </p>
      <dl class="facts">
        <dt>{t("verify.holder")}</dt>
        <dd>
          {c.holderName} <span class="muted">{t("verify.holderHint")}</span>
        </dd>
        <dt>{t("verify.occupation")}</dt>
        <dd>{lang === "zh-CN" ? c.occupation.nameZh : c.occupation.nameEn}</dd>
        <dt>{t("verify.certification")}</dt>
        <dd>{t(`certification.${c.certificationType}`)}</dd>
        <dt>{t("verify.level")}</dt>
        <dd>{levelLine(t, c.certificationType, c.level)}</dd>
        <dt>{t("verify.date")}</dt>
        <dd>{c.assessedOn}</dd>
        <dt>{t("verify.assessor")}</dt>
        <dd>{c.assessor.name}</dd>
      </dl>
    </section>
  );
}

const TITLES = {
  form: "verify.title",
  found: "verify.resultTitle",
  notFound: "verify.notFoundTitle",
  rateLimited: "verify.rateLimitedTitle",
  error: "verify.errorTitle",
} as const;

/** The page for every outcome; the form is always there to check another number. */
export function VerifyPage(props: { frame: PageFrame; view: VerifyView }) {
  const { t } = props.frame;
  const { outcome, number } = props.view;
  const title = t(TITLES[outcome.kind], { no: number });
  return (
    <Layout frame={props.frame} title={title} switchHref={props.view.switchHref}>
      {outcome.kind === "form" && <p>{t("verify.intro")}</p>}
      {outcome.kind === "found" && <Certificate frame={props.frame} certificate={outcome.certificate} />}
      {outcome.kind === "notFound" && (
        <p class="problem" role="alert">
          {t("verify.notFound", { no: number })}
        </p>
      )}
      {outcome.kind === "rateLimited" && (
        <p class="problem" role="alert">
          {t("verify.rateLimited", { seconds: outcome.seconds })}
        </p>
      )}
      {outcome.kind === "error" && (
        <p class="problem" role="alert">
          {t("verify.error")}
        </p>
      )}
      {outcome.kind !== "form" && <h2>{t("verify.another")}</h2>}
      <CheckForm
        frame={props.frame}
        view={props.view}
        error={outcome.kind === "form" ? outcome.error : undefined}
      />
      <p>
        <a href="/console/sign-in">{t("verify.signInLink")}</a>
      </p>
    </Layout>
  );
}
