import type { Command } from "commander";
import type { CommandContext, CommandOutcome } from "./context.js";

/** One subcommand: its options as data and one run function. */
export interface CommandSpec {
  name: string;
  description: string;
  /** Positional arguments, e.g. `[key]`. */
  arguments?: string;
  configure?: (command: Command) => void;
  run(
    ctx: CommandContext,
    options: Record<string, unknown>,
    args: string[],
  ): Promise<CommandOutcome>;
}

/** The outcome of a command that could not open the database. */
export function skippedOutcome(reason: string): CommandOutcome {
  return { status: "skipped", result: { status: "skipped", reason } };
}
