import type { CommandSpec } from "../src/cli/command-spec.js";
import { unavailable } from "../src/cli/unavailable.js";

/** `hub pull-orders`. */
export const pullOrdersCommand: CommandSpec = {
  name: "pull-orders",
  description: "marketplace orders into ShipStation; deducts shadow stock and protects low stock",
  configure: (command) => command
      .option("--since <time>", "re-read orders updated since this ISO 8601 time (back-fill)")
      .option("--order <key>", "replay one order, by order key <channel>:<order id>"),
  run: async () => unavailable("pull-orders"),
};
