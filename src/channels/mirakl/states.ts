import type { OrderState } from "../types.js";

/** Where a Mirakl `order_state` stands in hub's words, and why it waits. */
export interface MappedState {
  state: OrderState;
  notReadyReason?: string;
}

const NO_ADDRESS = "no shipping address yet";

/**
 * Mirakl order states (mirakl.md §2, §0.6). Unknown values are tolerated
 * (mirakl.md §1: new enum values may appear) and parked, never shipped.
 */
export function mapMiraklState(orderState: string): MappedState {
  switch (orderState) {
    case "WAITING_ACCEPTANCE":
      return {
        state: "awaiting_acceptance",
        notReadyReason: `waiting for acceptance (OR21); ${NO_ADDRESS}`,
      };
    case "STAGING":
    case "WAITING_DEBIT":
    case "WAITING_DEBIT_PAYMENT":
      return {
        state: "not_ready",
        notReadyReason: `${orderState}: customer not debited, ${NO_ADDRESS}`,
      };
    case "SHIPPING":
      return { state: "ready" };
    case "SHIPPED":
    case "TO_COLLECT":
    case "RECEIVED":
    case "CLOSED":
      return { state: "shipped" };
    case "CANCELED":
    case "REFUSED":
    case "WAITING_REFUND":
    case "WAITING_REFUND_PAYMENT":
      return { state: "cancelled" };
    default:
      return {
        state: "not_ready",
        notReadyReason: `unknown Mirakl order state ${orderState}`,
      };
  }
}

/** True once Mirakl shows the customer's address (mirakl.md §0.1). */
export function addressShown(state: OrderState): boolean {
  return state === "ready" || state === "shipped";
}
