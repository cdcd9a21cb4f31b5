import type { PackageConfirmation } from "../types.js";

/** What to do for one package, from the order's state on Mirakl. */
export type ShipmentPlan =
  /** OR23 tracking, then OR24 ship when the package completes the order. */
  | { action: "send"; ship: boolean }
  | { action: "already_done" }
  | { action: "mismatch"; existingTracking: string }
  /** Not shippable yet: a later run tries again. */
  | { action: "defer"; reason: string }
  /** Never shippable: cancelled or refused. */
  | { action: "refuse"; reason: string };

const SHIPPED = new Set(["SHIPPED", "TO_COLLECT", "RECEIVED", "CLOSED"]);
const NOT_YET = new Set([
  "STAGING",
  "WAITING_ACCEPTANCE",
  "WAITING_DEBIT",
  "WAITING_DEBIT_PAYMENT",
]);

/**
 * Plans one confirmation (case B26). Mirakl ships a whole order (OR24) and
 * keeps one tracking per order (OR23 replaces it; several-package orders
 * need ST01 multi-shipment, which mirakl.md §5 leaves out). So every
 * package's tracking goes out with OR23 while the order is in SHIPPING,
 * the last one wins, and only the package that completes the order sends
 * OR24. On an order already shipped, an earlier package's different
 * tracking is not a mismatch: the order can show only one. A voided
 * label's tracking the order shows is corrected with OR23 alone.
 */
export function planMiraklShipment(
  orderState: string,
  existingTracking: string | null | undefined,
  pkg: PackageConfirmation,
): ShipmentPlan {
  if (orderState === "SHIPPING")
    return { action: "send", ship: pkg.completesOrder };
  if (SHIPPED.has(orderState)) {
    if (existingTracking === pkg.trackingNumber) return { action: "already_done" };
    // The order shows a voided label's tracking: OR23 puts the replacement
    // in its place (case B06); the order is shipped already, so no OR24.
    if (existingTracking && pkg.replacesTracking?.includes(existingTracking)) {
      return { action: "send", ship: false };
    }
    if (!pkg.completesOrder) return { action: "already_done" };
    return { action: "mismatch", existingTracking: existingTracking ?? "" };
  }
  if (NOT_YET.has(orderState)) {
    return {
      action: "defer",
      reason: `order ${pkg.orderId} is ${orderState} on Mirakl: it was shipped physically before it was accepted and debited; its tracking is sent once the order reaches SHIPPING`,
    };
  }
  return {
    action: "refuse",
    reason: `order ${pkg.orderId} is ${orderState} on Mirakl; tracking cannot be sent`,
  };
}
