import type { CommandSpec } from "../src/cli/command-spec.js";
import { unavailable } from "../src/cli/unavailable.js";

/** `hub sandbox`. */
export const sandboxCommand: CommandSpec = {
  name: "sandbox",
  description: "local stand-ins of the six APIs, speaking their real wire formats",
  configure: (command) => command
      .option("--port <port>", "port on 127.0.0.1 (0 = any free port)", "4980")
      .option("--scenario <file>", "JSON scenario file (default: the built-in scenario)")
      .option("--env-file <file>", "also write the environment that points hub at the sandbox to this file")
      .option("--time-scale <n>", "run rate limits this many times faster", "1"),
  run: async () => unavailable("sandbox"),
};
