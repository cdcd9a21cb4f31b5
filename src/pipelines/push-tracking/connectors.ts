import type { Knex } from "knex";
import { createConnector } from "../../channels/registry.js";
import type { ChannelConnector } from "../../channels/types.js";
import type { ChannelConfig } from "../../config/settings.js";
import type { HttpContext } from "../../http/http-context.js";
import type { Logger } from "../../log/logger.js";

/** The connector of a channel; throws when it cannot be built. */
export type ConnectorLookup = (channel: ChannelConfig) => ChannelConnector;

/**
 * Builds each channel's connector once per run. A channel whose connector
 * cannot be built (a missing credential) throws on every lookup, so only
 * that channel's packages fail.
 */
export function registryConnectors(deps: {
  knex: Knex;
  http: HttpContext;
  logger: Logger;
}): ConnectorLookup {
  const built = new Map<string, ChannelConnector | Error>();
  return (channel) => {
    let entry = built.get(channel.id);
    if (!entry) {
      try {
        entry = createConnector({
          channel,
          knex: deps.knex,
          http: deps.http,
          logger: deps.logger.child({ channel: channel.id }),
        });
      } catch (error) {
        entry = error instanceof Error ? error : new Error(String(error));
      }
      built.set(channel.id, entry);
    }
    if (entry instanceof Error) throw entry;
    return entry;
  };
}
