import type { CommandSpec } from "../src/cli/command-spec.js";
import { unavailable } from "../src/cli/unavailable.js";

/** `hub doctor`. */
export const doctorCommand: CommandSpec = {
  name: "doctor",
  description: "check configuration, credentials, token expiry, clock skew, database and migrations",
  configure: (command) => command,
  run: async () => unavailable("doctor"),
};
