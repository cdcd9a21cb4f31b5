import os from "node:os";
import path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { loadDotEnv } from "../config/env.js";
import { ConfigError, HubError, describeError } from "../errors.js";
import { createLogger } from "../log/logger.js";
import { redactText, secretValuesFromEnv } from "../log/redact.js";
import { connectionLost, resolveTarget } from "../storage/database.js";
import { commands } from "./commands.js";
import { currentUser, type CommandContext, type GlobalOptions } from "./context.js";
import { Output } from "./output.js";

/** Exit codes, decided here and nowhere else. */
export const EXIT = { done: 0, failed: 1, usage: 2 } as const;

/** Builds the program; `onExit` receives the exit code of the command. */
export function buildProgram(onExit: (code: number) => void): Command {
  const program = new Command("hub")
    .description(
      "Marketplace orders into ShipStation, tracking back out, and per-marketplace quantities from Zoho Inventory stock.",
    )
    .option("--dry-run", "plan and print; change nothing outside hub and nothing in it but the run record", false)
    .option("--json", "print the result object as JSON on stdout and nothing else there", false)
    .option("--verbose", "log every step", false)
    .addOption(
      new Option("--channel <id>", "limit to one channel (repeatable)")
        .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
    )
    .option("--database-url <url>", "PostgreSQL server (default: $DATABASE_URL, else the embedded database)")
    .option("--data-dir <dir>", "embedded database folder (default: $HUB_DATA_DIR or ./.hub/data)")
    .showHelpAfterError("(run `hub --help` for the commands and options)")
    .configureHelp({ showGlobalOptions: true })
    .exitOverride();

  for (const spec of commands) {
    const command = program.command(spec.name).description(spec.description);
    if (spec.arguments) command.arguments(spec.arguments);
    spec.configure?.(command);
    command.exitOverride();
    command.action(async (...received: unknown[]) => {
      const self = received[received.length - 1] as Command;
      const args = (received.slice(0, -2) as Array<string | undefined>).filter(
        (a): a is string => typeof a === "string",
      );
      let globals: GlobalOptions;
      try {
        globals = readGlobals(self.optsWithGlobals());
      } catch (error) {
        if (!(error instanceof HubError)) throw error;
        process.stderr.write(`hub: ${error.message}\n`);
        onExit(error.exitCode);
        return;
      }
      onExit(await runCommand(spec.run, globals, self.opts(), args));
    });
  }
  return program;
}

function readGlobals(raw: Record<string, unknown>): GlobalOptions {
  const dataDir =
    (raw.dataDir as string | undefined) ??
    process.env.HUB_DATA_DIR ??
    path.join(".hub", "data");
  const lockWait = lockWaitMs(process.env.HUB_LOCK_WAIT_MS);
  return {
    dryRun: raw.dryRun === true,
    json: raw.json === true,
    verbose: raw.verbose === true,
    channels: (raw.channel as string[] | undefined) ?? [],
    target: resolveTarget(
      (raw.databaseUrl as string | undefined) ?? process.env.DATABASE_URL,
      dataDir,
    ),
    lockWaitMs: lockWait,
  };
}

// Longer than any sensible wait for another run: a larger value is a typo.
const MAX_LOCK_WAIT_MS = 600_000;

function lockWaitMs(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 5000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > MAX_LOCK_WAIT_MS) {
    throw new ConfigError(
      `HUB_LOCK_WAIT_MS=${raw} is not a whole number of milliseconds from 0 to ${MAX_LOCK_WAIT_MS}`,
    );
  }
  return value;
}

async function runCommand(
  run: (typeof commands)[number]["run"],
  options: GlobalOptions,
  commandOptions: Record<string, unknown>,
  args: string[],
): Promise<number> {
  const tty = Boolean(process.stdout.isTTY) && !options.json;
  const logger = createLogger({ tty, verbose: options.verbose });
  const output = new Output({ tty, json: options.json });
  const ctx: CommandContext = {
    options,
    logger,
    output,
    user: currentUser(),
    host: os.hostname(),
  };
  try {
    const outcome = await run(ctx, commandOptions, args);
    output.result(outcome.result);
    if (tty || !outcome.logged) {
      outcome.render?.(output);
      if (outcome.status === "skipped") output.line("skipped: another run holds the lock");
    }
    return outcome.status === "succeeded" || outcome.status === "skipped" ? EXIT.done : EXIT.failed;
  } catch (error) {
    return reportError(ctx, error);
  } finally {
    await new Promise<void>((resolve) => {
      logger.on("finish", resolve);
      logger.end();
      setTimeout(resolve, 200).unref();
    });
  }
}

function reportError(ctx: CommandContext, thrown: unknown): number {
  const error = connectionLost(thrown) ?? thrown;
  const secrets = secretValuesFromEnv(process.env);
  const message = redactText(describeError(error), secrets);
  const known = error instanceof HubError;
  const actor = known ? error.actor : "bug";
  const text = known
    ? message
    : `unexpected error: ${message}. This is a fault in hub itself: run again with --verbose and report the output.`;
  // One report per error: a plain line on a terminal, a JSON log line under
  // cron, and the result object too with --json.
  if (ctx.output.decorated) process.stderr.write(`hub: ${text}\n`);
  else {
    ctx.logger.error(text, {
      actor,
      ...(known || !(error instanceof Error) ? {} : { stack: error.stack }),
    });
  }
  if (ctx.options.json) ctx.output.result({ status: "failed", error: text, actor });
  return known ? error.exitCode : EXIT.failed;
}

/** Runs hub with the process arguments; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  loadDotEnv();
  let code: number = EXIT.done;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; every parse error is a usage error.
      return error.exitCode === 0 ? EXIT.done : EXIT.usage;
    }
    process.stderr.write(`hub: ${describeError(error)}\n`);
    return EXIT.failed;
  }
}
