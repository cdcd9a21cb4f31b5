import type { MarketplaceOrder } from "../contract.js";
import type { EbayError } from "./errors.js";
import { shippedUnits, type ShippingFulfillment } from "./fulfillments.js";
import { isRecord } from "./request.js";

/**
 * Carrier values eBay accepts (Trading GeteBayDetails ShippingCarrierDetails,
 * ebay.md §3), a subset large enough for the sandbox. Anything else is
 * refused, which is what catches swapped carrier and tracking fields (B21).
 */
export const EBAY_CARRIERS = [
  "USPS",
  "UPS",
  "FedEx",
  "DHL",
  "DHLGlobalMail",
  "OnTrac",
  "CanadaPost",
  "RoyalMail",
  "DeutschePost",
  "AustraliaPost",
  "Other",
];

export type FulfillmentPlan =
  | { ok: true; fulfillment: ShippingFulfillment }
  | { ok: false; error: EbayError };

function inputError(
  errorId: number,
  message: string,
  name: string,
  value: string,
): FulfillmentPlan {
  return {
    ok: false,
    error: {
      errorId,
      domain: "API_FULFILLMENT",
      category: "REQUEST",
      message,
      parameters: [{ name, value }],
    },
  };
}

function carrierCode(value: string): string | undefined {
  return EBAY_CARRIERS.find((c) => c.toLowerCase() === value.toLowerCase());
}

function planLines(
  order: MarketplaceOrder,
  lineItems: unknown,
): Array<{ lineItemId: string; quantity: number }> | FulfillmentPlan {
  if (!Array.isArray(lineItems) || lineItems.length === 0) {
    return inputError(32600, "Invalid input", "lineItems", "");
  }
  const left = new Map<string, number>();
  const ordered = new Map<string, number>();
  const shipped = shippedUnits(order);
  for (const line of order.lines) {
    ordered.set(line.line_id, line.quantity);
    left.set(
      line.line_id,
      Math.max(0, line.quantity - (shipped.get(line.line_id) ?? 0)),
    );
  }
  const planned: Array<{ lineItemId: string; quantity: number }> = [];
  for (const item of lineItems) {
    const id = isRecord(item) ? String(item["lineItemId"] ?? "") : "";
    const remaining = left.get(id);
    const limit = ordered.get(id);
    if (remaining === undefined || limit === undefined) {
      return inputError(32200, "Invalid line item id", "lineItemId", id);
    }
    // Without a quantity the whole unshipped rest goes in the package. A
    // package may carry units already shipped, as a seller's corrected
    // label does, but never more than the line holds.
    const raw = isRecord(item) ? item["quantity"] : undefined;
    const quantity = raw === undefined ? remaining : raw;
    if (
      typeof quantity !== "number" ||
      !Number.isInteger(quantity) ||
      quantity < 1 ||
      quantity > limit
    ) {
      return inputError(32600, "Invalid input", "quantity", String(raw));
    }
    left.set(id, Math.max(0, remaining - quantity));
    planned.push({ lineItemId: id, quantity });
  }
  return planned;
}

/**
 * Checks a createShippingFulfillment body against the order and returns the
 * package it creates. Every call makes a new package: eBay does not
 * de-duplicate (ebay.md §0.1), so neither does this.
 */
export function planShippingFulfillment(
  order: MarketplaceOrder,
  body: unknown,
  now: Date,
  packageNumber: number,
): FulfillmentPlan {
  if (!isRecord(body)) return inputError(32600, "Invalid input", "body", "");
  const lines = planLines(order, body["lineItems"]);
  if (!Array.isArray(lines)) return lines;
  const tracking = body["trackingNumber"];
  const carrier = body["shippingCarrierCode"];
  // The two fields are mutually dependent (ebay.md §3).
  if ((tracking === undefined) !== (carrier === undefined)) {
    return inputError(
      32300,
      "Invalid tracking number or shipping carrier",
      tracking === undefined ? "trackingNumber" : "shippingCarrierCode",
      "",
    );
  }
  const fulfillment: ShippingFulfillment = {
    // Without tracking, eBay picks an arbitrary id such as 999.
    fulfillmentId: String(999 + packageNumber),
    lineItems: lines,
    shippedDate: now.toISOString(),
  };
  if (tracking !== undefined || carrier !== undefined) {
    const code = typeof carrier === "string" ? carrierCode(carrier) : undefined;
    if (
      code === undefined ||
      typeof tracking !== "string" ||
      !/^[A-Za-z0-9]{4,40}$/.test(tracking)
    ) {
      return inputError(
        32300,
        "Invalid tracking number or shipping carrier",
        code === undefined ? "shippingCarrierCode" : "trackingNumber",
        String(code === undefined ? carrier : tracking),
      );
    }
    fulfillment.fulfillmentId = tracking;
    fulfillment.shipmentTrackingNumber = tracking;
    fulfillment.shippingCarrierCode = code;
  }
  const shippedDate = body["shippedDate"];
  if (shippedDate !== undefined) {
    const date = typeof shippedDate === "string" ? new Date(shippedDate) : null;
    if (date === null || Number.isNaN(date.getTime())) {
      return inputError(
        32500,
        "Invalid shipped date",
        "shippedDate",
        String(shippedDate),
      );
    }
    fulfillment.shippedDate = date.toISOString();
  }
  return { ok: true, fulfillment };
}
