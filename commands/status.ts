import type { CommandSpec } from "../src/cli/command-spec.js";
import { skippedOutcome } from "../src/cli/command-spec.js";
import { Settings } from "../src/config/settings.js";
import { ConfigError } from "../src/errors.js";
import { renderStatus } from "../src/ops/status-render.js";
import {
  buildStatusReport,
  readStatusFacts,
} from "../src/ops/status-report.js";
import { withDatabase } from "../src/runs/run-pipeline.js";
import { pendingMigrations } from "../src/storage/migrator.js";

/** `hub status`: last runs, backlog, protection and the watchdog. */
export const statusCommand: CommandSpec = {
  name: "status",
  description:
    "last runs, cursor lag, pending and failed items, protected SKUs and " +
    "watchdog findings; exits 1 when the watchdog finds a problem or a " +
    "tracking push is dead-lettered (cron can mail on that), else 0",
  configure: (command) => command,
  async run(ctx) {
    const outcome = await withDatabase(ctx, async (db) => {
      if ((await pendingMigrations(db.knex)).length > 0) {
        throw new ConfigError(
          "the database is not migrated: run `hub migrate` first",
        );
      }
      const now = new Date();
      const settings = await Settings.load(db.knex);
      return buildStatusReport(
        await readStatusFacts(db.knex, settings, now),
        now,
      );
    });
    if ("skipped" in outcome) return skippedOutcome(outcome.skipped);
    return {
      status: outcome.health === "ok" ? "succeeded" : "failed",
      result: outcome,
      render: (out) => renderStatus(out, outcome),
    };
  },
};
