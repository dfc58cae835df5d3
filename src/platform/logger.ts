/** A small structured logger (JSON lines), injected so tests can silence it. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LEVELS)[number];

/** Where info and debug lines go; warnings and errors always go to `console.error` at once. */
export type LogSink = (line: string) => void;

/**
 * @param sink where info and debug lines go: `console.log` by default (Workers, the CLI); the Node server passes a
 *   batching writer (`batchedStdout`), as a synchronous write per request is a tenth of its CPU under load.
 * @example const logger = createLogger("info"); logger.info("listening", { port: 8787 });
 */
export function createLogger(level: LogLevel, sink: LogSink = (line) => console.log(line)): Logger {
  const min = LEVELS.indexOf(level);
  const at =
    (lvl: Exclude<LogLevel, "silent">) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (LEVELS.indexOf(lvl) < min) return;
      const line = JSON.stringify({ level: lvl, time: new Date().toISOString(), msg, ...fields });
      if (lvl === "error" || lvl === "warn") console.error(line);
      else sink(line);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
