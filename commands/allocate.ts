import type { CommandSpec } from "../src/cli/command-spec.js";
import { unavailable } from "../src/cli/unavailable.js";

/** `hub allocate`. */
export const allocateCommand: CommandSpec = {
  name: "allocate",
  description: "Zoho Inventory stock to per-channel quantities; publishes what changed",
  configure: (command) => command
      .option("--full", "publish every quantity, changed or not (drift repair)", false)
      .option("--force", "publish even when a guard would stop the run", false)
      .option("--from-inbox", "only the SKUs named by waiting Zoho webhook events", false)
      .option("--sku <sku...>", "only these SKUs"),
  run: async () => unavailable("allocate"),
};
