import { tokenExpiry } from "../../storage/tokens.js";
import { channelSetting } from "../endpoints.js";
import type {
  ChannelConnector,
  ConnectorDeps,
  CredentialCheck,
  MarketplaceOrder,
  OrderFetch,
  OrderWindow,
  PackageConfirmation,
  QuantityUpdate,
} from "../types.js";
import { amazonCarrier } from "./carriers.js";
import { confirmShipment } from "./confirm-shipment.js";
import { lwaScope } from "./lwa.js";
import { GENERIC_PRODUCT_TYPE } from "./listings.js";
import { toMarketplaceOrder } from "./order-mapping.js";
import { publishQuantities } from "./quantities.js";
import { searchOrdersAnswer } from "./schemas.js";
import {
  getOrder,
  INCLUDED_DATA,
  searchOrders,
  upperBound,
} from "./search-orders.js";
import { SpApi } from "./sp-api.js";

/** An Amazon seller account on one marketplace, over SP-API. */
export class AmazonConnector implements ChannelConnector {
  readonly channel: ConnectorDeps["channel"];
  private readonly api: SpApi;

  constructor(private readonly deps: ConnectorDeps) {
    this.channel = deps.channel;
    this.api = new SpApi(deps);
  }

  private get marketplaceId(): string {
    return channelSetting(this.channel, "marketplace_id");
  }

  /** Orders updated in the window, up to two minutes behind Amazon's clock. */
  async fetchOrders(window: OrderWindow): Promise<OrderFetch> {
    const marketplaceId = this.marketplaceId;
    // A fresh token (or a Date header from earlier) tells Amazon's time.
    await this.api.accessToken();
    const before = upperBound(window, this.api.clock.latestBefore());
    if (before.getTime() <= window.since.getTime()) {
      return { orders: [], readUntil: window.since };
    }
    const found = await searchOrders(
      this.api,
      marketplaceId,
      window.since,
      before,
    );
    const orders = found.map((o) => toMarketplaceOrder(this.channel.id, o));
    this.deps.logger.debug(`${this.channel.id}: ${orders.length} orders read`, {
      since: window.since.toISOString(),
      until: before.toISOString(),
    });
    return { orders, readUntil: before };
  }

  /** One order, as getOrder gives it now. */
  async fetchOrder(orderId: string): Promise<MarketplaceOrder | undefined> {
    const order = await getOrder(this.api, orderId, INCLUDED_DATA);
    return order && toMarketplaceOrder(this.channel.id, order);
  }

  /** confirmShipment for one package. */
  confirmPackage(pkg: PackageConfirmation) {
    const carrier = amazonCarrier(pkg.carrierCode, this.channel.carriers);
    return confirmShipment(this.api, this.marketplaceId, pkg, carrier);
  }

  /** Seller-fulfilled quantities, by patch or by feed. */
  publishQuantities(updates: readonly QuantityUpdate[]) {
    const productType = this.channel.values.product_type;
    return publishQuantities(
      this.api,
      this.deps.http,
      {
        channelId: this.channel.id,
        sellerId: channelSetting(this.channel, "seller_id"),
        marketplaceId: this.marketplaceId,
        productType:
          typeof productType === "string" && productType !== ""
            ? productType
            : GENERIC_PRODUCT_TYPE,
      },
      updates,
    );
  }

  /**
   * One searchOrders call for the last hour, one result: the SP-API has no
   * cheaper call that answers 2xx for any seller, and a 2xx carries the
   * Date header for the clock check.
   */
  async checkCredentials(): Promise<CredentialCheck> {
    await this.api.accessToken();
    const since = new Date(this.api.clock.latestBefore().getTime() - 3_600_000);
    const answer = await this.api.request({
      operation: "searchOrders",
      path: "/orders/2026-01-01/orders",
      query: {
        marketplaceIds: this.marketplaceId,
        createdAfter: since.toISOString(),
        fulfilledBy: "MERCHANT",
        maxResultsPerPage: "1",
      },
      schema: searchOrdersAnswer,
    });
    const check: CredentialCheck = {};
    const date = answer.headers.date;
    const serverDate = Date.parse(
      Array.isArray(date) ? (date[0] ?? "") : (date ?? ""),
    );
    if (!Number.isNaN(serverDate)) check.serverDate = new Date(serverDate);
    const expires = await tokenExpiry(this.deps.knex, lwaScope(this.channel));
    if (expires) check.tokenExpiresAt = expires;
    return check;
  }
}
