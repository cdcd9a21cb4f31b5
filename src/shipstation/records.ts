import { UpstreamError } from "../errors.js";
import { parsePacific } from "./pacific-time.js";
import type { FulfillmentWire, OrderWire, ShipmentWire } from "./wire.js";

/** One line of a ShipStation order or shipment. */
export interface ShipStationItem {
  orderItemId: number | undefined;
  lineItemKey: string | undefined;
  sku: string | undefined;
  quantity: number;
}

/** An order as ShipStation holds it, with what adoption and B07 need. */
export interface ShipStationOrder {
  orderId: number;
  orderNumber: string;
  /** ShipStation generates a new key for split children (case B07). */
  orderKey: string | undefined;
  orderStatus: string;
  storeId: number | undefined;
  /** Set on the children of a split order: the original's orderId. */
  parentId: number | undefined;
  mergedOrSplit: boolean;
  modifyDate: Date | undefined;
  items: ShipStationItem[];
  /** The order as received, for re-sending with another status. */
  wire: OrderWire;
}

/** One label (shipment) with the lines it carries. */
export interface ShipStationShipment {
  shipmentId: number;
  orderId: number;
  orderKey: string | undefined;
  orderNumber: string | undefined;
  createDate: Date;
  /** The Pacific calendar day the label ships, `yyyy-mm-dd`. */
  shipDate: string | undefined;
  trackingNumber: string | undefined;
  carrierCode: string | undefined;
  serviceCode: string | undefined;
  storeId: number | undefined;
  isReturnLabel: boolean;
  voided: boolean;
  voidDate: Date | undefined;
  items: ShipStationItem[];
}

/** An order marked shipped without a ShipStation label (shipstation.md §0.4). */
export interface ShipStationFulfillment {
  fulfillmentId: number;
  orderId: number;
  orderNumber: string | undefined;
  trackingNumber: string | undefined;
  /** Free text such as "USPS" or "FedEx", not a carrier code. */
  carrierCode: string | undefined;
  createDate: Date;
  shipDate: string | undefined;
  voided: boolean;
  voidDate: Date | undefined;
}

const opt = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

/** A Pacific timestamp that must be readable, else a malformed answer. */
function instant(text: string, what: string): Date {
  const date = parsePacific(text);
  if (!date) {
    throw new UpstreamError(
      `shipstation sent an unreadable ${what}: "${text}"`,
      {
        api: "shipstation",
        code: "malformed",
        retryable: false,
      },
    );
  }
  return date;
}

function optionalInstant(text: string | null | undefined, what: string) {
  return text ? instant(text, what) : undefined;
}

/** `2025-01-03` or `2025-01-03T00:00:00.0000000` → `2025-01-03`. */
function day(text: string | null | undefined): string | undefined {
  return text ? text.slice(0, 10) : undefined;
}

/** An order from its wire form. */
export function toOrder(wire: OrderWire): ShipStationOrder {
  const adv = wire.advancedOptions;
  return {
    orderId: wire.orderId,
    orderNumber: wire.orderNumber,
    orderKey: opt(wire.orderKey),
    orderStatus: wire.orderStatus,
    storeId: opt(adv?.storeId),
    parentId: opt(adv?.parentId),
    mergedOrSplit: adv?.mergedOrSplit ?? false,
    modifyDate: optionalInstant(wire.modifyDate, "modifyDate"),
    items: (wire.items ?? []).map(toItem),
    wire,
  };
}

/** One line, from an order's `items` or a shipment's `shipmentItems`. */
function toItem(i: {
  orderItemId?: number | null;
  lineItemKey?: string | null;
  sku?: string | null;
  quantity: number;
}): ShipStationItem {
  return {
    orderItemId: opt(i.orderItemId),
    lineItemKey: opt(i.lineItemKey),
    sku: opt(i.sku),
    quantity: i.quantity,
  };
}

/** A shipment from its wire form; dates read as Pacific (case B03). */
export function toShipment(wire: ShipmentWire): ShipStationShipment {
  return {
    shipmentId: wire.shipmentId,
    orderId: wire.orderId,
    orderKey: opt(wire.orderKey),
    orderNumber: opt(wire.orderNumber),
    createDate: instant(wire.createDate, "shipment createDate"),
    shipDate: day(wire.shipDate),
    trackingNumber: opt(wire.trackingNumber),
    carrierCode: opt(wire.carrierCode),
    serviceCode: opt(wire.serviceCode),
    storeId: opt(wire.advancedOptions?.storeId),
    isReturnLabel: wire.isReturnLabel ?? false,
    voided: wire.voided ?? false,
    voidDate: optionalInstant(wire.voidDate, "shipment voidDate"),
    items: (wire.shipmentItems ?? []).map(toItem),
  };
}

/** A fulfillment from its wire form. */
export function toFulfillment(wire: FulfillmentWire): ShipStationFulfillment {
  return {
    fulfillmentId: wire.fulfillmentId,
    orderId: wire.orderId,
    orderNumber: opt(wire.orderNumber),
    trackingNumber: opt(wire.trackingNumber),
    carrierCode: opt(wire.carrierCode),
    createDate: instant(wire.createDate, "fulfillment createDate"),
    shipDate: day(wire.shipDate),
    voided: wire.voided ?? false,
    voidDate: optionalInstant(wire.voidDate, "fulfillment voidDate"),
  };
}
