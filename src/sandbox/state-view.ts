import type { ReceivedTracking, ScenarioOrderStatus } from "./contract.js";
import {
  renderFulfillment,
  renderOrder,
  renderShipment,
} from "./shipstation/render.js";
import { renderItem } from "./zoho/render.js";
import type { CoreWorld } from "./world.js";

/** One marketplace order as the state view shows it. */
export interface OrderView {
  order_id: string;
  status: ScenarioOrderStatus;
  updated_at: string;
  acceptance?: Record<string, boolean>;
  tracking: ReceivedTracking[];
}

/** What one channel's marketplace received from hub. */
export interface ChannelView {
  kind: string;
  orders: OrderView[];
  /** SKU → the last quantity the marketplace received. */
  quantities: Record<string, number>;
}

/** `GET /_sandbox/state`. */
export interface SandboxStateView {
  shipstation: {
    orders: Array<Record<string, unknown>>;
    shipments: Array<Record<string, unknown>>;
    fulfillments: Array<Record<string, unknown>>;
    webhooks: Array<{ id: number; event: string; url: string }>;
  };
  channels: Record<string, ChannelView>;
  zoho: { items: Array<Record<string, unknown>> };
  /** Endpoint key → number of requests (control routes not counted). */
  requests: Record<string, number>;
}

/** Builds the state view; records are copies, safe to keep. */
export function buildStateView(
  world: CoreWorld,
  counts: Map<string, number>,
): SandboxStateView {
  const ss = world.shipstation;
  const channels: Record<string, ChannelView> = {};
  for (const c of world.scenario.channels) {
    channels[c.id] = {
      kind: c.kind,
      orders: world.orders(c.id).map((o) => {
        const view: OrderView = {
          order_id: o.order_id,
          status: o.status,
          updated_at: o.updated_at,
          tracking: structuredClone(o.tracking),
        };
        if (o.acceptance) view.acceptance = { ...o.acceptance };
        return view;
      }),
      quantities: world.quantitiesOf(c.id),
    };
  }
  return {
    shipstation: {
      orders: ss.orderList().map(renderOrder),
      shipments: ss.shipments.map((s) => renderShipment(s, true)),
      fulfillments: ss.fulfillments.map(renderFulfillment),
      webhooks: ss.webhooks.map((w) => ({
        id: w.webHookId,
        event: w.hookType,
        url: w.url,
      })),
    },
    channels,
    zoho: { items: world.zoho.items.map(renderItem) },
    requests: Object.fromEntries(counts),
  };
}
