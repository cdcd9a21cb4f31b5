import type { CommandSpec } from "../src/cli/command-spec.js";
import { unavailable } from "../src/cli/unavailable.js";

/** `hub serve-webhooks`. */
export const serveWebhooksCommand: CommandSpec = {
  name: "serve-webhooks",
  description: "HTTP server for ShipStation and Zoho events into the inbox; /health and /metrics",
  configure: (command) => command
      .option("--port <port>", "port to listen on", "8787")
      .option("--host <host>", "address to listen on", "127.0.0.1"),
  run: async () => unavailable("serve-webhooks"),
};
