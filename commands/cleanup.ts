import type { CommandSpec } from "../src/cli/command-spec.js";
import { unavailable } from "../src/cli/unavailable.js";

/** `hub cleanup`. */
export const cleanupCommand: CommandSpec = {
  name: "cleanup",
  description: "delete history older than retention.days",
  configure: (command) => command,
  run: async () => unavailable("cleanup"),
};
