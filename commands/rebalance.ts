import type { CommandSpec } from "../src/cli/command-spec.js";
import { HttpContext } from "../src/http/http-context.js";
import { registryConnectors } from "../src/pipelines/allocate/connectors.js";
import { runRebalance } from "../src/pipelines/allocate/rebalance.js";
import { runPipeline } from "../src/runs/run-pipeline.js";
import { skuList } from "./allocate.js";

/** `hub rebalance`: quantities from shadow stock, without Zoho. */
export const rebalanceCommand: CommandSpec = {
  name: "rebalance",
  description: "recompute quantities from shadow stock without calling Zoho; publishes what changed",
  configure: (command) => command
      .option("--full", "publish every quantity, changed or not", false)
      .option("--force", "publish even when a guard would stop the run", false)
      .option("--sku <sku...>", "only these SKUs"),
  run: (ctx, options) => {
    const channels = ctx.options.channels;
    return runPipeline(
      ctx,
      {
        command: "rebalance",
        channel: channels.length === 1 ? channels[0] : null,
        args: { ...options, channels },
      },
      (scope) =>
        runRebalance(
          scope,
          {
            full: options.full === true,
            force: options.force === true,
            skus: skuList(options.sku),
          },
          {
            connectorFor: registryConnectors(
              scope.knex,
              new HttpContext(scope.logger),
              scope.logger,
            ),
          },
        ),
    );
  },
};
