/** The sign-in page: email and password, posted with the pre-session form token. */
import { emptyForm, ErrorSummary, type FormState, Input } from "../components/form";
import { CsrfField, Layout, type PageFrame } from "../layout";

/** The sign-in page, with what went wrong when it comes back. */
export function SignInPage(props: { frame: PageFrame; form?: FormState; next: string; problem?: string }) {
  const { t, csrf } = props.frame;
  const form = props.form ?? emptyForm();
  return (
    <Layout frame={props.frame} title={t("signIn.title")}>
      <div class="signin card">
        <p>{t("signIn.intro")}</p>
        {props.problem && (
          <p class="problem" role="alert">
            {props.problem}
          </p>
        )}
        <ErrorSummary form={form} t={t} />
        <form method="post" action="/console/sign-in" class="stack">
          <CsrfField token={csrf} />
          <input type="hidden" name="next" value={props.next} />
          <Input
            form={form}
            name="email"
            type="email"
            label={t("signIn.email")}
            autocomplete="username"
            required
          />
          <Input
            form={form}
            name="password"
            type="password"
            label={t("signIn.password")}
            autocomplete="current-password"
            required
          />
          <p>
            <button type="submit">{t("signIn.submit")}</button>
          </p>
        </form>
        <p>
          <a href="/verify">{t("verify.linkFromSignIn")}</a>
        </p>
      </div>
    </Layout>
  );
}
