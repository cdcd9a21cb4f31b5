import { randomUUID } from "node:crypto";
import type { ScenarioChannel } from "../contract.js";
import { ControlError } from "../control-error.js";
import type {
  SsFulfillment,
  SsItem,
  SsOrder,
  SsShipment,
  SsShipmentItem,
  SsStore,
  SsWebhook,
} from "./model.js";
import { OPEN_STATUSES } from "./model.js";
import type { ModelState, OrderInput } from "./order-input.js";
import { parseShipStationDate } from "./time.js";

/** What createorder did with one order. */
export type UpsertOutcome =
  | { kind: "created" | "updated" | "locked"; order: SsOrder }
  | { kind: "invalid"; errors: ModelState };

/** One package of a `/_sandbox/shipstation/ship` request. */
export interface PackageRequest {
  items?: Array<{ sku: string; quantity: number }>;
  carrierCode: string;
  serviceCode?: string;
  trackingNumber?: string;
  shipDate?: string;
}

/** The manual store every account has; used when storeId is missing. */
export const MANUAL_STORE_NAME = "Manual Orders";

/**
 * ShipStation's side of the world: stores from the scenario's channels,
 * orders hub pushed, and what the warehouse did with them.
 */
export class ShipStationState {
  readonly stores: SsStore[];
  readonly manualStoreId: number;
  readonly orders = new Map<number, SsOrder>();
  readonly shipments: SsShipment[] = [];
  readonly fulfillments: SsFulfillment[] = [];
  readonly webhooks: SsWebhook[] = [];
  private nextOrderId = 100_000_001;
  private nextItemId = 200_000_001;
  private nextShipmentId = 300_000_001;
  private nextFulfillmentId = 400_000_001;
  private nextWebhookId = 500_001;
  private nextBatch = 100_001;

  constructor(
    channels: ScenarioChannel[],
    private readonly now: () => Date,
  ) {
    const created = new Date("2024-07-25T18:05:55.307Z");
    const used = new Set(channels.map((c) => c.store_id));
    this.manualStoreId = used.has(100) ? Math.max(...used) + 1 : 100;
    this.stores = channels.map((c) => ({
      storeId: c.store_id,
      storeName: `${c.id} (hub sandbox)`,
      createDate: created,
    }));
    this.stores.push({
      storeId: this.manualStoreId,
      storeName: MANUAL_STORE_NAME,
      createDate: created,
    });
  }

  /** Orders oldest first. */
  orderList(): SsOrder[] {
    return [...this.orders.values()];
  }

  /** The order with that key in that store (any store when omitted). */
  findByKey(orderKey: string, storeId?: number): SsOrder | undefined {
    return this.orderList().find(
      (o) =>
        o.orderKey === orderKey &&
        (storeId === undefined || o.storeId === storeId),
    );
  }

  /**
   * createorder: the same orderKey in the same store updates the open order
   * in place and never duplicates it; shipped or cancelled orders are locked
   * and left unchanged (api-reference/shipstation.md §0.1).
   */
  upsertOrder(input: OrderInput): UpsertOutcome {
    const storeId = input.storeId ?? this.manualStoreId;
    if (!this.stores.some((s) => s.storeId === storeId)) {
      return {
        kind: "invalid",
        errors: {
          "apiOrder.advancedOptions.storeId": [
            `Store ${storeId} was not found.`,
          ],
        },
      };
    }
    const key = input.orderKey ?? randomUUID();
    const existing = this.findByKey(key, storeId);
    const now = this.now();
    if (existing && !OPEN_STATUSES.includes(existing.orderStatus)) {
      return { kind: "locked", order: existing };
    }
    if (existing) {
      this.applyInput(existing, input, now);
      return { kind: "updated", order: existing };
    }
    const order: SsOrder = {
      orderId: this.nextOrderId++,
      orderNumber: input.orderNumber,
      orderKey: key,
      storeId,
      orderStatus: input.orderStatus,
      orderDate: input.orderDate,
      createDate: now,
      modifyDate: now,
      paymentDate: null,
      shipByDate: null,
      shipDate: null,
      customerEmail: null,
      billTo: input.billTo,
      shipTo: input.shipTo,
      items: [],
      amountPaid: 0,
      taxAmount: 0,
      shippingAmount: 0,
      extra: {},
      advancedOptions: {},
      parentId: null,
      mergedOrSplit: false,
    };
    this.applyInput(order, input, now);
    this.orders.set(order.orderId, order);
    return { kind: "created", order };
  }

  private applyInput(order: SsOrder, input: OrderInput, now: Date): void {
    const old = new Map(order.items.map((i) => [i.lineItemKey, i]));
    order.items = input.items.map((it) => {
      const prior =
        it.lineItemKey === null ? undefined : old.get(it.lineItemKey);
      return {
        orderItemId: prior?.orderItemId ?? this.nextItemId++,
        lineItemKey: it.lineItemKey,
        sku: it.sku,
        name: it.name,
        quantity: it.quantity,
        unitPrice: it.unitPrice,
        taxAmount: it.taxAmount,
        shippingAmount: it.shippingAmount,
        extra: it.extra,
        createDate: prior?.createDate ?? now,
        modifyDate: now,
      };
    });
    order.orderNumber = input.orderNumber;
    order.orderStatus = input.orderStatus;
    order.orderDate = input.orderDate;
    order.paymentDate = input.paymentDate;
    order.shipByDate = input.shipByDate;
    order.customerEmail = input.customerEmail;
    order.billTo = input.billTo;
    order.shipTo = input.shipTo;
    order.amountPaid = input.amountPaid;
    order.taxAmount = input.taxAmount;
    order.shippingAmount = input.shippingAmount;
    order.extra = input.extra;
    order.advancedOptions = input.advancedOptions;
    order.modifyDate = now;
  }

  /** Units of each order item not covered by a live shipment yet. */
  remaining(order: SsOrder): Map<number, number> {
    const left = new Map(order.items.map((i) => [i.orderItemId, i.quantity]));
    if (this.fulfillments.some((f) => f.orderId === order.orderId)) {
      for (const id of left.keys()) left.set(id, 0);
      return left;
    }
    for (const s of this.shipments) {
      if (s.orderId !== order.orderId || s.voided) continue;
      for (const si of s.items) {
        const had = left.get(si.orderItemId);
        if (had !== undefined) left.set(si.orderItemId, had - si.quantity);
      }
    }
    return left;
  }

  private orderForControl(orderKey: unknown): SsOrder {
    if (typeof orderKey !== "string" || orderKey === "") {
      throw new ControlError(400, "orderKey is required");
    }
    const order = this.findByKey(orderKey);
    if (!order) throw new ControlError(404, `no order with key ${orderKey}`);
    return order;
  }

  /** Takes `wanted` units per SKU out of the remaining ones, item by item. */
  private allocate(
    order: SsOrder,
    left: Map<number, number>,
    wanted: Array<{ sku: string; quantity: number }> | undefined,
  ): Array<{ item: SsItem; quantity: number }> {
    const out: Array<{ item: SsItem; quantity: number }> = [];
    if (wanted === undefined) {
      for (const item of order.items) {
        const q = left.get(item.orderItemId) ?? 0;
        if (q > 0) out.push({ item, quantity: q });
      }
      return out;
    }
    for (const want of wanted) {
      if (!Number.isInteger(want.quantity) || want.quantity <= 0) {
        throw new ControlError(400, `bad quantity for ${want.sku}`);
      }
      let need = want.quantity;
      for (const item of order.items) {
        if (item.sku !== want.sku || need === 0) continue;
        const q = Math.min(need, left.get(item.orderItemId) ?? 0);
        if (q > 0) out.push({ item, quantity: q });
        need -= q;
      }
      if (need > 0) {
        throw new ControlError(
          409,
          `order ${order.orderKey} has fewer than ${want.quantity} ` +
            `unshipped units of ${want.sku}`,
        );
      }
    }
    return out;
  }

  private static take(
    left: Map<number, number>,
    picked: Array<{ item: SsItem; quantity: number }>,
  ): void {
    for (const p of picked) {
      const id = p.item.orderItemId;
      left.set(id, (left.get(id) ?? 0) - p.quantity);
    }
  }

  private settleStatus(order: SsOrder): void {
    const left = this.remaining(order);
    const done = [...left.values()].every((q) => q <= 0);
    order.orderStatus = done ? "shipped" : "awaiting_shipment";
    order.modifyDate = this.now();
  }

  /** The warehouse prints labels: one shipment per package, one batch. */
  ship(orderKey: unknown, packages: PackageRequest[]): SsShipment[] {
    const order = this.orderForControl(orderKey);
    if (order.orderStatus === "cancelled") {
      throw new ControlError(409, `order ${order.orderKey} is cancelled`);
    }
    if (packages.length === 0) {
      throw new ControlError(400, "packages must not be empty");
    }
    const left = this.remaining(order);
    const batch = String(this.nextBatch++);
    const now = this.now();
    const made: SsShipment[] = [];
    for (const pkg of packages) {
      if (typeof pkg.carrierCode !== "string" || pkg.carrierCode === "") {
        throw new ControlError(400, "every package needs a carrierCode");
      }
      const picked = this.allocate(order, left, pkg.items);
      if (picked.length === 0) {
        throw new ControlError(
          409,
          `order ${order.orderKey} has no units left`,
        );
      }
      ShipStationState.take(left, picked);
      const shipmentId = this.nextShipmentId++;
      const shipDate = pkg.shipDate ? parseShipStationDate(pkg.shipDate) : now;
      if (!shipDate) throw new ControlError(400, "shipDate is not a date");
      made.push({
        shipmentId,
        orderId: order.orderId,
        orderKey: order.orderKey,
        orderNumber: order.orderNumber,
        storeId: order.storeId,
        customerEmail: order.customerEmail,
        createDate: now,
        shipDate,
        trackingNumber:
          pkg.trackingNumber ?? fakeTracking(pkg.carrierCode, shipmentId),
        carrierCode: pkg.carrierCode,
        serviceCode: pkg.serviceCode ?? null,
        batchNumber: batch,
        voided: false,
        voidDate: null,
        shipTo: order.shipTo,
        items: picked.map((p): SsShipmentItem => ({
          orderItemId: p.item.orderItemId,
          lineItemKey: p.item.lineItemKey,
          sku: p.item.sku,
          name: p.item.name,
          quantity: p.quantity,
          unitPrice: p.item.unitPrice,
        })),
        notified: false,
      });
    }
    this.shipments.push(...made);
    const last = made[made.length - 1];
    if (last) order.shipDate = last.shipDate;
    this.settleStatus(order);
    return made;
  }

  /** Marked shipped without a label: a fulfillment, no shipment. */
  markShipped(
    orderKey: unknown,
    carrierCode: unknown,
    trackingNumber: unknown,
    shipDate?: unknown,
  ): SsFulfillment {
    const order = this.orderForControl(orderKey);
    if (typeof carrierCode !== "string" || typeof trackingNumber !== "string") {
      throw new ControlError(
        400,
        "carrierCode and trackingNumber are required",
      );
    }
    const now = this.now();
    const when =
      typeof shipDate === "string" ? parseShipStationDate(shipDate) : now;
    if (!when) throw new ControlError(400, "shipDate is not a date");
    const f: SsFulfillment = {
      fulfillmentId: this.nextFulfillmentId++,
      orderId: order.orderId,
      orderNumber: order.orderNumber,
      customerEmail: order.customerEmail,
      trackingNumber,
      createDate: now,
      shipDate: when,
      carrierCode,
      shipTo: order.shipTo,
    };
    this.fulfillments.push(f);
    order.shipDate = when;
    this.settleStatus(order);
    return f;
  }

  /**
   * Splits units off into a child order, as a warehouse user does in the
   * UI: new orderId and orderKey, `parentId` = the original's orderId.
   */
  split(
    orderKey: unknown,
    items: Array<{ sku: string; quantity: number }>,
    orderNumber?: string,
  ): SsOrder {
    const parent = this.orderForControl(orderKey);
    if (!OPEN_STATUSES.includes(parent.orderStatus)) {
      throw new ControlError(409, `order ${parent.orderKey} is not open`);
    }
    if (items.length === 0) throw new ControlError(400, "items is empty");
    const picked = this.allocate(parent, this.remaining(parent), items);
    const now = this.now();
    const siblings = this.orderList().filter(
      (o) => o.parentId === parent.orderId,
    ).length;
    const child: SsOrder = {
      ...parent,
      orderId: this.nextOrderId++,
      orderKey: randomUUID(),
      orderNumber: orderNumber ?? `${parent.orderNumber}-${siblings + 1}`,
      createDate: now,
      modifyDate: now,
      items: picked.map((p) => ({
        ...p.item,
        orderItemId: this.nextItemId++,
        quantity: p.quantity,
        createDate: now,
        modifyDate: now,
      })),
      amountPaid: 0,
      taxAmount: 0,
      shippingAmount: 0,
      advancedOptions: { ...parent.advancedOptions },
      parentId: parent.orderId,
      mergedOrSplit: true,
    };
    for (const p of picked) p.item.quantity -= p.quantity;
    parent.items = parent.items.filter((i) => i.quantity > 0);
    parent.mergedOrSplit = true;
    parent.modifyDate = now;
    this.orders.set(child.orderId, child);
    return child;
  }

  /** Voids a label; its units count as unshipped again. */
  voidShipment(shipmentId: unknown): SsShipment {
    const s = this.shipments.find((x) => x.shipmentId === Number(shipmentId));
    if (!s) throw new ControlError(404, `no shipment ${String(shipmentId)}`);
    if (s.voided)
      throw new ControlError(409, `shipment ${s.shipmentId} is void`);
    s.voided = true;
    s.voidDate = this.now();
    const order = this.orders.get(s.orderId);
    if (order) this.settleStatus(order);
    return s;
  }

  /** Registers a webhook; returns its id. */
  subscribe(hook: Omit<SsWebhook, "webHookId">): SsWebhook {
    const made = { ...hook, webHookId: this.nextWebhookId++ };
    this.webhooks.push(made);
    return made;
  }

  /** Removes a webhook; false when there was none. */
  unsubscribe(id: number): boolean {
    const at = this.webhooks.findIndex((w) => w.webHookId === id);
    if (at < 0) return false;
    this.webhooks.splice(at, 1);
    return true;
  }

  /** Batches with shipments no SHIP_NOTIFY has announced yet. */
  pendingBatches(): string[] {
    const out = new Set<string>();
    for (const s of this.shipments) if (!s.notified) out.add(s.batchNumber);
    return [...out];
  }
}

/** A tracking number shaped like the carrier's, from the shipment id. */
export function fakeTracking(carrierCode: string, id: number): string {
  const digits = String(id).padStart(10, "0");
  if (carrierCode.startsWith("ups")) return `1Z999AA1${digits}`;
  if (carrierCode.startsWith("fedex")) return `77${digits}`;
  return `94001118995617${digits.slice(-8)}`;
}
