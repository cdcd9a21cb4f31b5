import type { MarketplaceOrder } from "../contract.js";
import type { ParseResult } from "./search-query.js";

/** The parts of a confirmShipment body the stand-in acts on. */
export interface PackageConfirmation {
  marketplaceId: string;
  packageReferenceId: string;
  carrierCode: string;
  carrierName?: string;
  shippingMethod?: string;
  trackingNumber: string;
  shipDate: string;
  /** orderItemId → quantity in this package. */
  items: Record<string, number>;
}

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function packageItems(value: unknown): ParseResult<Record<string, number>> {
  if (!Array.isArray(value) || value.length === 0) {
    return { ok: false, message: "packageDetail.orderItems is required." };
  }
  const items: Record<string, number> = {};
  for (const entry of value) {
    const id = isFields(entry) ? text(entry, "orderItemId") : undefined;
    const quantity = isFields(entry) ? entry.quantity : undefined;
    if (id === undefined) {
      return { ok: false, message: "orderItems[].orderItemId is required." };
    }
    if (
      typeof quantity !== "number" ||
      !Number.isInteger(quantity) ||
      quantity < 1
    ) {
      return {
        ok: false,
        message: `Quantity for orderItemId ${id} must be a positive integer.`,
      };
    }
    items[id] = (items[id] ?? 0) + quantity;
  }
  return { ok: true, value: items };
}

/** Reads a confirmShipment body; every field Amazon requires must be there. */
export function readConfirmation(
  body: unknown,
): ParseResult<PackageConfirmation> {
  if (!isFields(body) || !isFields(body.packageDetail)) {
    return { ok: false, message: "packageDetail is required." };
  }
  const detail = body.packageDetail;
  const marketplaceId = text(body, "marketplaceId");
  const ref = text(detail, "packageReferenceId");
  const carrierCode = text(detail, "carrierCode");
  const trackingNumber = text(detail, "trackingNumber");
  const shipDate = text(detail, "shipDate");
  if (marketplaceId === undefined) {
    return { ok: false, message: "marketplaceId is required." };
  }
  if (ref === undefined) {
    return { ok: false, message: "packageReferenceId is required." };
  }
  // amazon.md §3a: carrierCode is required everywhere; Other needs a name.
  if (carrierCode === undefined) {
    return { ok: false, message: "carrierCode is required." };
  }
  const carrierName = text(detail, "carrierName");
  if (carrierCode === "Other" && carrierName === undefined) {
    return { ok: false, message: "carrierName is required for Other." };
  }
  if (trackingNumber === undefined) {
    return { ok: false, message: "trackingNumber is required." };
  }
  if (shipDate === undefined || Number.isNaN(Date.parse(shipDate))) {
    return { ok: false, message: "shipDate must be an ISO 8601 date." };
  }
  const items = packageItems(detail.orderItems);
  if (!items.ok) return items;
  const confirmation: PackageConfirmation = {
    marketplaceId,
    packageReferenceId: ref,
    carrierCode,
    trackingNumber,
    shipDate,
    items: items.value,
  };
  if (carrierName !== undefined) confirmation.carrierName = carrierName;
  const method = text(detail, "shippingMethod");
  if (method !== undefined) confirmation.shippingMethod = method;
  return { ok: true, value: confirmation };
}

/**
 * Checks a package against the order: it must be shippable, name only its
 * items, and not ship more units than remain. Returns the status after it.
 */
export function checkPackage(
  order: MarketplaceOrder,
  items: Record<string, number>,
  shipped: Map<string, number>,
): ParseResult<"partially_shipped" | "shipped"> {
  if (order.status !== "unshipped" && order.status !== "partially_shipped") {
    return {
      ok: false,
      message: `Order ${order.order_id} cannot be shipped in its current state.`,
    };
  }
  const lines = new Map(order.lines.map((line) => [line.line_id, line]));
  for (const [id, quantity] of Object.entries(items)) {
    const line = lines.get(id);
    if (line === undefined) {
      return {
        ok: false,
        message: `orderItemId ${id} is not part of order ${order.order_id}.`,
      };
    }
    if ((shipped.get(id) ?? 0) + quantity > line.quantity) {
      return {
        ok: false,
        message: `Quantity for orderItemId ${id} exceeds the unshipped quantity.`,
      };
    }
  }
  const complete = order.lines.every(
    (line) =>
      (shipped.get(line.line_id) ?? 0) + (items[line.line_id] ?? 0) >=
      line.quantity,
  );
  return { ok: true, value: complete ? "shipped" : "partially_shipped" };
}
