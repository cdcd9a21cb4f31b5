import { tokenExpiry } from "../../storage/tokens.js";
import type {
  ChannelConnector,
  ConnectorFactory,
  HeldOrders,
  MarketplaceOrder,
  OrderFetch,
  OrderWindow,
} from "../types.js";
import { RithumApi, rithumTokenScope } from "./api.js";
import { confirmRithumPackage } from "./confirm.js";
import { listOrders, normalise, profileOf, readOrder } from "./orders.js";
import { pickCenter } from "./distribution-center.js";
import { ProductIds, publishRithumQuantities } from "./quantities.js";
import { distributionCenters } from "./schemas.js";
import { UpstreamError } from "../../errors.js";

/** The Rithum (ChannelAdvisor REST v1) connector of one channel. */
export const createRithumConnector: ConnectorFactory = (deps) => {
  const { channel, logger } = deps;
  const api = new RithumApi(deps);
  const products = new ProductIds(api, channel, deps.knex);

  const connector: ChannelConnector = {
    channel,

    async fetchOrders(window: OrderWindow): Promise<OrderFetch> {
      const startedAt = new Date();
      const read = await listOrders(api, window, profileOf(channel));
      const orders = read.map((r) => normalise(channel.id, r, logger));
      const until =
        window.until && window.until < startedAt ? window.until : startedAt;
      return { orders, readUntil: until };
    },

    async fetchOrder(orderId: string) {
      try {
        return normalise(channel.id, await readOrder(api, orderId), logger);
      } catch (error) {
        if (error instanceof UpstreamError && error.details.status === 404)
          return undefined;
        throw error;
      }
    },

    // Rithum's list filters on CreatedDateUtc only (rithum.md §2), so an
    // order whose payment clears, or that is cancelled, after its window
    // would never be read again: waiting orders are read by ID, and
    // cancellations since the oldest open order come from one filtered list.
    // One order that cannot be read again never holds up the window's
    // orders: it stays as it is and the next pull tries again.
    async recheckOrders(held: HeldOrders) {
      const now: MarketplaceOrder[] = [];
      for (const id of held.waiting) {
        try {
          const order = await connector.fetchOrder(id);
          if (order) now.push(order);
        } catch (error) {
          if (!(error instanceof UpstreamError)) throw error;
          logger.warn(
            `could not read waiting order ${id} again (${error.message}); it stays parked and the next pull tries again`,
          );
        }
      }
      if (held.openSince) {
        try {
          const read = await listOrders(
            api,
            { since: held.openSince },
            profileOf(channel),
            "ShippingStatus eq 'Canceled'",
          );
          now.push(...read.map((r) => normalise(channel.id, r, logger)));
        } catch (error) {
          if (!(error instanceof UpstreamError)) throw error;
          logger.warn(
            `could not list cancelled orders (${error.message}); the next pull looks again`,
          );
        }
      }
      return now;
    },

    confirmPackage: (pkg) =>
      confirmRithumPackage({ api, channel, logger }, pkg),

    publishQuantities: (updates) =>
      publishRithumQuantities(api, channel, products, updates),

    async checkCredentials() {
      const res = await api.request({
        operation: "listDistributionCenters",
        path: "v1/DistributionCenters",
        schema: distributionCenters,
      });
      // The same call shows whether quantities know where to go.
      pickCenter(channel, res.body.value);
      const date = res.headers.date;
      const expires = await tokenExpiry(
        deps.knex,
        rithumTokenScope(channel.id),
      );
      return {
        ...(typeof date === "string" ? { serverDate: new Date(date) } : {}),
        ...(expires ? { tokenExpiresAt: expires } : {}),
      };
    },
  };
  return connector;
};
