import type { MarketplaceOrder } from "../contract.js";

/** One package as eBay's shipping_fulfillment resource describes it. */
export interface ShippingFulfillment {
  fulfillmentId: string;
  lineItems: Array<{ lineItemId: string; quantity: number }>;
  shipmentTrackingNumber?: string;
  shippedDate: string;
  shippingCarrierCode?: string;
}

const PACKAGES = "ebayFulfillments";
const PRESHIPPED = "ebayPreshipped";

/** Packages created on an order so far, oldest first (a live array). */
export function fulfillmentsOf(order: MarketplaceOrder): ShippingFulfillment[] {
  const stored = order.vendor[PACKAGES];
  if (Array.isArray(stored)) return stored as ShippingFulfillment[];
  const fresh: ShippingFulfillment[] = [];
  order.vendor[PACKAGES] = fresh;
  return fresh;
}

/**
 * Units shipped before the sandbox started, read once from the scenario
 * status and kept, because the status itself moves as packages arrive.
 * A partially shipped scenario order has its first line shipped.
 */
function preshipped(order: MarketplaceOrder): Record<string, number> {
  const stored = order.vendor[PRESHIPPED];
  if (typeof stored === "object" && stored !== null) {
    return stored as Record<string, number>;
  }
  const units: Record<string, number> = {};
  order.lines.forEach((line, index) => {
    const shipped =
      order.status === "shipped" ||
      (order.status === "partially_shipped" && index === 0);
    units[line.line_id] = shipped ? line.quantity : 0;
  });
  order.vendor[PRESHIPPED] = units;
  return units;
}

/** Units of each line shipped so far, by line item id. */
export function shippedUnits(order: MarketplaceOrder): Map<string, number> {
  const units = new Map(Object.entries(preshipped(order)));
  for (const pkg of fulfillmentsOf(order)) {
    for (const item of pkg.lineItems) {
      units.set(
        item.lineItemId,
        (units.get(item.lineItemId) ?? 0) + item.quantity,
      );
    }
  }
  return units;
}

export type FulfillmentStatus = "NOT_STARTED" | "IN_PROGRESS" | "FULFILLED";

/** eBay's fulfillment status of one line given the units shipped. */
export function lineStatus(
  ordered: number,
  shipped: number,
): FulfillmentStatus {
  if (shipped >= ordered) return "FULFILLED";
  return shipped > 0 ? "IN_PROGRESS" : "NOT_STARTED";
}

/** eBay's `orderFulfillmentStatus`, derived from its lines. */
export function orderStatus(order: MarketplaceOrder): FulfillmentStatus {
  const units = shippedUnits(order);
  const statuses = order.lines.map((line) =>
    lineStatus(line.quantity, units.get(line.line_id) ?? 0),
  );
  if (statuses.every((s) => s === "FULFILLED")) return "FULFILLED";
  if (statuses.every((s) => s === "NOT_STARTED")) return "NOT_STARTED";
  return "IN_PROGRESS";
}
