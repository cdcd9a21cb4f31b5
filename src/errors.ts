/**
 * Errors by who must act. The top-level handler in cli/program.ts turns them
 * into exit codes; nothing else calls process.exit.
 */

/** Base class: `exitCode` is what the process ends with. */
export abstract class HubError extends Error {
  abstract readonly exitCode: number;
  /** Who must act: shown in logs so cron mail says where to look. */
  abstract readonly actor: "operator" | "upstream" | "bug";
}

/** Bad input or configuration: the operator must fix something. Exit 2. */
export class ConfigError extends HubError {
  readonly exitCode = 2;
  readonly actor = "operator" as const;
  override name = "ConfigError";
}

/** A remote API failed or refused; retrying later may help. Exit 1. */
export class UpstreamError extends HubError {
  readonly exitCode = 1;
  readonly actor = "upstream" as const;
  override name = "UpstreamError";
  constructor(
    message: string,
    readonly details: {
      api: string;
      status?: number;
      code?: string;
      /** False for answers that cannot succeed on retry (most 4xx). */
      retryable: boolean;
      retryAfterMs?: number;
    },
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Something hub itself got wrong. Exit 1. */
export class BugError extends HubError {
  readonly exitCode = 1;
  readonly actor = "bug" as const;
  override name = "BugError";
}

/** The message of any thrown value, for logs and run rows. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
