import type { ApiClient } from "../../http/api-client.js";
import type { HttpContext } from "../../http/http-context.js";
import type { Rate } from "../../http/throttle.js";
import { describeEbayError } from "./errors.js";

/** REST host of eBay's production APIs (api-reference/ebay.md §2). */
export const EBAY_API_URL = "https://api.ebay.com";

/** Fulfillment API path of orders. */
export const ORDER_PATH = "sell/fulfillment/v1/order";

/** Trading API endpoint, relative to the same host (ebay.md §4b). */
export const TRADING_PATH = "ws/api.dll";

// eBay publishes daily quotas per application, not per-second rates, and the
// defaults are unconfirmed (ebay.md §5): a modest steady pace keeps a cron
// run far from any daily figure and never bursts into a 429.
const REST_RATE: Rate = { perSecond: 5, burst: 10 };

// ReviseInventoryStatus: at most 6,000 calls per 15 s per seller (§4b).
const TRADING_RATE: Rate = { perSecond: 400, burst: 6000 };

/** The Fulfillment API client of one channel. */
export function restClient(
  http: HttpContext,
  channelId: string,
  baseUrl: string,
  bearer: (refresh: boolean) => Promise<string>,
): ApiClient {
  return http.client({
    api: `ebay:${channelId}`,
    baseUrl,
    rates: { default: REST_RATE },
    authorize: async (refresh) => ({
      authorization: `Bearer ${await bearer(refresh)}`,
    }),
    describeError: describeEbayError,
  });
}

/**
 * The Trading API client of one channel. The token goes in a header of each
 * call (X-EBAY-API-IAF-TOKEN), because Trading reports a dead token inside a
 * 200 answer, where the client's 401 refresh never sees it.
 */
export function tradingClient(
  http: HttpContext,
  channelId: string,
  baseUrl: string,
): ApiClient {
  return http.client({
    api: `ebay-trading:${channelId}`,
    baseUrl,
    rates: { default: TRADING_RATE },
    describeError: describeEbayError,
  });
}
