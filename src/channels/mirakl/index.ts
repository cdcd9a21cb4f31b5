import type {
  ChannelConnector,
  ConnectorFactory,
  MarketplaceOrder,
  OrderFetch,
  OrderWindow,
} from "../types.js";
import { acceptMiraklOrder } from "./accept.js";
import { MiraklApi } from "./api.js";
import { confirmMiraklPackage } from "./confirm.js";
import { OrderLookup } from "./order-lookup.js";
import { listOrders, normalise, windowQuery } from "./orders.js";
import { or11Page } from "./schemas.js";
import { importStock } from "./stock-import.js";

/** The Mirakl (MMP seller API) connector of one channel. */
export const createMiraklConnector: ConnectorFactory = (deps) => {
  const { channel, logger } = deps;
  const api = new MiraklApi(channel, deps.http, deps.knex);
  const lookup = new OrderLookup(api);

  const connector: ChannelConnector = {
    channel,

    async fetchOrders(window: OrderWindow): Promise<OrderFetch> {
      const startedAt = new Date();
      const read = await listOrders(api, windowQuery(window));
      const orders = read.map((r) => normalise(channel.id, r, logger));
      const until =
        window.until && window.until < startedAt ? window.until : startedAt;
      return { orders, readUntil: until };
    },

    async fetchOrder(orderId: string): Promise<MarketplaceOrder | undefined> {
      const read = await lookup.get(orderId);
      return read ? normalise(channel.id, read, logger) : undefined;
    },

    acceptOrder: (order, decisions) =>
      acceptMiraklOrder(api, lookup, order, decisions),

    confirmPackage: (pkg) =>
      confirmMiraklPackage({ api, lookup, channel, logger }, pkg),

    prepareConfirmations: (orderIds) => lookup.prefetch(orderIds),

    publishQuantities: (updates) => importStock(api, updates),

    async checkCredentials() {
      // OR11 with one order is the cheapest authenticated call documented.
      const res = await api.request({
        operation: "OR11",
        path: "api/orders",
        query: { paginate: "true", max: "1", offset: "0" },
        schema: or11Page,
      });
      const date = res.headers.date;
      return typeof date === "string" ? { serverDate: new Date(date) } : {};
    },
  };
  return connector;
};
