import type { CommandSpec } from "../src/cli/command-spec.js";
import { unavailable } from "../src/cli/unavailable.js";

/** `hub demo`. */
export const demoCommand: CommandSpec = {
  name: "demo",
  description: "the whole cycle against the sandbox on the embedded database",
  configure: (command) => command,
  run: async () => unavailable("demo"),
};
