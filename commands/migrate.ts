import type { CommandSpec } from "../src/cli/command-spec.js";
import { skippedOutcome } from "../src/cli/command-spec.js";
import { ConfigError } from "../src/errors.js";
import { withDatabase } from "../src/runs/run-pipeline.js";
import {
  migrateLatest,
  migrateRollback,
  migrationStatus,
} from "../src/storage/migrator.js";

/** `hub migrate`: apply, list or roll back schema migrations. */
export const migrateCommand: CommandSpec = {
  name: "migrate",
  description: "apply the database migrations (--status lists them, --rollback undoes the last batch)",
  configure: (command) =>
    command
      .option("--status", "list applied and pending migrations; change nothing", false)
      .option("--rollback", "undo the last batch of migrations (drops their tables and data; needs --yes)", false)
      .option("--yes", "confirm --rollback", false),
  async run(ctx, options) {
    if (options.rollback && !options.yes && !ctx.options.dryRun) {
      throw new ConfigError(
        "--rollback drops the tables of the last migration batch with all their data (orders, tracking, history): run `hub migrate --status` to see the batch, back the database up, then add --yes",
      );
    }
    const outcome = await withDatabase(ctx, async (db) => {
      if (options.status || ctx.options.dryRun) {
        // A dry run of --rollback shows the batch it would undo.
        return { action: "status" as const, ...(await migrationStatus(db.knex)) };
      }
      if (options.rollback) {
        return { action: "rollback" as const, rolledBack: await migrateRollback(db.knex) };
      }
      return { action: "migrate" as const, applied: await migrateLatest(db.knex) };
    });
    if ("skipped" in outcome) return skippedOutcome(outcome.skipped);
    return {
      status: "succeeded",
      result: outcome,
      render: (out) => {
        if (outcome.action === "status") {
          out.table("migrations", ["name", "state"], [
            ...outcome.applied.map((n) => [n, "applied"]),
            ...outcome.pending.map((n) => [n, "pending"]),
          ]);
        } else if (outcome.action === "rollback") {
          out.line(`rolled back: ${outcome.rolledBack.join(", ") || "nothing"}`);
        } else {
          out.line(`applied: ${outcome.applied.join(", ") || "nothing (already up to date)"}`);
        }
      },
    };
  },
};
