import type { Knex } from "knex";
import type { CommandContext, CommandOutcome } from "../cli/context.js";
import { Settings } from "../config/settings.js";
import { ConfigError, describeError } from "../errors.js";
import type { Logger } from "../log/logger.js";
import { tryAdvisoryLock, type AdvisoryLock } from "../storage/advisory-lock.js";
import { openDatabase, type Database } from "../storage/database.js";
import { FolderBusyError } from "../storage/folder-lock.js";
import { pendingMigrations } from "../storage/migrator.js";
import { checkWatchdog, raiseWatchdogAlerts } from "../ops/watchdog.js";
import { afterRun, type RunEnd } from "./aftercare.js";
import { closeAbandonedRuns, finishRun, insertRun } from "./task-executions.js";

/** What a pipeline body gets: one database, one settings snapshot, one run. */
export interface RunScope {
  db: Database;
  knex: Knex;
  settings: Settings;
  logger: Logger;
  runId: number;
  dryRun: boolean;
  channels: string[];
}

/** What a pipeline body returns. */
export interface PipelineResult {
  status: "succeeded" | "partial" | "failed";
  counts: Record<string, unknown>;
  result: unknown;
  error?: string;
  render?: CommandOutcome["render"];
}

export interface RunSpec {
  command: string;
  /** Set when the run is limited to one channel: the lock is per channel. */
  channel?: string | null;
  args: Record<string, unknown>;
}

/**
 * The run discipline every pipeline shares: open the database, record the
 * run, take the lock (advisory on a server, the folder lock on the embedded
 * database), run the body, record the end, release everything — also when
 * the body throws or the process is told to stop.
 */
export async function runPipeline(
  ctx: CommandContext,
  spec: RunSpec,
  body: (scope: RunScope) => Promise<PipelineResult>,
): Promise<CommandOutcome> {
  const channel = spec.channel ?? null;
  const lockName = channel ? `hub:${spec.command}:${channel}` : `hub:${spec.command}`;
  let db: Database;
  try {
    db = await openDatabase(ctx.options.target, { lockWaitMs: ctx.options.lockWaitMs });
  } catch (error) {
    if (error instanceof FolderBusyError) return skipped(ctx, spec, error.message);
    throw error;
  }

  let runId: number | undefined;
  let settings: Settings | undefined;
  let end: RunEnd | undefined;
  let lock: AdvisoryLock | null = null;
  let finished = false;
  const finish = async (end: Parameters<typeof finishRun>[2]): Promise<void> => {
    if (finished || runId === undefined) return;
    finished = true;
    await finishRun(db.knex, runId, end);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    ctx.logger.error(`${spec.command} interrupted by ${signal}`, { runId });
    // Record the end, let go of the lock and the folder, then stop: the
    // pipelines are idempotent, so the next run picks up what is undone.
    void (async () => {
      try {
        await finish({ status: "failed", counts: {}, error: `interrupted by ${signal}` });
        await lock?.release();
        await db.close();
      } finally {
        process.exit(1);
      }
    })();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    const pending = await pendingMigrations(db.knex);
    if (pending.length > 0) {
      throw new ConfigError(
        `the database is missing ${pending.length} migration(s): run \`hub migrate\` first`,
      );
    }
    // dryRun is always recorded: the watchdog does not count dry runs.
    runId = await insertRun(db.knex, {
      command: spec.command,
      channel,
      args: { ...spec.args, dryRun: ctx.options.dryRun },
    });
    const logger = ctx.logger.child({ runId, command: spec.command, ...(channel ? { channel } : {}) });

    if (db.shared) {
      lock = await takeRunLocks(db.knex, spec.command, channel);
      if (!lock) {
        const reason = `another ${spec.command} run holds the lock ${lockName}`;
        logger.info(`skipped: ${reason}`);
        await finish({ status: "skipped", counts: {}, error: reason });
        return { status: "skipped", result: { status: "skipped", reason }, logged: true };
      }
      await closeAbandonedRuns(db.knex, { command: spec.command, channel, exceptId: runId });
    } else {
      // The folder lock makes this the only live process on this database.
      await closeAbandonedRuns(db.knex, { channel: null, exceptId: runId });
    }

    settings = await Settings.load(db.knex);
    const started = Date.now();
    const outcome = await body({
      db,
      knex: db.knex,
      settings,
      logger,
      runId,
      dryRun: ctx.options.dryRun,
      channels: ctx.options.channels,
    });
    await finish({ status: outcome.status, counts: outcome.counts, error: outcome.error ?? null });
    end = { command: spec.command, channel, status: outcome.status, error: outcome.error ?? null };
    // The one summary line of the run: under cron it is the whole report.
    logger.log(outcome.status === "succeeded" ? "info" : "error", `${spec.command} ${outcome.status}`, {
      counts: outcome.counts,
      durationMs: Date.now() - started,
      ...(outcome.error ? { error: outcome.error } : {}),
    });
    return {
      status: outcome.status,
      result: { runId, status: outcome.status, counts: outcome.counts, ...asObject(outcome.result) },
      ...(outcome.render ? { render: outcome.render } : {}),
      logged: true,
    };
  } catch (error) {
    await finish({ status: "failed", counts: {}, error: describeError(error) }).catch(() => undefined);
    // A configuration error is the operator's to fix and has already been
    // told on the terminal or in the log; it raises no run alert.
    if (runId !== undefined && !(error instanceof ConfigError)) {
      end = { command: spec.command, channel, status: "failed", error: describeError(error) };
    }
    throw error;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    if (end && settings && !ctx.options.dryRun) {
      await afterRun(db.knex, settings, ctx.logger, end, runWatchdog);
    }
    await lock?.release().catch(() => undefined);
    await db.close();
  }
}

/**
 * A run of one channel holds its command's lock shared and its channel's
 * lock exclusive; a run of every channel holds the command's lock
 * exclusive. So two channels run side by side, but never a whole run and
 * a channel run at once, nor two runs of one channel.
 */
async function takeRunLocks(
  knex: Knex,
  command: string,
  channel: string | null,
): Promise<AdvisoryLock | null> {
  if (!channel) return tryAdvisoryLock(knex, `hub:${command}`, "exclusive");
  const whole = await tryAdvisoryLock(knex, `hub:${command}`, "shared");
  if (!whole) return null;
  const one = await tryAdvisoryLock(knex, `hub:${command}:${channel}`, "exclusive");
  if (!one) {
    await whole.release();
    return null;
  }
  return {
    release: async () => {
      await one.release();
      await whole.release();
    },
  };
}

// The watchdog (dead man's switch, silent channels) is checked by every run.
async function runWatchdog(knex: Knex, settings: Settings): Promise<void> {
  await raiseWatchdogAlerts(knex, settings, await checkWatchdog(knex, settings, new Date()));
}

function skipped(ctx: CommandContext, spec: RunSpec, reason: string): CommandOutcome {
  ctx.logger.warn(`${spec.command} skipped: ${reason}`);
  return { status: "skipped", result: { status: "skipped", reason }, logged: true };
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { result: value };
}

/**
 * Opens the database for a command that is not a pipeline (config, migrate,
 * status): same folder lock, no run row.
 */
export async function withDatabase<T>(
  ctx: CommandContext,
  body: (db: Database) => Promise<T>,
): Promise<T | { skipped: string }> {
  let db: Database;
  try {
    db = await openDatabase(ctx.options.target, { lockWaitMs: ctx.options.lockWaitMs });
  } catch (error) {
    if (error instanceof FolderBusyError) {
      ctx.logger.warn(`skipped: ${error.message}`);
      return { skipped: error.message };
    }
    throw error;
  }
  try {
    return await body(db);
  } finally {
    await db.close();
  }
}
