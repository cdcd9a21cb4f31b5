import type { CommandSpec } from "../src/cli/command-spec.js";
import { skippedOutcome } from "../src/cli/command-spec.js";
import { ConfigError } from "../src/errors.js";
import { withDatabase } from "../src/runs/run-pipeline.js";
import { pendingMigrations } from "../src/storage/migrator.js";
import { seedDefaults } from "../seeds/defaults.js";

/** `hub seed`: default configuration, never over an operator's value. */
export const seedCommand: CommandSpec = {
  name: "seed",
  description: "load the default configuration (never overwrites a value an operator set)",
  async run(ctx) {
    const outcome = await withDatabase(ctx, async (db) => {
      if ((await pendingMigrations(db.knex)).length > 0) {
        throw new ConfigError("the database is not migrated: run `hub migrate` first");
      }
      if (ctx.options.dryRun) return { written: [], dryRun: true };
      return { written: await seedDefaults(db.knex, ctx.user) };
    });
    if ("skipped" in outcome) return skippedOutcome(outcome.skipped);
    return {
      status: "succeeded",
      result: outcome,
      render: (out) => out.line(`defaults written: ${outcome.written.length}`),
    };
  },
};
