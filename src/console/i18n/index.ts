/**
 * The console's language: Simplified Chinese by default, English one click away. An explicit choice (the `ob_lang`
 * cookie, set by the language switch) wins; else the best of zh/en in Accept-Language; else zh-CN.
 */
import { en } from "./en";
import { type MessageKey, zhCN } from "./zh-CN";

export type { MessageKey };

/** The console's languages. */
export const LANGS = ["zh-CN", "en"] as const;
export type Lang = (typeof LANGS)[number];
/** The language without an explicit choice or a usable Accept-Language. */
export const DEFAULT_LANG: Lang = "zh-CN";

/** The message catalogues, by language; both have exactly the same keys (checked by type and by a test). */
export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { "zh-CN": zhCN, en };

/** Whether a value names one of the console's languages. */
export const isLang = (value: unknown): value is Lang => LANGS.includes(value as Lang);

/** The supported language an Accept-Language header prefers most (by q-value, then order), or null. */
export function fromAcceptLanguage(header: string | undefined): Lang | null {
  if (!header) return null;
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.split(",").slice(0, 20)) {
    const [tag, ...params] = part.trim().toLowerCase().split(";");
    const q = Number(
      params
        .find((p) => p.trim().startsWith("q="))
        ?.trim()
        .slice(2) ?? "1",
    );
    const lang: Lang | null = tag.startsWith("zh") ? "zh-CN" : tag.startsWith("en") ? "en" : null;
    if (lang && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? null;
}

/**
 * The language of a request: the explicit choice (cookie), else Accept-Language, else zh-CN.
 * @example chooseLang(undefined, "en-US,en;q=0.9") // "en"
 */
export function chooseLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(cookie)) return cookie;
  return fromAcceptLanguage(acceptLanguage) ?? DEFAULT_LANG;
}

export type Params = Record<string, string | number>;
/** Looks a message up and fills its `{name}` placeholders. */
export type Translate = (key: MessageKey, params?: Params) => string;

/**
 * The translator of one language. A key missing at run time (a dynamic key gone wrong) shows as the key itself,
 * which the console's tests look for in every page they render.
 * @example const t = translator("en"); t("order.status.open") // "Open"
 */
export function translator(lang: Lang): Translate {
  const catalogue = CATALOGUES[lang];
  return (key, params) => {
    const message = catalogue[key] ?? key;
    if (!params) return message;
    return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}
