import type { MarketplaceOrder, SandboxWorld } from "../contract.js";

/** A Ship call as ChannelAdvisor keeps it on the order's fulfillment. */
export interface ShipRecord {
  ShippedDateUtc: string;
  TrackingNumber: string;
  ShippingCarrier: string;
  ShippingClass: string;
  DistributionCenterID: number;
  DeliveryStatus: string;
  SellerFulfillmentID: string | null;
}

interface OrderState {
  id: number;
  exported: boolean;
  shipped?: ShipRecord;
}

const FIRST_ORDER_ID = 100001;
const FIRST_PRODUCT_ID = 300001;

/**
 * ChannelAdvisor's numeric ids and per-application flags beside the world.
 * Order ids are handed out in list order, product ids in catalogue order,
 * so both stay stable for the life of the world; an order replaced through
 * the control route (its payment cleared, say) keeps its id, as on Rithum.
 */
export class RithumLedger {
  /** channel → scenario order id → state. */
  private readonly orders = new Map<string, Map<string, OrderState>>();
  private readonly nextOrderId = new Map<string, number>();
  private readonly productIds = new Map<string, Map<string, number>>();

  constructor(private readonly world: SandboxWorld) {}

  /** The channel's orders, each with its state (ids assigned on sight). */
  ordersWithState(
    channelId: string,
  ): Array<{ order: MarketplaceOrder; state: OrderState }> {
    let states = this.orders.get(channelId);
    if (states === undefined) {
      states = new Map();
      this.orders.set(channelId, states);
    }
    const known = states;
    return this.world.orders(channelId).map((order) => {
      let state = known.get(order.order_id);
      if (state === undefined) {
        const id = this.nextOrderId.get(channelId) ?? FIRST_ORDER_ID;
        this.nextOrderId.set(channelId, id + 1);
        state = { id, exported: false };
        known.set(order.order_id, state);
      }
      return { order, state };
    });
  }

  /** The order with this ChannelAdvisor ID. */
  findOrder(
    channelId: string,
    id: number,
  ): { order: MarketplaceOrder; state: OrderState } | undefined {
    return this.ordersWithState(channelId).find((o) => o.state.id === id);
  }

  /** The SKU → ProductID map of a channel: catalogue first, then order SKUs. */
  products(channelId: string): Map<string, number> {
    let ids = this.productIds.get(channelId);
    if (ids === undefined) {
      ids = new Map();
      this.productIds.set(channelId, ids);
    }
    const skus = [
      ...this.world.scenario.items.map((item) => item.sku),
      ...this.world
        .orders(channelId)
        .flatMap((order) => order.lines.map((line) => line.sku)),
    ];
    for (const sku of skus) {
      if (!ids.has(sku)) ids.set(sku, FIRST_PRODUCT_ID + ids.size);
    }
    return ids;
  }

  /** The ProductID of a SKU. */
  productId(channelId: string, sku: string): number | undefined {
    return this.products(channelId).get(sku);
  }
}
