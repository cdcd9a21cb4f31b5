import type { CommandSpec } from "../src/cli/command-spec.js";
import { KEPT_TABLES, applyCleanup, planCleanup } from "../src/ops/cleanup.js";
import { runPipeline } from "../src/runs/run-pipeline.js";

/** `hub cleanup`: deletes history older than `retention.days`. */
export const cleanupCommand: CommandSpec = {
  name: "cleanup",
  description:
    "delete history older than retention.days (default 90): ended runs, " +
    "processed webhook events, old publications, alerts, closed deductions " +
    "and settled tracking of shipped orders; rows still needed and the " +
    "config history stay; --dry-run only counts",
  configure: (command) => command,
  run: (ctx) =>
    runPipeline(
      ctx,
      { command: "cleanup", args: { dryRun: ctx.options.dryRun } },
      async (scope) => {
        const plan = planCleanup(scope.settings, new Date());
        const deleted = await applyCleanup(scope.knex, plan, scope.dryRun);
        const total = Object.values(deleted).reduce((n, c) => n + c, 0);
        const verb = scope.dryRun ? "would delete" : "deleted";
        return {
          status: "succeeded",
          counts: { ...deleted, total },
          result: {
            dryRun: scope.dryRun,
            retentionDays: plan.retentionDays,
            cutoff: plan.cutoff.toISOString(),
            deleted,
            kept: KEPT_TABLES,
          },
          render: (out) => {
            out.table(
              `cleanup: rows older than ${plan.retentionDays} days`,
              ["table", verb],
              Object.entries(deleted).map(([table, n]) => [table, n]),
            );
            out.line(
              `${verb} ${total} row(s); config_history is kept as the audit trail`,
            );
          },
        };
      },
    ),
};
