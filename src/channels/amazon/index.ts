import type { ConnectorFactory } from "../types.js";
import { AmazonConnector } from "./connector.js";

export { AmazonConnector } from "./connector.js";
export { amazonCarrier, DEFAULT_CARRIERS } from "./carriers.js";
export { toMarketplaceOrder } from "./order-mapping.js";

/** Builds the Amazon SP-API connector of one channel. */
export const createAmazonConnector: ConnectorFactory = (deps) =>
  new AmazonConnector(deps);
