import type { Route, SandboxWorld, StandIn } from "../contract.js";
import { withUserToken } from "./auth.js";
import { bulkUpdatePriceQuantity } from "./bulk-update.js";
import { internalError, malformedJson, tooManyRequests } from "./errors.js";
import { getOrders } from "./get-orders.js";
import { oauthTokenRoute } from "./oauth.js";
import {
  createShippingFulfillment,
  getOrder,
  getShippingFulfillment,
  getShippingFulfillments,
} from "./shipping-fulfillment.js";
import { tradingRoute } from "./trading.js";

const ORDER = "/sell/fulfillment/v1/order";

/** Builds the eBay stand-in over the shared world. */
export function createEbayStandIn(world: SandboxWorld): StandIn {
  // eBay's REST limits are daily per-application quotas whose defaults
  // are not confirmed (ebay.md §5), so REST routes carry no bucket.
  const rest = (
    method: Route["method"],
    path: string,
    op: (
      w: SandboxWorld,
      req: Parameters<Route["handle"]>[0],
    ) => ReturnType<Route["handle"]>,
  ): Route => ({
    method,
    path,
    throttled: () => tooManyRequests(),
    handle: withUserToken(world, (req) => op(world, req)),
  });
  return {
    vendor: "ebay",
    routes: [
      oauthTokenRoute(world),
      rest("GET", ORDER, getOrders),
      rest("GET", `${ORDER}/:orderId`, getOrder),
      rest(
        "POST",
        `${ORDER}/:orderId/shipping_fulfillment`,
        createShippingFulfillment,
      ),
      rest(
        "GET",
        `${ORDER}/:orderId/shipping_fulfillment`,
        getShippingFulfillments,
      ),
      rest(
        "GET",
        `${ORDER}/:orderId/shipping_fulfillment/:fulfillmentId`,
        getShippingFulfillment,
      ),
      rest(
        "POST",
        "/sell/inventory/v1/bulk_update_price_quantity",
        bulkUpdatePriceQuantity,
      ),
      tradingRoute(world),
    ],
    malformed: malformedJson,
    serverError: internalError,
  };
}
