import type { Knex } from "knex";
import { deliverPendingAlerts } from "../alerts/deliver.js";
import { raiseAlert } from "../alerts/raise.js";
import type { Settings } from "../config/settings.js";
import { describeError } from "../errors.js";
import type { Logger } from "../log/logger.js";

/** How a run ended, for the alerts raised after it. */
export interface RunEnd {
  command: string;
  channel: string | null;
  status: "succeeded" | "partial" | "failed" | "skipped";
  error?: string | null;
}

/**
 * What every run does once its own work is recorded: alert on a failed or
 * partial run, check the watchdog, and deliver waiting alerts. None of it
 * may change how the run ended, so its own failures are only logged.
 */
export async function afterRun(
  knex: Knex,
  settings: Settings,
  logger: Logger,
  end: RunEnd,
  watchdog?: (knex: Knex, settings: Settings) => Promise<void>,
): Promise<void> {
  try {
    if (end.status === "failed" || end.status === "partial") {
      const where = end.channel ? `${end.command} (${end.channel})` : end.command;
      await raiseAlert(
        knex,
        {
          key: `run:${where}:${end.status}`,
          kind: "run_failed",
          subject: `hub ${where} ${end.status === "failed" ? "failed" : "left work undone"}`,
          body: `${where} ended ${end.status}: ${end.error ?? "see the run's counts"}. Run \`hub status\` for what is pending; the next run retries what is undone.`,
        },
        settings.int("alerts.quiet_minutes"),
      );
    }
    if (watchdog) await watchdog(knex, settings);
    await deliverPendingAlerts(knex, settings, logger);
  } catch (error) {
    logger.error(`alerts after the run could not be handled: ${describeError(error)}`);
  }
}
