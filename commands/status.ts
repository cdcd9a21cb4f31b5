import type { CommandSpec } from "../src/cli/command-spec.js";
import { unavailable } from "../src/cli/unavailable.js";

/** `hub status`. */
export const statusCommand: CommandSpec = {
  name: "status",
  description: "last runs, pending and failed items, cursor lag, protected SKUs",
  configure: (command) => command,
  run: async () => unavailable("status"),
};
