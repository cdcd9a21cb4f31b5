import os from "node:os";
import type { Logger } from "../log/logger.js";
import type { Output } from "./output.js";
import type { DatabaseTarget } from "../storage/database.js";

/** Options every command accepts, parsed in one place (cli/program.ts). */
export interface GlobalOptions {
  dryRun: boolean;
  json: boolean;
  verbose: boolean;
  channels: string[];
  target: DatabaseTarget;
  lockWaitMs: number;
}

/** What a command's run function receives. */
export interface CommandContext {
  options: GlobalOptions;
  logger: Logger;
  output: Output;
  /** The OS user: recorded in config history. */
  user: string;
  host: string;
}

/** The OS user name, or "unknown" where the OS cannot say. */
export function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? "unknown";
  }
}

/** How a command ended: status decides the exit code. */
export interface CommandOutcome {
  status: "succeeded" | "partial" | "failed" | "skipped";
  /** Printed as-is with `--json`. */
  result: unknown;
  /** Prints the summary for the operator (tables, lines). */
  render?: (output: Output) => void;
  /**
   * The run's summary is already a JSON log line: without a terminal (cron)
   * the table is not printed, so the log holds JSON lines only.
   */
  logged?: boolean;
}
