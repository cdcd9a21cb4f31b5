import type { CommandSpec } from "../src/cli/command-spec.js";
import { ConfigError } from "../src/errors.js";
import { parseOrderKey, runPullOrders } from "../src/pipelines/pull-orders/index.js";
import { runPipeline } from "../src/runs/run-pipeline.js";

/** `hub pull-orders`. */
export const pullOrdersCommand: CommandSpec = {
  name: "pull-orders",
  description: "marketplace orders into ShipStation; deducts shadow stock and protects low stock",
  configure: (command) =>
    command
      .option("--since <time>", "re-read orders updated since this ISO 8601 time (back-fill)")
      .option("--order <key>", "replay one order, by order key <channel>:<order id>"),
  async run(ctx, options) {
    const since = typeof options.since === "string" ? parseSince(options.since) : undefined;
    const order = typeof options.order === "string" ? options.order : undefined;
    // A malformed key is refused before any run is recorded.
    if (order) parseOrderKey(order);
    const channel = ctx.options.channels.length === 1 ? ctx.options.channels[0] : null;
    return runPipeline(
      ctx,
      { command: "pull-orders", channel, args: { since: options.since, order, channels: ctx.options.channels, dryRun: ctx.options.dryRun } },
      (scope) => runPullOrders(scope, { ...(since ? { since } : {}), ...(order ? { order } : {}) }),
    );
  },
};

function parseSince(text: string): Date {
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(at.getTime())) {
    throw new ConfigError(`--since ${text} is not a time: give ISO 8601, e.g. 2026-12-01T00:00:00Z`);
  }
  if (at.getTime() > Date.now()) {
    throw new ConfigError(`--since ${text} is in the future: give a time in the past`);
  }
  return at;
}

