import { UpstreamError } from "../../errors.js";
import type { OrderWindow } from "../types.js";
import { hasStatus } from "./errors.js";
import { getOrderAnswer, searchOrdersAnswer } from "./schemas.js";
import type { SearchOrder } from "./schemas.js";
import type { SpApi } from "./sp-api.js";

const ORDERS_PATH = "/orders/2026-01-01/orders";

/** Statuses hub acts on; Amazon's own fulfilment (AFN) is not asked for. */
export const HANDLED_STATUSES = [
  "PENDING",
  "UNSHIPPED",
  "PARTIALLY_SHIPPED",
  "SHIPPED",
  "CANCELLED",
] as const;

/**
 * What the order mapping reads: address and buyer without a restricted data
 * token (amazon.md §0.2), prices, status, and buyer cancel requests.
 */
export const INCLUDED_DATA = [
  "BUYER",
  "RECIPIENT",
  "PROCEEDS",
  "FULFILLMENT",
  "CANCELLATION",
] as const;

/** The searchOrders filters of one window; every page repeats them. */
export function searchOrdersQuery(
  marketplaceId: string,
  since: Date,
  before: Date,
): Record<string, string> {
  return {
    marketplaceIds: marketplaceId,
    lastUpdatedAfter: since.toISOString(),
    lastUpdatedBefore: before.toISOString(),
    fulfillmentStatuses: HANDLED_STATUSES.join(","),
    fulfilledBy: "MERCHANT",
    maxResultsPerPage: "100",
    includedData: INCLUDED_DATA.join(","),
  };
}

/** The upper bound to read to: the asked one, never later than Amazon allows. */
export function upperBound(window: OrderWindow, latest: Date): Date {
  if (window.until && window.until.getTime() < latest.getTime()) {
    return window.until;
  }
  return latest;
}

/**
 * Every order updated in [since, before), all pages: the pagination token
 * goes with the same filters (amazon.md §2a). A bare 400 on this call is
 * usually a bound Amazon thinks too recent (case B11): the error says so.
 */
export async function searchOrders(
  api: SpApi,
  marketplaceId: string,
  since: Date,
  before: Date,
): Promise<SearchOrder[]> {
  const filters = searchOrdersQuery(marketplaceId, since, before);
  const orders: SearchOrder[] = [];
  let token: string | undefined;
  do {
    const query = token ? { ...filters, paginationToken: token } : filters;
    try {
      const answer = await api.request({
        operation: "searchOrders",
        path: ORDERS_PATH,
        query,
        schema: searchOrdersAnswer,
      });
      orders.push(...answer.body.orders);
      token = answer.body.pagination?.nextToken ?? undefined;
    } catch (error) {
      if (!hasStatus(error, 400)) throw error;
      throw new UpstreamError(
        `${error.message}; window ${filters.lastUpdatedAfter} – ${filters.lastUpdatedBefore}: if Amazon objects to the dates, the upper bound may be too recent for Amazon's clock (clock skew) or the pagination token was refused; the cursor stays where it was`,
        error.details,
        { cause: error },
      );
    }
  } while (token);
  return orders;
}

/** getOrder v2026-01-01, or undefined when Amazon has no such order. */
export async function getOrder(
  api: SpApi,
  orderId: string,
  included: readonly string[],
): Promise<SearchOrder | undefined> {
  try {
    const answer = await api.request({
      operation: "getOrder",
      path: `${ORDERS_PATH}/${encodeURIComponent(orderId)}`,
      query: { includedData: included.join(",") },
      schema: getOrderAnswer,
    });
    return answer.body.order;
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}
