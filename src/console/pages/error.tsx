/** The friendly page of an AppError: what happened in the page's language, what to do, and the request id. */
import type { ErrorCode } from "../../platform/errors";
import { Layout, type PageFrame } from "../layout";

/** The codes a console page words; any other (rare) code reads as a generic failure. */
const WORDED = [
  "validation_failed",
  "forbidden",
  "not_found",
  "conflict",
  "invalid_state",
  "precondition_failed",
  "payload_too_large",
  "rate_limited",
  "unavailable",
] as const;
type Worded = (typeof WORDED)[number];

const worded = (code: ErrorCode): Worded | "internal" =>
  (WORDED as readonly string[]).includes(code) ? (code as Worded) : "internal";

/** The page of an error, in the page's language. */
export function ErrorPage(props: { frame: PageFrame; code: ErrorCode; requestId: string }) {
  const { t } = props.frame;
  const code = worded(props.code);
  return (
    <Layout frame={props.frame} title={t(`error.title.${code}`)}>
      <div class="card">
        <p>{t(`error.text.${code}`)}</p>
        <p class="muted">{t("error.requestId", { id: props.requestId })}</p>
        <p>
          <a href="/console">{t("error.home")}</a>
        </p>
      </div>
    </Layout>
  );
}
