import type { ShipStationClient } from "../../shipstation/client.js";
import type {
  ShipStationFulfillment,
  ShipStationShipment,
} from "../../shipstation/records.js";
import type { ShipmentSource } from "./shipment-source.js";
import type { ShippedPackage } from "./types.js";

/** A label as push-tracking sees it. */
export function packageOfShipment(s: ShipStationShipment): ShippedPackage {
  return {
    shipmentKey: String(s.shipmentId),
    packageRef: String(s.shipmentId),
    source: "label",
    shipstationOrderId: s.orderId,
    orderKey: s.orderKey,
    storeId: s.storeId,
    trackingNumber: s.trackingNumber?.trim() ?? "",
    carrierCode: s.carrierCode ?? "",
    serviceCode: s.serviceCode,
    createdAt: s.createDate,
    voided: s.voided,
    voidedAt: s.voidDate,
    returnLabel: s.isReturnLabel,
    items: s.items.map((i) => ({
      lineItemKey: i.lineItemKey,
      sku: i.sku,
      quantity: i.quantity,
    })),
  };
}

/**
 * A fulfillment as a package of every unit still open. Its carrier is
 * free text ("USPS", "FedEx"), written here in carrier-code form so the
 * connectors' maps apply to it too.
 */
export function packageOfFulfillment(
  f: ShipStationFulfillment,
): ShippedPackage {
  return {
    // Fulfillment and shipment ids are separate sequences.
    shipmentKey: `f${f.fulfillmentId}`,
    packageRef: String(f.fulfillmentId),
    source: "fulfillment",
    shipstationOrderId: f.orderId,
    orderKey: undefined,
    storeId: undefined,
    trackingNumber: f.trackingNumber?.trim() ?? "",
    carrierCode: (f.carrierCode ?? "")
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_"),
    serviceCode: undefined,
    createdAt: f.createDate,
    voided: f.voided,
    voidedAt: f.voidDate,
    returnLabel: false,
    items: [],
  };
}

/**
 * ShipStation filters by whole seconds, so an end of 10:00:05.300 would
 * leave out a label made at 10:00:05.100 while the cursor moves past it:
 * the end is rounded up to the next second instead.
 */
export function wholeSecondAfter(until: Date): Date {
  return new Date(Math.ceil(until.getTime() / 1000) * 1000);
}

/** The ShipStation client behind the ShipmentSource interface. */
export function shipStationSource(client: ShipStationClient): ShipmentSource {
  return {
    async listShipments(since, until) {
      const rows = await client.listShipments({
        since,
        until: wholeSecondAfter(until),
      });
      return rows.map(packageOfShipment);
    },
    async listFulfillments(since, until) {
      const rows = await client.listFulfillments({
        since,
        until: wholeSecondAfter(until),
      });
      return rows.map(packageOfFulfillment);
    },
    async shipmentsOfEvent(resourceUrl) {
      const rows = await client.shipmentsOfResource(resourceUrl);
      return rows.map(packageOfShipment);
    },
    async getOrder(orderId) {
      const order = await client.getOrder(orderId);
      if (!order) return undefined;
      return {
        orderId: order.orderId,
        orderKey: order.orderKey,
        parentId: order.parentId,
      };
    },
  };
}
