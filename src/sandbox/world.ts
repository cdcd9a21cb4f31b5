import { randomBytes } from "node:crypto";
import type {
  MarketplaceOrder,
  ReceivedTracking,
  SandboxWorld,
  Scenario,
  ScenarioChannel,
  ScenarioOrder,
} from "./contract.js";
import { ControlError } from "./control-error.js";
import { ShipStationState } from "./shipstation/state.js";
import { ZohoState } from "./zoho/state.js";

/** Options of a world. */
export interface WorldOptions {
  /**
   * Vendor time runs this many times faster for rate limits. Token
   * lifetimes are not scaled: they are announced in `expires_in`, and a
   * token dying long before its stated expiry is not what vendors do.
   */
  timeScale?: number;
}

/** A scenario order as a marketplace holds it: line ids and dates filled. */
export function toMarketplaceOrder(
  order: ScenarioOrder,
  updatedAt?: string,
): MarketplaceOrder {
  const copy = structuredClone(order);
  return {
    ...copy,
    lines: copy.lines.map((l, i) => ({
      ...l,
      line_id: l.line_id ?? `${order.order_id}-${i + 1}`,
    })),
    updated_at: copy.updated_at ?? updatedAt ?? copy.created_at,
    tracking: [],
    vendor: {},
  };
}

function byCreation(a: MarketplaceOrder, b: MarketplaceOrder): number {
  return Date.parse(a.created_at) - Date.parse(b.created_at);
}

/**
 * The sandbox's shared state: marketplace orders per channel, what hub told
 * each marketplace, ShipStation's and Zoho's records, and issued tokens.
 */
export class CoreWorld implements SandboxWorld {
  readonly shipstation: ShipStationState;
  readonly zoho: ZohoState;
  private readonly timeScale: number;
  private pinned: Date | undefined;
  private readonly ordersByChannel = new Map<string, MarketplaceOrder[]>();
  private readonly quantities = new Map<string, Map<string, number>>();
  private readonly tokens = new Map<
    string,
    { scope: string; expires: number }
  >();

  constructor(
    readonly scenario: Scenario,
    options: WorldOptions = {},
  ) {
    this.timeScale = options.timeScale ?? 1;
    const now = () => this.now();
    for (const c of scenario.channels) {
      this.ordersByChannel.set(c.id, []);
      this.quantities.set(c.id, new Map());
    }
    for (const o of scenario.orders) {
      this.ordersByChannel.get(o.channel)?.push(toMarketplaceOrder(o));
    }
    for (const list of this.ordersByChannel.values()) list.sort(byCreation);
    this.shipstation = new ShipStationState(scenario.channels, now);
    this.zoho = new ZohoState(scenario.items, now);
  }

  channel(id: string): ScenarioChannel | undefined {
    return this.scenario.channels.find((c) => c.id === id);
  }

  now(): Date {
    return this.pinned ? new Date(this.pinned) : new Date();
  }

  /** Freezes `now()` at a moment (tests); undefined returns to real time. */
  pinClock(at: Date | undefined): void {
    this.pinned = at;
  }

  orders(channelId: string): MarketplaceOrder[] {
    return this.ordersByChannel.get(channelId) ?? [];
  }

  order(channelId: string, orderId: string): MarketplaceOrder | undefined {
    return this.orders(channelId).find((o) => o.order_id === orderId);
  }

  touch(order: MarketplaceOrder): void {
    order.updated_at = this.now().toISOString();
  }

  recordTracking(channelId: string, tracking: ReceivedTracking): void {
    const order = this.order(channelId, tracking.order_id);
    if (!order) return;
    order.tracking.push(tracking);
  }

  setQuantity(channelId: string, sku: string, quantity: number): void {
    let map = this.quantities.get(channelId);
    if (!map) {
      map = new Map();
      this.quantities.set(channelId, map);
    }
    map.set(sku, quantity);
  }

  quantity(channelId: string, sku: string): number | undefined {
    return this.quantities.get(channelId)?.get(sku);
  }

  /** Every quantity a channel received, by SKU. */
  quantitiesOf(channelId: string): Record<string, number> {
    return Object.fromEntries(this.quantities.get(channelId) ?? []);
  }

  issueToken(scope: string, lifetimeSeconds: number): string {
    const token = randomBytes(24).toString("base64url");
    const lifetimeMs = lifetimeSeconds * 1000;
    this.tokens.set(token, {
      scope,
      expires: this.now().getTime() + lifetimeMs,
    });
    return token;
  }

  tokenValid(scope: string, token: string | undefined): boolean {
    if (token === undefined) return false;
    const entry = this.tokens.get(token);
    if (!entry || entry.scope !== scope) return false;
    return entry.expires > this.now().getTime();
  }

  /**
   * Adds an order or replaces one with the same channel and id. A
   * replacement without `updated_at` counts as changed now, so incremental
   * polls see it.
   */
  upsertOrder(order: ScenarioOrder): MarketplaceOrder {
    const list = this.ordersByChannel.get(order.channel);
    if (!list) {
      throw new ControlError(404, `unknown channel "${order.channel}"`);
    }
    const at = list.findIndex((o) => o.order_id === order.order_id);
    if (at >= 0) {
      const record = toMarketplaceOrder(order, this.now().toISOString());
      list[at] = record;
      return record;
    }
    const record = toMarketplaceOrder(order);
    list.push(record);
    list.sort(byCreation);
    if (record.status !== "cancelled") this.sellFromListings(record);
    return record;
  }

  /**
   * A marketplace lowers its own listed quantity as it sells (INVENTORY.md:
   * "what the channel shows now"); a listing never goes below 0.
   */
  private sellFromListings(order: MarketplaceOrder): void {
    for (const line of order.lines) {
      const shown = this.quantity(order.channel, line.sku);
      if (shown !== undefined) {
        this.setQuantity(order.channel, line.sku, Math.max(0, shown - line.quantity));
      }
    }
  }

  /** The buyer or marketplace cancelled an order after it was created. */
  cancelOrder(channelId: string, orderId: string): MarketplaceOrder {
    const order = this.order(channelId, orderId);
    if (!order) {
      throw new ControlError(404, `no order ${orderId} on ${channelId}`);
    }
    order.status = "cancelled";
    this.touch(order);
    return order;
  }
}

/** Builds the world for a validated scenario. */
export function createWorld(
  scenario: Scenario,
  options: WorldOptions = {},
): CoreWorld {
  return new CoreWorld(scenario, options);
}
