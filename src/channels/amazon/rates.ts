import type { Rate } from "../../http/throttle.js";

/**
 * Documented token buckets per operation (amazon.md §2a, §3a, §4a, §4b).
 * Orders run on dynamic usage plans; these are the published defaults, and
 * keeping under them means hub does not cause the 429s itself.
 */
export const AMAZON_RATES: Record<string, Rate> = {
  searchOrders: { perSecond: 0.0056, burst: 20 },
  getOrder: { perSecond: 0.5, burst: 30 },
  confirmShipment: { perSecond: 2, burst: 10 },
  patchListingsItem: { perSecond: 5, burst: 5 },
  createFeedDocument: { perSecond: 0.5, burst: 15 },
  createFeed: { perSecond: 0.0083, burst: 15 },
  getFeed: { perSecond: 2, burst: 15 },
  default: { perSecond: 1, burst: 5 },
};
