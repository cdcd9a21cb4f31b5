import type { CommandSpec } from "../../src/cli/command-spec.js";
import type { CommandContext, CommandOutcome } from "../../src/cli/context.js";
import { Output } from "../../src/cli/output.js";
import { createLogger } from "../../src/log/logger.js";
import type { DatabaseTarget } from "../../src/storage/database.js";

/** Runs a command's handler in this process, as the CLI would, silently. */
export function runCommandInProcess(
  command: CommandSpec,
  target: DatabaseTarget,
  options: Record<string, unknown> = {},
  globals: { dryRun?: boolean; channels?: string[]; json?: boolean } = {},
  args: string[] = [],
): Promise<CommandOutcome> {
  const ctx: CommandContext = {
    options: {
      dryRun: globals.dryRun ?? false,
      json: globals.json ?? true,
      verbose: false,
      channels: globals.channels ?? [],
      target,
      lockWaitMs: 10_000,
    },
    logger: createLogger({ tty: false, verbose: false, silent: true }),
    output: new Output({ tty: false, json: true }),
    user: "test",
    host: "test",
  };
  return command.run(ctx, options, args);
}
