import type { Knex } from "knex";
import type { ChannelConnector } from "../../channels/types.js";
import type { HttpContext } from "../../http/http-context.js";
import type { Logger } from "../../log/logger.js";
import type { ConnectorLookup } from "./publish.js";

/**
 * Connectors from the channel registry, one per channel for the run. The
 * registry is loaded on the first publication: it brings in every
 * marketplace client, which a dry run or a run with nothing to send never
 * needs.
 */
export function registryConnectors(
  knex: Knex,
  http: HttpContext,
  logger: Logger,
): ConnectorLookup {
  const built = new Map<string, ChannelConnector>();
  return async (channel) => {
    const known = built.get(channel.id);
    if (known !== undefined) return known;
    const { createConnector } = await import("../../channels/registry.js");
    const connector = createConnector({ channel, knex, http, logger });
    built.set(channel.id, connector);
    return connector;
  };
}
