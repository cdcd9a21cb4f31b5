/**
 * The shortest time the documented rate limits allow for a given set of
 * calls, in vendor seconds. Each limited operation starts with a full
 * allowance (a fresh account and a fresh sandbox).
 */

/** A documented limit of one operation. */
export type Limit =
  | { kind: "bucket"; perSecond: number; burst: number }
  | { kind: "window"; calls: number; seconds: number };

/**
 * The limits of the operations a pull makes, keyed like the sandbox's
 * request counts (`<mount> <METHOD> <path>`), matched by suffix.
 */
export const PULL_LIMITS: ReadonlyArray<{ route: string; limit: Limit; page: string }> = [
  {
    route: "GET /orders/2026-01-01/orders",
    limit: { kind: "bucket", perSecond: 0.0056, burst: 20 },
    page: "amazon.md §2a searchOrders",
  },
  {
    route: "GET /api/orders",
    limit: { kind: "bucket", perSecond: 1 / 60, burst: 1 },
    page: "mirakl.md §2 OR11, at most once a minute",
  },
  {
    route: "GET /v1/Orders",
    limit: { kind: "bucket", perSecond: 2000 / 60, burst: 2000 },
    page: "rithum.md §5, 2,000 calls a minute",
  },
  {
    // ebay.md §5: daily quotas only; the token endpoint's 50,000 a day.
    route: "GET /sell/fulfillment/v1/order",
    limit: { kind: "bucket", perSecond: Number.POSITIVE_INFINITY, burst: 1 },
    page: "ebay.md §5, daily quotas only",
  },
];

/** shipstation.md §0.2: 40 requests a minute per key, fixed windows. */
export const SHIPSTATION_LIMIT: Limit = { kind: "window", calls: 40, seconds: 60 };

/** Vendor seconds `calls` need under `limit`, the first sent at 0. */
export function secondsFor(calls: number, limit: Limit): number {
  if (calls <= 0) return 0;
  if (limit.kind === "window") {
    // Best case: the first call opens a window.
    return Math.floor((calls - 1) / limit.calls) * limit.seconds;
  }
  const beyond = calls - limit.burst;
  return beyond <= 0 ? 0 : beyond / limit.perSecond;
}

/** Per rate-limited API, the vendor seconds its share of the calls needs. */
export function pacedSeconds(
  requests: Record<string, number>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(requests)) {
    const api = key.split(" ")[0] ?? key;
    if (api === "shipstation") {
      out[api] = (out[api] ?? 0) + n;
    }
  }
  const seconds: Record<string, number> = {};
  if (out.shipstation !== undefined) {
    seconds.shipstation = secondsFor(out.shipstation, SHIPSTATION_LIMIT);
  }
  for (const [key, n] of Object.entries(requests)) {
    const rule = PULL_LIMITS.find((r) => key.endsWith(` ${r.route}`));
    if (rule === undefined) continue;
    const mount = key.split(" ")[0] ?? key;
    seconds[mount] = Math.max(seconds[mount] ?? 0, secondsFor(n, rule.limit));
  }
  return seconds;
}
