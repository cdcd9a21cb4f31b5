import type { PackageConfirmation } from "../types.js";
import { normalTracking } from "./carriers.js";
import { hasPendingCancel } from "./order-mapping.js";
import type { EbayOrder, ShippingFulfillment } from "./schemas.js";

/** The createShippingFulfillment body (api-reference/ebay.md §3). */
export interface ShippingFulfillmentRequest {
  lineItems: Array<{ lineItemId: string; quantity: number }>;
  shippedDate: string;
  shippingCarrierCode: string;
  trackingNumber: string;
}

/** What to do with one package, decided from what eBay already has. */
export type FulfillmentDecision =
  | { action: "create"; body: ShippingFulfillmentRequest }
  | { action: "already_done"; carrier: string }
  | { action: "mismatch"; existingTracking: string }
  | { action: "refuse"; reason: string; retryable: boolean };

function sameTracking(f: ShippingFulfillment, tracking: string): boolean {
  const wanted = tracking.toUpperCase();
  const theirs = normalTracking(f.shipmentTrackingNumber ?? "").toUpperCase();
  // With tracking given, the fulfillmentId is the tracking number (§0.1).
  return theirs === wanted || (f.fulfillmentId ?? "").toUpperCase() === wanted;
}

/**
 * Units of each line eBay counts as shipped, less the packages of voided
 * labels this package replaces: their units ship again under the new
 * tracking (case B06).
 */
function shippedUnits(
  order: EbayOrder,
  existing: readonly ShippingFulfillment[],
  replaces: readonly string[],
): Map<string, number> {
  const units = new Map<string, number>();
  const corrected = new Set<string>();
  for (const f of existing) {
    const voided = replaces.some((tracking) => sameTracking(f, tracking));
    for (const item of f.lineItems ?? []) {
      if (voided) {
        corrected.add(item.lineItemId);
        continue;
      }
      units.set(
        item.lineItemId,
        (units.get(item.lineItemId) ?? 0) + item.quantity,
      );
    }
  }
  // A line eBay marks FULFILLED is full even if its packages are not
  // listed, unless that status comes from a package being replaced.
  for (const line of order.lineItems) {
    if (
      line.lineItemFulfillmentStatus === "FULFILLED" &&
      !corrected.has(line.lineItemId)
    ) {
      units.set(
        line.lineItemId,
        Math.max(units.get(line.lineItemId) ?? 0, line.quantity),
      );
    }
  }
  return units;
}

function trackingsOf(
  existing: readonly ShippingFulfillment[],
  lineIds: ReadonlySet<string>,
): string {
  const numbers = existing
    .filter((f) => (f.lineItems ?? []).some((i) => lineIds.has(i.lineItemId)))
    .map((f) => f.shipmentTrackingNumber ?? f.fulfillmentId ?? "")
    .filter((n) => n !== "");
  return numbers.length > 0 ? [...new Set(numbers)].join(", ") : "(none given)";
}

/**
 * Decides one package against the order and its existing packages. eBay
 * adds a package on every createShippingFulfillment (§0.1), so the same
 * tracking already there means done, and lines with no units left mean
 * someone shipped them under another tracking (case B18: a mismatch to
 * fix by hand, not an error to retry).
 */
export function planFulfillment(
  pkg: PackageConfirmation,
  order: EbayOrder,
  existing: readonly ShippingFulfillment[],
  carrier: string,
  tracking: string,
): FulfillmentDecision {
  const done = existing.find((f) => sameTracking(f, tracking));
  if (done !== undefined) {
    return {
      action: "already_done",
      carrier: done.shippingCarrierCode ?? carrier,
    };
  }
  if (order.cancelStatus?.cancelState === "CANCELED") {
    return {
      action: "refuse",
      reason: "the order was cancelled on eBay",
      retryable: false,
    };
  }
  // Case B24: tracking is held while a buyer's cancel request waits; once
  // the seller declines it in Seller Hub a later run pushes.
  if (hasPendingCancel(order)) {
    return {
      action: "refuse",
      reason:
        "the buyer asked to cancel: accept or decline the request in eBay " +
        "Seller Hub",
      retryable: true,
    };
  }
  const ordered = new Map(
    order.lineItems.map((l) => [l.lineItemId, l.quantity]),
  );
  const replaces = (pkg.replacesTracking ?? []).map((t) => normalTracking(t));
  const shipped = shippedUnits(order, existing, replaces);
  const full = new Set<string>();
  for (const line of pkg.lines) {
    const quantity = ordered.get(line.lineId);
    if (quantity === undefined) {
      return {
        action: "refuse",
        reason: `line ${line.lineId} (${line.sku}) is not on the eBay order`,
        retryable: false,
      };
    }
    if (quantity - (shipped.get(line.lineId) ?? 0) < line.quantity) {
      full.add(line.lineId);
    }
  }
  if (full.size > 0) {
    return {
      action: "mismatch",
      existingTracking: trackingsOf(existing, full),
    };
  }
  return {
    action: "create",
    body: {
      lineItems: pkg.lines.map((l) => ({
        lineItemId: l.lineId,
        quantity: l.quantity,
      })),
      shippedDate: new Date(pkg.shipDate).toISOString(),
      shippingCarrierCode: carrier,
      trackingNumber: tracking,
    },
  };
}
