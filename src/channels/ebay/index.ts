import { ConfigError, UpstreamError } from "../../errors.js";
import type { ChannelConnector, ConnectorFactory } from "../types.js";
import { channelBaseUrl } from "../endpoints.js";
import { EBAY_API_URL, restClient, tradingClient } from "./api.js";
import { ebayAccessToken, tokenScope } from "./auth.js";
import { checkCredentials } from "./check-credentials.js";
import { confirmPackage } from "./confirm-package.js";
import { fetchOrders, getOrder } from "./fetch-orders.js";
import { toMarketplaceOrder } from "./order-mapping.js";
import { publishQuantities } from "./publish-quantities.js";

/**
 * The eBay connector: Fulfillment API orders and tracking, Trading API
 * quantities (api-reference/ebay.md). Clients are built on first use so a
 * channel missing its URL fails on the call, not on construction.
 */
export const createEbayConnector: ConnectorFactory = (deps) => {
  const { channel, http, knex, logger } = deps;
  const accessToken = ebayAccessToken(deps);
  const rest = lazy(() =>
    restClient(
      http,
      channel.id,
      channelBaseUrl(channel, EBAY_API_URL),
      accessToken,
    ),
  );
  const trading = lazy(() =>
    tradingClient(http, channel.id, channelBaseUrl(channel, EBAY_API_URL)),
  );
  // The token is made sure of before each operation: a refresh refused for
  // the operator's reasons then surfaces as the ConfigError it is.
  const authorized = <T>(run: () => Promise<T>): Promise<T> =>
    operatorErrorsFirst(async () => {
      await accessToken(false);
      return run();
    });
  const connector: ChannelConnector = {
    channel,
    fetchOrders: (window) =>
      authorized(() => fetchOrders(rest(), channel.id, window, logger)),
    fetchOrder: (orderId) =>
      authorized(async () => {
        const order = await getOrder(rest(), orderId);
        return order === undefined
          ? undefined
          : toMarketplaceOrder(channel.id, order);
      }),
    confirmPackage: (pkg) =>
      operatorErrorsFirst(() => confirmPackage(rest(), channel, pkg, logger)),
    // Quantities go through Trading ReviseInventoryStatus, not the Inventory
    // API's bulkUpdatePriceQuantity: the Inventory API does not see classic
    // listings made in Seller Hub (ebay.md §0.4), while ReviseInventoryStatus
    // sets a quantity by the seller's SKU on them.
    publishQuantities: (updates) =>
      authorized(() =>
        publishQuantities(
          trading(),
          updates,
          accessToken,
          channel.values.marketplace_id,
        ),
      ),
    checkCredentials: () =>
      authorized(() => checkCredentials(rest(), knex, tokenScope(channel))),
  };
  return connector;
};

/**
 * The HTTP client wraps whatever its `authorize` throws as a transport
 * failure; a ConfigError underneath (a refused refresh token, a missing
 * secret) is the operator's to fix and is thrown as itself.
 */
async function operatorErrorsFirst<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UpstreamError && error.cause instanceof ConfigError) {
      throw error.cause;
    }
    throw error;
  }
}

function lazy<T>(build: () => T): () => T {
  let value: { built: T } | undefined;
  return () => {
    value ??= { built: build() };
    return value.built;
  };
}
