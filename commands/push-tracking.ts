import type { CommandSpec } from "../src/cli/command-spec.js";
import { ConfigError } from "../src/errors.js";
import { HttpContext } from "../src/http/http-context.js";
import { registryConnectors } from "../src/pipelines/push-tracking/connectors.js";
import { runPushTracking } from "../src/pipelines/push-tracking/index.js";
import { shipStationSource } from "../src/pipelines/push-tracking/shipstation-source.js";
import { runPipeline } from "../src/runs/run-pipeline.js";
import { ShipStationClient } from "../src/shipstation/client.js";

/** `hub push-tracking`. */
export const pushTrackingCommand: CommandSpec = {
  name: "push-tracking",
  description: "ShipStation shipments to tracking on each marketplace, per package",
  configure: (command) =>
    command.option("--since <time>", "re-read shipments since this ISO 8601 time"),
  async run(ctx, options) {
    const since =
      typeof options.since === "string" ? parseSince(options.since) : undefined;
    const channel =
      ctx.options.channels.length === 1 ? ctx.options.channels[0] : null;
    return runPipeline(
      ctx,
      {
        command: "push-tracking",
        channel,
        args: {
          since: options.since,
          channels: ctx.options.channels,
          dryRun: ctx.options.dryRun,
        },
      },
      (scope) => {
        const http = new HttpContext(scope.logger);
        const client = new ShipStationClient(http, scope.settings);
        const deps = {
          source: shipStationSource(client),
          connectors: registryConnectors({
            knex: scope.knex,
            http,
            logger: scope.logger,
          }),
        };
        return runPushTracking(scope, deps, since ? { since } : {});
      },
    );
  },
};

function parseSince(text: string): Date {
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(at.getTime())) {
    throw new ConfigError(
      `--since ${text} is not a time: give ISO 8601, e.g. 2026-12-01T00:00:00Z`,
    );
  }
  if (at.getTime() > Date.now()) {
    throw new ConfigError(`--since ${text} is in the future: give a time in the past`);
  }
  return at;
}
