import type { CommandSpec } from "../src/cli/command-spec.js";
import { HttpContext } from "../src/http/http-context.js";
import { runAllocate } from "../src/pipelines/allocate/allocate.js";
import { registryConnectors } from "../src/pipelines/allocate/connectors.js";
import { zohoStockSource } from "../src/pipelines/allocate/zoho-stock.js";
import { runPipeline } from "../src/runs/run-pipeline.js";

/** `hub allocate`: Zoho stock to per-channel quantities. */
export const allocateCommand: CommandSpec = {
  name: "allocate",
  description: "Zoho Inventory stock to per-channel quantities; publishes what changed",
  configure: (command) => command
      .option("--full", "publish every quantity, changed or not (drift repair)", false)
      .option("--force", "publish even when a guard would stop the run", false)
      .option("--from-inbox", "only the SKUs named by waiting Zoho webhook events", false)
      .option("--sku <sku...>", "only these SKUs"),
  run: (ctx, options) => {
    const channels = ctx.options.channels;
    return runPipeline(
      ctx,
      {
        command: "allocate",
        channel: channels.length === 1 ? channels[0] : null,
        args: { ...options, channels },
      },
      (scope) => {
        const http = new HttpContext(scope.logger);
        return runAllocate(
          scope,
          {
            full: options.full === true,
            force: options.force === true,
            fromInbox: options.fromInbox === true,
            skus: skuList(options.sku),
          },
          {
            stock: zohoStockSource(http, scope.settings, scope.knex),
            connectorFor: registryConnectors(scope.knex, http, scope.logger),
          },
        );
      },
    );
  },
};

/** The `--sku` values, however commander handed them over. */
export function skuList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === "string");
}
