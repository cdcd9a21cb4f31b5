import type { Knex } from "knex";
import type { ChannelConfig } from "../../config/settings.js";
import { describeError, UpstreamError } from "../../errors.js";
import type { Logger } from "../../log/logger.js";
import { waitingShipEvents } from "../../storage/repos/tracking-inbox.js";
import {
  ordersByKey,
  ordersByShipStationId,
} from "../../storage/repos/tracking-orders.js";
import {
  orderKeysOfShipments,
  ordersWithDueReturns,
  returnsOfOrders,
} from "../../storage/repos/tracking-returns.js";
import { mergePackages } from "./merge.js";
import type { ShipmentSource, SourceOrder } from "./shipment-source.js";
import type {
  HubOrder,
  IgnoredPackage,
  MatchedPackage,
  ShippedPackage,
  TrackingReturn,
} from "./types.js";

/** What one run read, ready to plan. */
export interface TrackingRead {
  packages: MatchedPackage[];
  ignored: IgnoredPackage[];
  orders: Map<string, HubOrder>;
  returns: TrackingReturn[];
  /** Inbox events read, and those that could not be. */
  events: { read: number[]; failed: EventFailure[] };
}

/** An inbox event whose resource could not be read. */
export interface EventFailure {
  id: number;
  error: string;
  /** True when reading it again cannot help (e.g. a foreign host). */
  permanent: boolean;
}

/** The window and scope of one read. */
export interface ReadScope {
  knex: Knex;
  source: ShipmentSource;
  logger: Logger;
  /** The channels this run pushes for. */
  channels: readonly ChannelConfig[];
  /** Every configured channel: a store outside `channels` is not "unknown". */
  allChannels: readonly ChannelConfig[];
  since: Date;
  until: Date;
  now: Date;
}

/**
 * Reads labels, fulfillments and waiting shipment events, matches each to
 * its hub order, and loads what hub recorded of those orders' packages.
 */
export async function readTracking(scope: ReadScope): Promise<TrackingRead> {
  const { source, since, until } = scope;
  const labels = await source.listShipments(since, until);
  const fulfillments = await source.listFulfillments(since, until);
  const fromEvents = await readEvents(scope);
  const packages = mergePackages([...labels, ...fromEvents.packages], fulfillments);

  const matcher = new OrderMatcher(scope);
  await matcher.preload(packages);
  const matched: MatchedPackage[] = [];
  const ignored: IgnoredPackage[] = [];
  for (const pkg of packages) {
    const outcome = await matcher.match(pkg);
    if (outcome.kind === "matched") {
      matched.push({ ...pkg, matchedOrderKey: outcome.order.orderKey });
    } else if (outcome.kind === "ignored") {
      ignored.push({
        shipmentKey: pkg.shipmentKey,
        channel: outcome.channel,
        reason: outcome.reason,
      });
    }
  }

  const ids = scope.channels.map((c) => c.id);
  const due = await ordersWithDueReturns(scope.knex, ids, scope.now);
  const orders = new Map(matcher.orders);
  for (const [key, order] of await ordersByKey(scope.knex, due)) {
    orders.set(key, order);
  }
  const returns = await returnsOfOrders(scope.knex, [...orders.keys()]);
  return { packages: matched, ignored, orders, returns, events: fromEvents.events };
}

async function readEvents(scope: ReadScope): Promise<{
  packages: ShippedPackage[];
  events: TrackingRead["events"];
}> {
  const packages: ShippedPackage[] = [];
  const read: number[] = [];
  const failed: EventFailure[] = [];
  for (const event of await waitingShipEvents(scope.knex)) {
    if (!event.resourceUrl) {
      failed.push({ id: event.id, error: "no resource_url", permanent: true });
      continue;
    }
    try {
      packages.push(...(await scope.source.shipmentsOfEvent(event.resourceUrl)));
      read.push(event.id);
    } catch (error) {
      const permanent =
        error instanceof UpstreamError && !error.details.retryable;
      scope.logger.warn(`shipment event ${event.id} not read`, {
        error: describeError(error),
      });
      failed.push({ id: event.id, error: describeError(error), permanent });
    }
  }
  return { packages, events: { read, failed } };
}

type MatchOutcome =
  | { kind: "matched"; order: HubOrder }
  | { kind: "ignored"; channel: string | undefined; reason: string }
  /** An order of a channel this run does not push for. */
  | { kind: "elsewhere" };

/**
 * Finds the hub order of a package: by orderKey, by the ShipStation order
 * hub created, and for a child of an order split inside ShipStation (new
 * orderKey, `parentId`, case B07) by its parent. ShipStation is asked only
 * for packages whose store is a hub channel's or unknown (fulfillments).
 */
class OrderMatcher {
  readonly orders = new Map<string, HubOrder>();
  private readonly byKey = new Map<string, HubOrder>();
  private recorded = new Map<string, string>();
  private readonly byShipStationId = new Map<number, HubOrder | undefined>();
  private readonly shipStationOrders = new Map<
    number,
    SourceOrder | undefined
  >();

  constructor(private readonly scope: ReadScope) {}

  /**
   * Loads the hub orders of every package in a few queries. A package hub
   * recorded before keeps the order it was matched to then, so split
   * children are not looked up in ShipStation on every run.
   */
  async preload(packages: readonly ShippedPackage[]): Promise<void> {
    const known = await orderKeysOfShipments(
      this.scope.knex,
      packages.map((p) => p.shipmentKey),
    );
    this.recorded = known;
    const keys = [
      ...packages.flatMap((p) => (p.orderKey ? [p.orderKey] : [])),
      ...known.values(),
    ];
    for (const [key, order] of await ordersByKey(this.scope.knex, keys)) {
      this.byKey.set(key, order);
    }
    const ids = packages.map((p) => p.shipstationOrderId);
    const found = await ordersByShipStationId(this.scope.knex, ids);
    for (const id of ids) this.byShipStationId.set(id, found.get(id));
  }

  async match(pkg: ShippedPackage): Promise<MatchOutcome> {
    const storeChannel = this.scope.allChannels.find(
      (c) => c.storeId !== undefined && c.storeId === pkg.storeId,
    );
    const foreignStore = pkg.storeId !== undefined && !storeChannel;
    const order = await this.find(pkg, foreignStore);
    if (!order) {
      if (storeChannel && !this.selected(storeChannel.id)) {
        return { kind: "elsewhere" };
      }
      return {
        kind: "ignored",
        channel: storeChannel?.id,
        reason: foreignStore
          ? `store ${pkg.storeId} is not a hub channel's`
          : "hub did not create this order",
      };
    }
    if (!this.selected(order.channel)) return { kind: "elsewhere" };
    this.orders.set(order.orderKey, order);
    return { kind: "matched", order };
  }

  private selected(channel: string): boolean {
    return this.scope.channels.some((c) => c.id === channel);
  }

  private async find(
    pkg: ShippedPackage,
    foreignStore: boolean,
  ): Promise<HubOrder | undefined> {
    const recordedKey = this.recorded.get(pkg.shipmentKey);
    const recorded = recordedKey ? this.byKey.get(recordedKey) : undefined;
    if (recorded) return recorded;
    const byKey = pkg.orderKey ? this.byKey.get(pkg.orderKey) : undefined;
    if (byKey) return byKey;
    const direct = await this.byId(pkg.shipstationOrderId);
    if (direct) return direct;
    if (foreignStore) return undefined;
    if (pkg.orderKey && this.looksLikeHubKey(pkg.orderKey)) return undefined;
    const child = await this.shipStationOrder(pkg.shipstationOrderId);
    if (child?.parentId === undefined) return undefined;
    const viaId = await this.byId(child.parentId);
    if (viaId) return viaId;
    const parent = await this.shipStationOrder(child.parentId);
    if (!parent?.orderKey) return undefined;
    const found = await ordersByKey(this.scope.knex, [parent.orderKey]);
    return found.get(parent.orderKey);
  }

  /** `<channel>:<id>` of a configured channel: not a split child's key. */
  private looksLikeHubKey(orderKey: string): boolean {
    return this.scope.allChannels.some((c) => orderKey.startsWith(`${c.id}:`));
  }

  private async byId(orderId: number): Promise<HubOrder | undefined> {
    if (!this.byShipStationId.has(orderId)) {
      const found = await ordersByShipStationId(this.scope.knex, [orderId]);
      this.byShipStationId.set(orderId, found.get(orderId));
    }
    return this.byShipStationId.get(orderId);
  }

  private async shipStationOrder(
    orderId: number,
  ): Promise<SourceOrder | undefined> {
    if (!this.shipStationOrders.has(orderId)) {
      const order = await this.scope.source.getOrder(orderId);
      this.shipStationOrders.set(orderId, order);
    }
    return this.shipStationOrders.get(orderId);
  }
}
