import type { PackageConfirmation } from "../types.js";
import type { RithumOrder } from "./schemas.js";
import { externallyManaged } from "./states.js";

/** What to do for one package, from the order as Rithum has it. */
export type ShipPlan =
  | { action: "ship" }
  | { action: "already_done" }
  | { action: "mismatch"; existingTracking: string }
  /** A package that does not complete the order: nothing to send. */
  | { action: "wait" }
  | { action: "refuse"; reason: string };

/** Tracking numbers on the order's fulfilments. */
export function trackingsOf(order: RithumOrder): string[] {
  return (order.Fulfillments ?? [])
    .map((f) => f.TrackingNumber ?? "")
    .filter((t) => t !== "");
}

/**
 * Plans one confirmation. The Ship call ships the whole order with one
 * tracking (rithum.md §3; partial-shipment shapes are not confirmed), so
 * only the package that completes the order sends it; an earlier package
 * sends nothing. An order already shipped is done when it carries our
 * tracking, a mismatch when it carries another.
 */
export function planRithumShip(
  order: RithumOrder,
  pkg: PackageConfirmation,
): ShipPlan {
  if (externallyManaged(order)) {
    return {
      action: "refuse",
      reason: `order ${pkg.orderId} is fulfilled outside the seller's centres on Rithum; hub does not ship it`,
    };
  }
  if (order.ShippingStatus === "Canceled") {
    return {
      action: "refuse",
      reason: `order ${pkg.orderId} is cancelled on Rithum; tracking cannot be sent`,
    };
  }
  const existing = trackingsOf(order);
  if (order.ShippingStatus === "Shipped") {
    if (existing.includes(pkg.trackingNumber) || !pkg.completesOrder)
      return { action: "already_done" };
    return { action: "mismatch", existingTracking: existing[0] ?? "" };
  }
  if (existing.includes(pkg.trackingNumber)) return { action: "already_done" };
  return pkg.completesOrder ? { action: "ship" } : { action: "wait" };
}

/** "Already shipped" in a Ship 400, in the words ChannelAdvisor uses. */
export function saysAlreadyShipped(message: string): boolean {
  return /already\s+(been\s+)?shipped/i.test(message);
}
