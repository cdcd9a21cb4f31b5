import type { MarketplaceOrder, SandboxWorld } from "../contract.js";

/** Mirakl order states (OR11 `order_state_codes`, mirakl.md §2). */
export const ORDER_STATES = [
  "STAGING",
  "WAITING_ACCEPTANCE",
  "WAITING_DEBIT",
  "WAITING_DEBIT_PAYMENT",
  "SHIPPING",
  "SHIPPED",
  "TO_COLLECT",
  "RECEIVED",
  "CLOSED",
  "REFUSED",
  "CANCELED",
  "WAITING_REFUND",
  "WAITING_REFUND_PAYMENT",
] as const;

export type OrderState = (typeof ORDER_STATES)[number];

const REFUSED = "miraklRefused";
const DEBIT_AT = "miraklDebitAt";

/** Mirakl's `order_state` for a sandbox order. */
export function orderState(order: MarketplaceOrder): OrderState {
  switch (order.status) {
    case "awaiting_acceptance":
      return "WAITING_ACCEPTANCE";
    case "pending":
      return "WAITING_DEBIT_PAYMENT";
    case "unshipped":
    case "partially_shipped":
      return "SHIPPING";
    case "shipped":
      return "SHIPPED";
    case "cancelled":
      return order.vendor[REFUSED] === true ? "REFUSED" : "CANCELED";
  }
}

/** True once the customer address may be shown (mirakl.md §0.1). */
export function addressVisible(state: OrderState): boolean {
  return ["SHIPPING", "SHIPPED", "TO_COLLECT", "RECEIVED", "CLOSED"].includes(
    state,
  );
}

/** Marks an order refused on every line by OR21. */
export function markRefused(order: MarketplaceOrder): void {
  order.status = "cancelled";
  order.vendor[REFUSED] = true;
}

/** Puts an accepted order in WAITING_DEBIT_PAYMENT until `debitAt`. */
export function awaitDebit(order: MarketplaceOrder, debitAt: Date): void {
  order.status = "pending";
  order.vendor[DEBIT_AT] = debitAt.toISOString();
}

/**
 * Moves accepted orders whose customer debit is due into SHIPPING. Done
 * lazily on each call because the world keeps no timers.
 */
export function settleDebits(world: SandboxWorld, channelId: string): void {
  const now = world.now();
  for (const order of world.orders(channelId)) {
    const due = order.vendor[DEBIT_AT];
    if (order.status !== "pending" || typeof due !== "string") continue;
    if (new Date(due) <= now) {
      order.status = "unshipped";
      delete order.vendor[DEBIT_AT];
      world.touch(order);
    }
  }
}

/** OR23 values last sent for an order. */
export interface TrackingUpdate {
  carrier_code?: string;
  carrier_name?: string;
  carrier_url?: string;
  tracking_number: string;
  raw: unknown;
}

const TRACKING = "miraklTracking";

/** The tracking OR23 last set on an order, if any. */
export function trackingOf(
  order: MarketplaceOrder,
): TrackingUpdate | undefined {
  const value = order.vendor[TRACKING];
  return typeof value === "object" && value !== null
    ? (value as TrackingUpdate)
    : undefined;
}

/** Stores OR23 values on an order; a later call replaces them. */
export function setTracking(
  order: MarketplaceOrder,
  tracking: TrackingUpdate,
): void {
  order.vendor[TRACKING] = tracking;
}
