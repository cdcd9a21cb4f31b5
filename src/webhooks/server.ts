import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Knex } from "knex";
import { describeError } from "../errors.js";
import type { Logger } from "../log/logger.js";
import type { WebhookConfig } from "./config.js";
import { parseShipStationEvent, parseZohoEvent } from "./events.js";
import { checkHealth } from "./health.js";
import { METRICS_CONTENT_TYPE, renderMetrics } from "./metrics.js";
import { receiveEvent, type EventEndpoint } from "./receive.js";
import { sendJson, sendText } from "./respond.js";

/** How long shutdown waits for requests in flight before cutting them. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** A running webhook server. */
export interface WebhookServer {
  readonly url: string;
  readonly port: number;
  /** Stops accepting, lets requests in flight finish, then resolves. */
  close(): Promise<void>;
}

function endpoints(config: WebhookConfig): Record<string, EventEndpoint> {
  return {
    shipstation: {
      source: "shipstation",
      token: config.shipStationToken,
      tokenVariable: "HUB_SHIPSTATION_WEBHOOK_TOKEN",
      parse: (text) => parseShipStationEvent(text, config.shipStationBase),
    },
    zoho: {
      source: "zoho",
      token: config.zohoToken,
      tokenVariable: "HUB_ZOHO_WEBHOOK_TOKEN",
      parse: (text, receivedAt) => parseZohoEvent(text, receivedAt),
    },
  };
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  sendJson(res, 405, { error: `use ${allow}` }, { allow });
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  db: Knex,
  byName: Record<string, EventEndpoint>,
  logger: Logger,
): Promise<void> {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  const parts = path.split("/").filter(Boolean);
  const endpoint = parts[0] === "webhooks" ? byName[parts[1] ?? ""] : undefined;
  if (endpoint && parts.length === 3) {
    if (req.method !== "POST") return methodNotAllowed(res, "POST");
    return receiveEvent(endpoint, parts[2] ?? "", req, res, db, logger);
  }
  if (path === "/health") {
    if (req.method !== "GET") return methodNotAllowed(res, "GET");
    const health = await checkHealth(db);
    if (health.error) {
      logger.error(`health: database unreachable: ${describeError(health.error)}`);
    }
    return sendJson(res, health.status, health.body);
  }
  if (path === "/metrics") {
    if (req.method !== "GET") return methodNotAllowed(res, "GET");
    const metrics = await renderMetrics(db);
    if (metrics.error) {
      logger.error(`metrics: database unreachable: ${describeError(metrics.error)}`);
    }
    return sendText(res, 200, metrics.text, METRICS_CONTENT_TYPE);
  }
  req.resume();
  sendJson(res, 404, { error: "not found" });
}

/**
 * Starts the HTTP server. It only writes to the inbox and reads for
 * /health and /metrics; it never calls out to anyone.
 */
export async function startWebhookServer(options: {
  db: Knex;
  config: WebhookConfig;
  logger: Logger;
  port: number;
  host: string;
}): Promise<WebhookServer> {
  const { db, logger } = options;
  const byName = endpoints(options.config);
  const server = createServer((req, res) => {
    route(req, res, db, byName, logger).catch((error: unknown) => {
      logger.error(`request failed: ${describeError(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.destroy();
    });
  });
  // Slow or stalled senders must not hold connections open for long.
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostText = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostText}:${address.port}`,
    port: address.port,
    close: () => closeGracefully(server),
  };
}

function closeGracefully(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve) => {
    // A keep-alive connection whose request just finished would otherwise
    // keep close() waiting for its idle timeout.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
