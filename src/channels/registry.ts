import { createAmazonConnector } from "./amazon/index.js";
import { createEbayConnector } from "./ebay/index.js";
import { createMiraklConnector } from "./mirakl/index.js";
import { createRithumConnector } from "./rithum/index.js";
import type { ChannelConnector, ConnectorDeps, ConnectorFactory } from "./types.js";

const FACTORIES: Record<ConnectorDeps["channel"]["kind"], ConnectorFactory> = {
  amazon: createAmazonConnector,
  ebay: createEbayConnector,
  mirakl: createMiraklConnector,
  rithum: createRithumConnector,
};

/** The connector for a channel, by its kind. */
export function createConnector(deps: ConnectorDeps): ChannelConnector {
  return FACTORIES[deps.channel.kind](deps);
}
