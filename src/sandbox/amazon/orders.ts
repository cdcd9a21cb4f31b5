import type {
  MarketplaceOrder,
  Route,
  SandboxResponse,
  SandboxWorld,
  ScenarioChannel,
} from "../contract.js";
import { marketplaceId } from "./channel-options.js";
import { invalidInput, notFound } from "./errors.js";
import { INCLUDED_DATA, orderView } from "./order-view.js";
import type { IncludedData } from "./order-view.js";
import type { PackageLedger } from "./packages.js";
import { encodePageCursor, openPageCursor } from "./pagination-token.js";
import { AMAZON_RATES } from "./rates.js";
import { BEFORE_LAG_MS, parseSearchOrdersQuery } from "./search-query.js";
import type { SearchOrdersQuery } from "./search-query.js";
import { spApiRoute } from "./sp-api-route.js";
import { fulfillmentStatus } from "./status.js";

const ORDERS_PATH = "/orders/2026-01-01/orders";

function matches(
  order: MarketplaceOrder,
  channel: ScenarioChannel,
  query: SearchOrdersQuery,
  before: Date,
): boolean {
  const stamp = Date.parse(
    query.family === "created" ? order.created_at : order.updated_at,
  );
  if (stamp < query.after.getTime() || stamp >= before.getTime()) return false;
  if (query.statuses && !query.statuses.has(fulfillmentStatus(order.status))) {
    return false;
  }
  if (query.marketplaceIds?.includes(marketplaceId(channel)) === false) {
    return false;
  }
  // Every scenario order is merchant-fulfilled.
  return query.fulfilledBy !== "AMAZON";
}

function view(
  order: MarketplaceOrder,
  channel: ScenarioChannel,
  included: ReadonlySet<IncludedData>,
  ledger: PackageLedger,
): Record<string, unknown> {
  return orderView({
    order,
    channel,
    included,
    packages: ledger.packages(order),
    fulfilled: ledger.fulfilledUnits(order),
  });
}

function searchOrders(
  world: SandboxWorld,
  ledger: PackageLedger,
  query: URLSearchParams,
  channel: ScenarioChannel,
): SandboxResponse {
  const now = world.now();
  const parsed = parseSearchOrdersQuery(query, now);
  if (!parsed.ok) return invalidInput(parsed.message);
  const q = parsed.value;
  let offset = 0;
  let before = q.before ?? new Date(now.getTime() - BEFORE_LAG_MS);
  if (q.paginationToken !== undefined) {
    const cursor = openPageCursor(q.paginationToken, q.fingerprint, now);
    if (!cursor.ok) return invalidInput(cursor.message);
    offset = cursor.value.offset;
    before = new Date(cursor.value.before);
  }
  const found = world
    .orders(channel.id)
    .filter((order) => matches(order, channel, q, before));
  const page = found.slice(offset, offset + q.maxResultsPerPage);
  const body: Record<string, unknown> = {
    orders: page.map((order) => view(order, channel, q.included, ledger)),
  };
  const next = offset + page.length;
  if (next < found.length) {
    const nextToken = encodePageCursor({
      offset: next,
      before: before.toISOString(),
      fingerprint: q.fingerprint,
      issuedAt: now.toISOString(),
    });
    body.pagination = { nextToken };
  }
  body[`${q.family}Before`] = before.toISOString();
  return { status: 200, body };
}

/** searchOrders and getOrder of Orders API v2026-01-01. */
export function orderRoutes(
  world: SandboxWorld,
  ledger: PackageLedger,
): Route[] {
  return [
    spApiRoute(world, {
      method: "GET",
      path: ORDERS_PATH,
      rate: AMAZON_RATES.searchOrders,
      handle: (req, channel) => searchOrders(world, ledger, req.query, channel),
    }),
    spApiRoute(world, {
      method: "GET",
      path: `${ORDERS_PATH}/:orderId`,
      rate: AMAZON_RATES.getOrder,
      handle(req, channel) {
        const orderId = req.params.orderId ?? "";
        const order = world.order(channel.id, orderId);
        if (order === undefined) {
          return notFound(`No order was found for orderId ${orderId}.`);
        }
        const included = new Set<IncludedData>();
        for (const value of req.query.getAll("includedData")) {
          for (const part of value.split(",")) {
            const name = INCLUDED_DATA.find((known) => known === part.trim());
            if (name === undefined) {
              return invalidInput(`${part} is not a valid includedData value.`);
            }
            included.add(name);
          }
        }
        return {
          status: 200,
          body: { order: view(order, channel, included, ledger) },
        };
      },
    }),
  ];
}
