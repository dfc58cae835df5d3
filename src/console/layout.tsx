/** The page shell of every console page: head, skip link, navigation, account and language switch, main. */
import type { Child } from "hono/jsx";
import { STYLESHEET_URL } from "./assets";
import { CSRF_FIELD } from "./csrf";
import type { Lang, Translate } from "./i18n";
import { navFor } from "./nav";
import type { OrgKind } from "../platform/actor";

/** Who is signed in, as the header shows it. */
export interface Viewer {
  displayName: string;
  orgName: string;
  orgKind: OrgKind;
}

/** What every page hands the layout. */
export interface PageFrame {
  t: Translate;
  lang: Lang;
  /** The request path (and query), where the language switch returns to. */
  path: string;
  /** The form token for this response (sign-out, and every form on the page). */
  csrf: string;
  viewer: Viewer | null;
}

/** The hidden CSRF field every state-changing form carries. */
export const CsrfField = ({ token }: { token: string }) => (
  <input type="hidden" name={CSRF_FIELD} value={token} />
);

/**
 * The document around a page's content.
 * @example return c.html(<Layout frame={frame} title={t("orders.title")} current="orders">…</Layout>);
 */
export function Layout(props: {
  frame: PageFrame;
  title: string;
  current?: string;
  /** The language switch of a page outside `/console` (whose cookies it does not see); the console's by default. */
  switchHref?: string;
  children?: Child;
}) {
  const { t, lang, path, csrf, viewer } = props.frame;
  const other: Lang = lang === "zh-CN" ? "en" : "zh-CN";
  const switchHref = props.switchHref ?? `/console/language/${other}?back=${encodeURIComponent(path)}`;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t("app.name")}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={STYLESHEET_URL} />
      </head>
      <body>
        <a class="skip" href="#main">
          {t("layout.skip")}
        </a>
        <header class="top">
          <a class="brand" href="/console">
            {t("app.name")}
          </a>
          {viewer && (
            <nav class="main" aria-label={t("layout.nav")}>
              <ul>
                {navFor(viewer.orgKind).map((entry) => (
                  <li>
                    <a href={entry.href} aria-current={entry.key === props.current ? "page" : undefined}>
                      {t(entry.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div class="account">
            <a href={switchHref} lang={other} hreflang={other}>
              {t("layout.switchLanguage")}
            </a>
            {viewer && (
              <>
                <span>
                  {viewer.displayName} · {viewer.orgName}
                </span>
                <form method="post" action="/console/sign-out">
                  <CsrfField token={csrf} />
                  <button type="submit" class="linkish">
                    {t("layout.signOut")}
                  </button>
                </form>
              </>
            )}
          </div>
        </header>
        <main id="main">
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <footer>{t("layout.footer")}</footer>
      </body>
    </html>
  );
}
