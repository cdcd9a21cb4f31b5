import type {
  MarketplaceOrder,
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
} from "../contract.js";
import { ebayErrors, type EbayError } from "./errors.js";
import { inRange, parseOrderFilter, type OrderFilter } from "./filter.js";
import { orderStatus } from "./fulfillments.js";
import { toEbayOrder } from "./order-view.js";
import { baseUrl, channelOf } from "./request.js";

const DEFAULT_LIMIT = 50;
/** OAS v1.19.2 maximum (older docs said 200), ebay.md §2. */
const MAX_LIMIT = 1000;
const MAX_ORDER_IDS = 50;

// ebay.md names no getOrders input error ids; these sit in the
// Fulfillment API's 30xxx request range.
const INVALID_FILTER_NAME = 30700;
const INVALID_FILTER_VALUE = 30800;
const INVALID_PAGING = 30810;
const TOO_MANY_ORDER_IDS = 30820;

function requestError(
  errorId: number,
  message: string,
  name: string,
  value: string,
): SandboxResponse {
  const error: EbayError = {
    errorId,
    domain: "API_FULFILLMENT",
    category: "REQUEST",
    message,
    parameters: [{ name, value }],
  };
  return ebayErrors(400, error);
}

function matches(order: MarketplaceOrder, filter: OrderFilter): boolean {
  // Orders awaiting payment are never returned (ebay.md §0.2).
  if (order.status === "pending" || order.status === "awaiting_acceptance") {
    return false;
  }
  // When both date criteria are present creationdate wins.
  if (filter.creationdate !== undefined) {
    if (!inRange(new Date(order.created_at), filter.creationdate)) return false;
  } else if (filter.lastmodifieddate !== undefined) {
    if (!inRange(new Date(order.updated_at), filter.lastmodifieddate)) {
      return false;
    }
  }
  const statuses = filter.orderfulfillmentstatus;
  return statuses === undefined || statuses.has(orderStatus(order));
}

function nonNegativeInt(text: string | null, fallback: number): number | null {
  if (text === null) return fallback;
  return /^\d+$/.test(text) ? Number(text) : null;
}

function pageHref(
  req: SandboxRequest,
  base: string,
  limit: number,
  offset: number,
): string {
  const query = new URLSearchParams(req.query);
  query.set("limit", String(limit));
  query.set("offset", String(offset));
  return `${base}/sell/fulfillment/v1/order?${query.toString()}`;
}

function byIds(
  world: SandboxWorld,
  req: SandboxRequest,
  ids: string,
): SandboxResponse {
  const wanted = ids.split(",").filter((id) => id !== "");
  if (wanted.length > MAX_ORDER_IDS) {
    return requestError(
      TOO_MANY_ORDER_IDS,
      "The maximum number of order ids is 50.",
      "orderIds",
      String(wanted.length),
    );
  }
  const channel = channelOf(req).id;
  const base = baseUrl(req);
  const orders = wanted
    .map((id) => world.order(channel, id))
    .filter((o): o is MarketplaceOrder => o !== undefined)
    .map((o) => toEbayOrder(world, o, "list", base));
  return {
    status: 200,
    body: {
      href: pageHref(req, base, orders.length, 0),
      total: orders.length,
      limit: orders.length,
      offset: 0,
      orders,
      warnings: [],
    },
  };
}

/** getOrders: `GET /sell/fulfillment/v1/order`. */
export function getOrders(
  world: SandboxWorld,
  req: SandboxRequest,
): SandboxResponse {
  // With orderIds every other parameter is ignored (ebay.md §2).
  const ids = req.query.get("orderIds");
  if (ids !== null) return byIds(world, req, ids);

  const parsed = parseOrderFilter(req.query.get("filter") ?? "");
  if (!parsed.ok) {
    return parsed.reason === "name"
      ? requestError(
          INVALID_FILTER_NAME,
          "Invalid filter name",
          "filter",
          parsed.name,
        )
      : requestError(
          INVALID_FILTER_VALUE,
          "Invalid filter value",
          parsed.name,
          parsed.value,
        );
  }
  const limit = nonNegativeInt(req.query.get("limit"), DEFAULT_LIMIT);
  const offset = nonNegativeInt(req.query.get("offset"), 0);
  if (limit === null || limit < 1 || limit > MAX_LIMIT) {
    return requestError(
      INVALID_PAGING,
      "Invalid limit",
      "limit",
      req.query.get("limit") ?? "",
    );
  }
  if (offset === null) {
    return requestError(
      INVALID_PAGING,
      "Invalid offset",
      "offset",
      req.query.get("offset") ?? "",
    );
  }

  const base = baseUrl(req);
  const all = world
    .orders(channelOf(req).id)
    .filter((order) => matches(order, parsed.filter));
  const page = all.slice(offset, offset + limit);
  const body: Record<string, unknown> = {
    href: pageHref(req, base, limit, offset),
    total: all.length,
    limit,
    offset,
    orders: page.map((order) => toEbayOrder(world, order, "list", base)),
    warnings: [],
  };
  if (offset + limit < all.length) {
    body["next"] = pageHref(req, base, limit, offset + limit);
  }
  if (offset > 0) {
    body["prev"] = pageHref(req, base, limit, Math.max(0, offset - limit));
  }
  return { status: 200, body };
}
