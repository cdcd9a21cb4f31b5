import type {
  MarketplaceOrder,
  Route,
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
} from "../contract.js";
import { withApiKey } from "./auth.js";
import { miraklError, tooManyRequests } from "./errors.js";
import { toMiraklOrder } from "./order-view.js";
import { channelOf } from "./request.js";
import { ORDER_STATES, orderState, settleDebits } from "./states.js";

/** The SDK's default page (case B28: no max sent → 10 orders). */
const DEFAULT_MAX = 10;
/** Upper bound for `max` and for id lists (mirakl.md §2, case B28). */
export const MAX_PAGE = 100;
/**
 * Mirakl subtracts an undisclosed safety delta from start_update_date
 * (mirakl.md §0.3); two minutes makes overlapping windows visible.
 */
export const UPDATE_SAFETY_DELTA_MS = 2 * 60 * 1000;

type Query =
  | { ok: true; keep: (o: MarketplaceOrder) => boolean; page: Paging }
  | { ok: false; response: SandboxResponse };

interface Paging {
  all: boolean;
  max: number;
  offset: number;
  descending: boolean;
}

function limitExceeded(name: string): SandboxResponse {
  return miraklError(
    400,
    `The limit of ${MAX_PAGE} is exceeded for the parameter : ${name}`,
  );
}

function dateParam(q: URLSearchParams, name: string): Date | null | undefined {
  const text = q.get(name);
  if (text === null) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

function idSet(q: URLSearchParams, name: string): Set<string> | undefined {
  const text = q.get(name);
  return text === null ? undefined : new Set(text.split(",").filter(Boolean));
}

function paging(q: URLSearchParams): Paging | SandboxResponse {
  const max = q.get("max") ?? String(DEFAULT_MAX);
  const offset = q.get("offset") ?? "0";
  if (!/^\d+$/.test(max) || !/^\d+$/.test(offset) || Number(max) < 1) {
    return miraklError(400, "Invalid value for parameter max or offset");
  }
  if (Number(max) > MAX_PAGE) return limitExceeded("max");
  const sort = q.get("sort");
  if (sort !== null && sort !== "dateCreated") {
    return miraklError(400, `Invalid value for parameter sort : ${sort}`);
  }
  return {
    // paginate=false returns everything and ignores max/offset (case B28).
    all: q.get("paginate") === "false",
    max: Number(max),
    offset: Number(offset),
    // The default direction is not confirmed; newest first is assumed.
    descending: q.get("order") !== "asc",
  };
}

function parseQuery(q: URLSearchParams): Query {
  const orderIds = idSet(q, "order_ids");
  const commercialIds = idSet(q, "commercial_ids");
  if ((orderIds?.size ?? 0) > MAX_PAGE) {
    return { ok: false, response: limitExceeded("order_ids") };
  }
  if ((commercialIds?.size ?? 0) > MAX_PAGE) {
    return { ok: false, response: limitExceeded("commercial_ids") };
  }
  const states = idSet(q, "order_state_codes");
  const known: readonly string[] = ORDER_STATES;
  const unknown = [...(states ?? [])].find((s) => !known.includes(s));
  if (unknown !== undefined) {
    return {
      ok: false,
      response: miraklError(400, `Invalid order state code : ${unknown}`),
    };
  }
  const dates = [
    "start_date",
    "end_date",
    "start_update_date",
    "end_update_date",
  ].map((name) => dateParam(q, name));
  const bad = dates.findIndex((d) => d === null);
  if (bad >= 0) {
    return { ok: false, response: miraklError(400, "Invalid date format") };
  }
  const [start, end, startUpdate, endUpdate] = dates;
  const from = startUpdate
    ? new Date(startUpdate.getTime() - UPDATE_SAFETY_DELTA_MS)
    : undefined;
  const page = paging(q);
  if (!("all" in page)) return { ok: false, response: page };
  const keep = (o: MarketplaceOrder): boolean => {
    const created = new Date(o.created_at);
    const updated = new Date(o.updated_at);
    const commercial = String(toMiraklOrder(o)["commercial_id"]);
    return (
      (orderIds === undefined || orderIds.has(o.order_id)) &&
      (commercialIds === undefined || commercialIds.has(commercial)) &&
      (states === undefined || states.has(orderState(o))) &&
      (start === undefined || start === null || created >= start) &&
      (end === undefined || end === null || created <= end) &&
      (from === undefined || updated >= from) &&
      (endUpdate === undefined || endUpdate === null || updated <= endUpdate)
    );
  };
  return { ok: true, keep, page };
}

/** OR11: `GET /api/orders`. */
export function listOrders(
  world: SandboxWorld,
  req: SandboxRequest,
): SandboxResponse {
  const channel = channelOf(req).id;
  settleDebits(world, channel);
  const query = parseQuery(req.query);
  if (!query.ok) return query.response;
  const { page } = query;
  const found = world.orders(channel).filter(query.keep);
  found.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
  if (page.descending) found.reverse();
  const shown = page.all
    ? found
    : found.slice(page.offset, page.offset + page.max);
  return {
    status: 200,
    body: { orders: shown.map(toMiraklOrder), total_count: found.length },
  };
}

/** OR11 route: maximum usage once per minute (mirakl.md §2). */
export function listOrdersRoute(world: SandboxWorld): Route {
  return {
    method: "GET",
    path: "/api/orders",
    rate: { perSecond: 1 / 60, burst: 1 },
    throttled: tooManyRequests,
    handle: withApiKey((req) => listOrders(world, req)),
  };
}
