/**
 * A v2026-01-01 order carrying what a case's v0 order says: hub reads
 * searchOrders/getOrder v2026-01-01, so the case's fields are carried over.
 */
export function v2026Order(
  orderId: string,
  status: string,
  updated: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    orderId,
    createdTime: updated,
    lastUpdatedTime: updated,
    fulfillment: { fulfillmentStatus: status, fulfilledBy: "MERCHANT" },
    orderItems: [],
    ...extra,
  };
}
