import type { Logger } from "../../log/logger.js";
import type { ApiClient } from "../../http/api-client.js";
import { UpstreamError } from "../../errors.js";
import type { MarketplaceOrder, OrderFetch, OrderWindow } from "../types.js";
import { ORDER_PATH } from "./api.js";
import {
  lastModifiedFilter,
  PAGE_LIMIT,
  searchableSince,
} from "./order-filter.js";
import {
  listHidesCancelRequests,
  toMarketplaceOrder,
} from "./order-mapping.js";
import {
  ebayOrder,
  orderPage,
  type EbayOrder,
  type OrderPage,
} from "./schemas.js";

/** getOrder: one order, with its cancel requests; undefined if unknown. */
export async function getOrder(
  client: ApiClient,
  orderId: string,
): Promise<EbayOrder | undefined> {
  try {
    const answer = await client.request({
      operation: "getOrder",
      path: `${ORDER_PATH}/${encodeURIComponent(orderId)}`,
      schema: ebayOrder,
    });
    return answer.body;
  } catch (error) {
    if (isUnknownOrder(error)) return undefined;
    throw error;
  }
}

/** eBay's answer for an order id it does not know: 404, or 32100 (§3). */
function isUnknownOrder(error: unknown): boolean {
  return (
    error instanceof UpstreamError &&
    (error.details.status === 404 || error.details.code === "32100")
  );
}

/**
 * Where the page after `page` is: eBay's `next` link, or, should a page
 * come without one while `total` says more remain, the next offset.
 */
export function nextPage(
  page: OrderPage,
  filter: string,
): { path: string; query?: Record<string, string | number> } | undefined {
  const orders = page.orders ?? [];
  if (orders.length === 0) return undefined;
  if (page.next !== undefined && page.next !== "") return { path: page.next };
  const offset = (page.offset ?? 0) + orders.length;
  if (page.total === undefined || offset >= page.total) return undefined;
  return {
    path: ORDER_PATH,
    query: { filter, limit: PAGE_LIMIT, offset },
  };
}

/**
 * Every order of the window from getOrders, page by page to the end.
 * Offset paging can shift while orders change, so ids are de-duplicated,
 * later pages winning.
 */
export async function listOrders(
  client: ApiClient,
  since: Date,
  until: Date,
): Promise<EbayOrder[]> {
  const filter = lastModifiedFilter(since, until);
  const byId = new Map<string, EbayOrder>();
  let request: ReturnType<typeof nextPage> = {
    path: ORDER_PATH,
    query: { filter, limit: PAGE_LIMIT, offset: 0 },
  };
  const seen = new Set<string>();
  while (request !== undefined) {
    // A link that leads back to a page already read would never end.
    const key = JSON.stringify(request);
    if (seen.has(key)) {
      throw new UpstreamError(
        `eBay getOrders sent the same page twice (${request.path})`,
        { api: client.api, code: "paging_loop", retryable: true },
      );
    }
    seen.add(key);
    const page = await client.request({
      operation: "getOrders",
      ...request,
      schema: orderPage,
    });
    for (const order of page.body.orders ?? []) byId.set(order.orderId, order);
    request = nextPage(page.body, filter);
  }
  return [...byId.values()];
}

/**
 * fetchOrders: the list, then getOrder for each order whose list view may
 * hide a buyer's cancel request (case B24).
 */
export async function fetchOrders(
  client: ApiClient,
  channel: string,
  window: OrderWindow,
  logger: Logger,
): Promise<OrderFetch> {
  const now = new Date();
  const until = window.until ?? now;
  const since = searchableSince(window.since, now);
  if (since.getTime() !== window.since.getTime()) {
    logger.warn(
      `eBay searches only the last 90 days: channel ${channel} reads ` +
        `from ${since.toISOString()} instead of ${window.since.toISOString()}`,
    );
  }
  const listed = await listOrders(client, since, until);
  const orders: MarketplaceOrder[] = [];
  for (const order of listed) {
    const full =
      listHidesCancelRequests(order) && !unchangedSinceSent(order, window)
        ? ((await getOrder(client, order.orderId)) ?? order)
        : order;
    orders.push(toMarketplaceOrder(channel, full));
  }
  return { orders, readUntil: until };
}

/**
 * An order hub already put in ShipStation, listed again by an overlapping
 * window with the same lastModifiedDate: it was read in full before it was
 * sent (case B24) and has not changed since, so it is not read again.
 */
function unchangedSinceSent(order: EbayOrder, window: OrderWindow): boolean {
  const seen = window.sent?.get(order.orderId);
  if (seen === undefined || order.lastModifiedDate === undefined) return false;
  return Date.parse(order.lastModifiedDate) === seen.getTime();
}
