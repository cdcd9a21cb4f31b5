import type { MarketplaceOrder } from "../contract.js";
import { distributionCenter } from "./distribution-centers.js";
import type { ShipRecord } from "./state.js";

type Fields = Record<string, unknown>;

const DELIVERY_STATUSES = [
  "NoChange",
  "InTransit",
  "ReadyForPickup",
  "Complete",
  "Canceled",
  "ThirdPartyManaged",
];

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/**
 * Validates a Ship body (`{"Value": {…}}`, rithum.md §3) against the order
 * and the seller's carriers; returns what the fulfillment will hold.
 */
export function planShip(
  body: unknown,
  order: MarketplaceOrder,
  carriers: string[],
): { ok: true; value: ShipRecord } | { ok: false; message: string } {
  const value = isFields(body) ? body.Value : undefined;
  if (!isFields(value)) {
    return {
      ok: false,
      message: "The request body must carry a Value object.",
    };
  }
  if (order.status === "shipped" || order.status === "cancelled") {
    return {
      ok: false,
      message: `Order ${order.order_id} is already ${order.status === "shipped" ? "shipped" : "canceled"}.`,
    };
  }
  const carrier = text(value, "ShippingCarrier") ?? "";
  const shipClass = text(value, "ShippingClass") ?? "";
  const known = carriers.find((c) => c.toLowerCase() === carrier.toLowerCase());
  if (known === undefined || shipClass === "") {
    return {
      ok: false,
      message: `Invalid Shipping Carrier and/or Class: ${carrier} / ${shipClass}`,
    };
  }
  const tracking = text(value, "TrackingNumber");
  if (tracking === undefined) {
    return { ok: false, message: "TrackingNumber is required." };
  }
  const shippedAt = text(value, "ShippedDateUtc");
  if (shippedAt === undefined || Number.isNaN(Date.parse(shippedAt))) {
    return { ok: false, message: "ShippedDateUtc must be a date." };
  }
  const dcValue = value.DistributionCenterID ?? 0;
  const dc =
    typeof dcValue === "number" ? distributionCenter(dcValue) : undefined;
  if (dc === undefined) {
    return {
      ok: false,
      message: `Unknown DistributionCenterID ${String(dcValue)}.`,
    };
  }
  const delivery = text(value, "DeliveryStatus") ?? "Complete";
  if (!DELIVERY_STATUSES.includes(delivery)) {
    return { ok: false, message: `Invalid DeliveryStatus ${delivery}.` };
  }
  return {
    ok: true,
    value: {
      ShippedDateUtc: shippedAt,
      TrackingNumber: tracking,
      ShippingCarrier: carrier,
      ShippingClass: shipClass,
      DistributionCenterID: dc.ID,
      DeliveryStatus: delivery,
      SellerFulfillmentID: text(value, "SellerFulfillmentID") ?? null,
    },
  };
}
