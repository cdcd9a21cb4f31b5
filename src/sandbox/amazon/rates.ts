import type { RouteRate } from "../contract.js";

/**
 * Per-operation token buckets as amazon.md documents them (§2, §3, §4).
 * Orders endpoints run on dynamic usage plans; these are the defaults.
 */
export const AMAZON_RATES = {
  searchOrders: { perSecond: 0.0056, burst: 20 },
  getOrder: { perSecond: 0.5, burst: 30 },
  confirmShipment: { perSecond: 2, burst: 10 },
  patchListingsItem: { perSecond: 5, burst: 5 },
  createFeedDocument: { perSecond: 0.5, burst: 15 },
  createFeed: { perSecond: 0.0083, burst: 15 },
  getFeed: { perSecond: 2, burst: 15 },
} as const satisfies Record<string, RouteRate>;
