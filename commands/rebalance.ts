import type { CommandSpec } from "../src/cli/command-spec.js";
import { unavailable } from "../src/cli/unavailable.js";

/** `hub rebalance`. */
export const rebalanceCommand: CommandSpec = {
  name: "rebalance",
  description: "recompute quantities from shadow stock without calling Zoho; publishes what changed",
  configure: (command) => command
      .option("--full", "publish every quantity, changed or not", false)
      .option("--force", "publish even when a guard would stop the run", false)
      .option("--sku <sku...>", "only these SKUs"),
  run: async () => unavailable("rebalance"),
};
