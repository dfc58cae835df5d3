/** The console's typed Hono environment: the API's, plus the request's language and session. */
import type { Context } from "hono";
import type { Actor } from "../platform/actor";
import type { AppEnv } from "../platform/context";
import type { Lang, Translate } from "./i18n";

/** The signed-in session of a console request: its actor and the raw token (the CSRF key). */
export interface ConsoleSession {
  actor: Actor;
  token: string;
}

/** The Hono environment of every console route. */
export interface ConsoleEnv {
  Bindings: AppEnv["Bindings"];
  Variables: AppEnv["Variables"] & {
    lang: Lang;
    t: Translate;
    /** Memoised cookie lookup (see `consoleSession`). */
    sessionPromise?: Promise<ConsoleSession | null>;
  };
}

export type ConsoleContext = Context<ConsoleEnv>;
