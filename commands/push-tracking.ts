import type { CommandSpec } from "../src/cli/command-spec.js";
import { unavailable } from "../src/cli/unavailable.js";

/** `hub push-tracking`. */
export const pushTrackingCommand: CommandSpec = {
  name: "push-tracking",
  description: "ShipStation shipments to tracking on each marketplace, per package",
  configure: (command) => command
      .option("--since <time>", "re-read shipments since this ISO 8601 time"),
  run: async () => unavailable("push-tracking"),
};
