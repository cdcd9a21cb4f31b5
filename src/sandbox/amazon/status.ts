import type { ScenarioOrderStatus } from "../contract.js";

/** v2026-01-01 `fulfillmentStatuses` values (amazon.md §2a). */
export const FULFILLMENT_STATUSES = [
  "PENDING_AVAILABILITY",
  "PENDING",
  "UNSHIPPED",
  "PARTIALLY_SHIPPED",
  "SHIPPED",
  "CANCELLED",
  "UNFULFILLABLE",
] as const;

export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

/**
 * The scenario's neutral status in Amazon's v2026 words. Amazon has no
 * acceptance step, so an order awaiting acceptance reads as PENDING.
 */
export function fulfillmentStatus(
  status: ScenarioOrderStatus,
): FulfillmentStatus {
  switch (status) {
    case "pending":
    case "awaiting_acceptance":
      return "PENDING";
    case "unshipped":
      return "UNSHIPPED";
    case "partially_shipped":
      return "PARTIALLY_SHIPPED";
    case "shipped":
      return "SHIPPED";
    case "cancelled":
      return "CANCELLED";
  }
}

/**
 * Amazon withholds the address, buyer and prices until payment clears, and
 * shows no address on cancelled orders (amazon.md §2b, case B13).
 */
export function revealsBuyer(status: ScenarioOrderStatus): boolean {
  return (
    status === "unshipped" ||
    status === "partially_shipped" ||
    status === "shipped"
  );
}

/** Pending orders carry no pricing until payment clears (amazon.md §2c). */
export function showsPrices(status: ScenarioOrderStatus): boolean {
  return status !== "pending" && status !== "awaiting_acceptance";
}
