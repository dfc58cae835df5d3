/** A small structured logger (JSON lines), injected so tests can silence it. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LEVELS)[number];

/** @example const logger = createLogger("info"); logger.info("listening", { port: 8787 }); */
export function createLogger(level: LogLevel): Logger {
  const min = LEVELS.indexOf(level);
  const at =
    (lvl: Exclude<LogLevel, "silent">) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (LEVELS.indexOf(lvl) < min) return;
      const line = JSON.stringify({ level: lvl, time: new Date().toISOString(), msg, ...fields });
      if (lvl === "error" || lvl === "warn") console.error(line);
      else console.log(line);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
