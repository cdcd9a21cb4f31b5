import type { CommandSpec } from "../src/cli/command-spec.js";
import { Settings } from "../src/config/settings.js";
import { ConfigError } from "../src/errors.js";
import { openDatabase } from "../src/storage/database.js";
import { pendingMigrations } from "../src/storage/migrator.js";
import { readWebhookConfig } from "../src/webhooks/config.js";
import { embeddedRefusal, parsePort } from "../src/webhooks/listen-options.js";
import { startWebhookServer } from "../src/webhooks/server.js";
import { waitForStopSignal } from "../src/webhooks/stop-signal.js";

/** `hub serve-webhooks`: events into the inbox; /health and /metrics. */
export const serveWebhooksCommand: CommandSpec = {
  name: "serve-webhooks",
  description: "HTTP server for ShipStation and Zoho events into the inbox; /health and /metrics",
  configure: (command) => command
      .option("--port <port>", "port to listen on (0 picks a free one)", "8787")
      .option("--host <host>", "address to listen on", "127.0.0.1"),
  async run(ctx, options) {
    const target = ctx.options.target;
    if (target.kind === "embedded") throw embeddedRefusal();
    const port = parsePort(options.port);
    const host = String(options.host ?? "127.0.0.1");
    const logger = ctx.logger.child({ command: "serve-webhooks" });

    const db = await openDatabase(target);
    try {
      const pending = await pendingMigrations(db.knex);
      if (pending.length > 0) {
        throw new ConfigError(
          `the database is missing ${pending.length} migration(s): run \`hub migrate\` first`,
        );
      }
      const config = readWebhookConfig(await Settings.load(db.knex));
      for (const [name, token] of [
        ["HUB_SHIPSTATION_WEBHOOK_TOKEN", config.shipStationToken],
        ["HUB_ZOHO_WEBHOOK_TOKEN", config.zohoToken],
      ] as const) {
        if (token === undefined) {
          logger.warn(
            `${name} is not set: its endpoint answers 503 until it is`,
          );
        }
      }

      const server = await startWebhookServer({
        db: db.knex,
        config,
        logger,
        port,
        host,
      });
      logger.info(`listening on ${server.url}`, { url: server.url });
      ctx.output.line(`serve-webhooks listening on ${server.url} (Ctrl-C stops it)`);

      const signal = await waitForStopSignal();
      logger.info(`${signal} received: finishing requests in flight`);
      await server.close();
      logger.info("stopped");
      return {
        status: "succeeded",
        result: { status: "stopped", signal, url: server.url },
      };
    } finally {
      await db.close();
    }
  },
};
