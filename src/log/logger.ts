import winston from "winston";
import { redact, redactText, secretValuesFromEnv } from "./redact.js";

export type Logger = winston.Logger;

export interface LoggerOptions {
  /** On a terminal lines are short and human; under cron, JSON. */
  tty: boolean;
  verbose: boolean;
  /** Silence everything (tests that only read the result). */
  silent?: boolean;
}

const redactFormat = winston.format((info) => {
  const secrets = secretValuesFromEnv(process.env);
  for (const key of Object.keys(info)) {
    const value = info[key];
    if (key === "level") continue;
    info[key] =
      key === "message" && typeof value === "string"
        ? redactText(value, secrets)
        : redact(value, secrets);
  }
  return info;
});

/**
 * The one logger of a process. Logs go to stderr so that stdout carries only
 * the `--json` result or the summary table.
 */
export function createLogger(options: LoggerOptions): Logger {
  const format = options.tty
    ? winston.format.combine(
        redactFormat(),
        winston.format.colorize(),
        winston.format.printf(({ level, message, ...meta }) => {
          const extra = Object.keys(meta).length ? ` ${JSON.stringify(meta)}` : "";
          return `${level}: ${String(message)}${extra}`;
        }),
      )
    : winston.format.combine(
        redactFormat(),
        winston.format.timestamp(),
        winston.format.json(),
      );
  const level = options.verbose ? "debug" : options.tty ? "warn" : "info";
  return winston.createLogger({
    level,
    format,
    silent: options.silent ?? false,
    transports: [
      new winston.transports.Console({
        stderrLevels: ["error", "warn", "info", "http", "verbose", "debug", "silly"],
      }),
    ],
  });
}
