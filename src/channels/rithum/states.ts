import type { OrderState } from "../types.js";
import type { RithumOrder } from "./schemas.js";

/** Where a Rithum order stands in hub's words, and why it waits. */
export interface MappedState {
  state: OrderState;
  notReadyReason?: string;
}

/**
 * CheckoutStatus is a flag enum (rithum.md §2: `CompletedAndVisited` = 3),
 * so "completed" is any value naming the Completed flag, checked here
 * rather than with an `eq` filter that would miss the combinations.
 */
export function checkoutCompleted(status: string | null | undefined): boolean {
  return /Completed/.test(status ?? "");
}

const PAID = new Set(["Cleared", "Deposited"]);

/**
 * Orders fulfilled outside the seller's warehouses (FBA-like, rithum.md §2)
 * must not be shipped by hub.
 */
export function externallyManaged(order: RithumOrder): boolean {
  if (order.DistributionCenterTypeRollup === "ExternallyManaged") return true;
  if (order.ShippingStatus === "ThirdPartyManaged") return true;
  const list = order.Fulfillments ?? [];
  return (
    list.length > 0 &&
    list.every((f) => f.DeliveryStatus === "ThirdPartyManaged")
  );
}

/** ShippingStatus, PaymentStatus and CheckoutStatus → hub's order state. */
export function mapRithumState(order: RithumOrder): MappedState {
  if (externallyManaged(order)) return { state: "shipped" };
  switch (order.ShippingStatus) {
    case "Canceled":
      return { state: "cancelled" };
    case "Shipped":
      return { state: "shipped" };
    case "PartiallyShipped":
      return { state: "partially_shipped" };
    default:
      break;
  }
  if (!checkoutCompleted(order.CheckoutStatus)) {
    return {
      state: "not_ready",
      notReadyReason: `checkout not completed (CheckoutStatus ${order.CheckoutStatus ?? "absent"})`,
    };
  }
  if (!PAID.has(order.PaymentStatus ?? "")) {
    return {
      state: "not_ready",
      notReadyReason: `payment not cleared (PaymentStatus ${order.PaymentStatus ?? "absent"})`,
    };
  }
  return { state: "ready" };
}
