import { BugError, UpstreamError } from "../../errors.js";
import type { MarketplaceOrder } from "../types.js";
import type { MiraklApi } from "./api.js";
import type { OrderLookup } from "./order-lookup.js";

/**
 * The OR21 body: one decision per line of the order, since partial
 * acceptance is off unless the operator enabled it (mirakl.md §3). A line
 * without a decision is a caller's mistake, never a silent refusal.
 */
export function acceptanceBody(
  order: MarketplaceOrder,
  decisions: Record<string, boolean>,
): { order_lines: Array<{ accepted: boolean; id: string }> } {
  return {
    order_lines: order.lines.map((line) => {
      const accepted = decisions[line.lineId];
      if (accepted === undefined) {
        throw new BugError(
          `no acceptance decision for line ${line.lineId} of order ${order.orderId}`,
        );
      }
      return { accepted, id: line.lineId };
    }),
  };
}

/**
 * OR21. Its 400 ORDER_INVALID_STATE after a retried attempt means the
 * first one went through: an order no longer waiting for acceptance is
 * taken as decided.
 */
export async function acceptMiraklOrder(
  api: MiraklApi,
  lookup: OrderLookup,
  order: MarketplaceOrder,
  decisions: Record<string, boolean>,
): Promise<void> {
  const body = acceptanceBody(order, decisions);
  try {
    await api.request({
      operation: "OR21",
      method: "PUT",
      path: `api/orders/${encodeURIComponent(order.orderId)}/accept`,
      json: body,
    });
  } catch (error) {
    if (!(error instanceof UpstreamError) || error.details.status !== 400)
      throw error;
    const now = await lookup.get(order.orderId);
    const state = now?.parsed?.order_state;
    if (state !== undefined && state !== "WAITING_ACCEPTANCE") return;
    throw error;
  }
}
