import type { Logger } from "../../log/logger.js";
import type { ChannelConfig } from "../../config/settings.js";
import type { MarketplaceOrder, OrderWindow } from "../types.js";
import type { RithumApi } from "./api.js";
import { toMarketplaceOrder } from "./order-mapping.js";
import {
  odataPage,
  rithumOrder,
  type OdataPage,
  type RithumOrder,
} from "./schemas.js";

/** Items, and fulfilments with their items (case B31: DC per package). */
export const ORDER_EXPAND = "Items,Fulfillments($expand=Items)";

/** List calls cap each expanded collection at 20 entries (rithum.md §0.4). */
export const EXPANDED_CAP = 20;

/**
 * The field of the order window. rithum.md documents date filters on
 * `CreatedDateUtc` only (§2), and that is what the stand-in serves.
 * ChannelAdvisor's own pages also describe `UpdatedDateUtc`, which would
 * also catch later changes (payment cleared, cancellation); switch here
 * once it is confirmed for the client's tenant.
 */
export const WINDOW_FIELD = "CreatedDateUtc";

/** rithum.md lists no currency on orders; its examples are US sites. */
const CURRENCY_FALLBACK = "USD";

/** OData query text, spaces as %20 (not `+`), `$` names left readable. */
export function odataQuery(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("&");
}

/** The `$filter` of an order window, with the profile when one is set. */
export function windowFilter(
  window: OrderWindow,
  profileId?: string,
  extra?: string,
): string {
  const parts = [`${WINDOW_FIELD} ge ${window.since.toISOString()}`];
  if (extra) parts.push(extra);
  // Creation dates never change, so an upper bound cannot shift pages.
  if (window.until)
    parts.push(`${WINDOW_FIELD} lt ${window.until.toISOString()}`);
  if (profileId) parts.push(`ProfileID eq ${Number(profileId)}`);
  return parts.join(" and ");
}

/** The configured profile id, if any. */
export function profileOf(channel: ChannelConfig): string | undefined {
  const value = channel.values.profile_id;
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** One order entity as read: checked, or kept raw with what is wrong. */
export interface ReadOrder {
  id: string;
  parsed?: RithumOrder;
  raw: unknown;
  problem?: string;
}

function readOne(raw: unknown): ReadOrder {
  const checked = rithumOrder.safeParse(raw);
  if (checked.success)
    return { id: String(checked.data.ID), parsed: checked.data, raw };
  const id =
    typeof raw === "object" && raw !== null && "ID" in raw
      ? String((raw as { ID: unknown }).ID)
      : "";
  const issue = checked.error.issues[0];
  return {
    id,
    raw,
    problem: issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid",
  };
}

/** One order by ID with every item and fulfilment (no list cap). */
export async function readOrder(
  api: RithumApi,
  id: string,
): Promise<ReadOrder> {
  const res = await api.request<unknown>({
    operation: "getOrder",
    path: `v1/Orders(${encodeURIComponent(id)})?${odataQuery({ $expand: ORDER_EXPAND })}`,
  });
  return readOne(res.body);
}

/**
 * Every order of the window: `@odata.nextLink` followed verbatim to the
 * end (rithum.md §0.4). An order whose expanded items hit the list cap is
 * read again by ID. Each order once, the last copy read winning.
 */
export async function listOrders(
  api: RithumApi,
  window: OrderWindow,
  profileId?: string,
  extraFilter?: string,
): Promise<ReadOrder[]> {
  const byId = new Map<string, ReadOrder>();
  const unnamed: ReadOrder[] = [];
  let next: string | undefined = `v1/Orders?${odataQuery({
    $filter: windowFilter(window, profileId, extraFilter),
    $expand: ORDER_EXPAND,
    $orderby: WINDOW_FIELD,
  })}`;
  while (next) {
    const page: OdataPage = (
      await api.request({
        operation: "listOrders",
        path: next,
        schema: odataPage,
      })
    ).body;
    for (const raw of page.value) {
      let read = readOne(raw);
      if (read.parsed && capped(read.parsed))
        read = await readOrder(api, read.id);
      if (read.id) byId.set(read.id, read);
      else unnamed.push(read);
    }
    next = page["@odata.nextLink"] ?? undefined;
  }
  return [...byId.values(), ...unnamed];
}

function capped(order: RithumOrder): boolean {
  return (
    (order.Items?.length ?? 0) >= EXPANDED_CAP ||
    (order.Fulfillments?.length ?? 0) >= EXPANDED_CAP
  );
}

/**
 * hub's order for one entity. One malformed order never aborts the page
 * (case B31): it is logged with its ID and passed on without lines, so the
 * validator quarantines it with its raw payload.
 */
export function normalise(
  channel: string,
  read: ReadOrder,
  logger: Logger,
): MarketplaceOrder {
  if (read.parsed) {
    try {
      return toMarketplaceOrder(
        channel,
        read.parsed,
        CURRENCY_FALLBACK,
        read.raw,
      );
    } catch (error) {
      // One unusable order must not stop the rest of the page (case B31).
      const problem = error instanceof Error ? error.message : String(error);
      return normalise(channel, { ...read, parsed: undefined, problem }, logger);
    }
  }
  logger.warn(
    `${channel} order ${read.id || "(no ID)"} could not be read (${read.problem ?? "invalid"}); passed on without lines`,
  );
  const now = new Date().toISOString();
  return {
    channel,
    orderId: read.id,
    state: "ready",
    vendorStatus: "unreadable",
    createdAt: now,
    updatedAt: now,
    currency: CURRENCY_FALLBACK,
    shippingPrice: "0.00",
    buyer: {},
    lines: [],
    raw: read.raw,
  };
}
