import type { Logger } from "../../log/logger.js";
import type { MarketplaceOrder, OrderWindow } from "../types.js";
import type { MiraklApi } from "./api.js";
import { miraklCountry, toMarketplaceOrder } from "./order-mapping.js";
import { miraklOrder, or11Page, type MiraklOrder } from "./schemas.js";

/** Largest page and id list OR11 takes (mirakl.md §2, case B28). */
export const OR11_MAX = 100;

/** One OR11 order as read: checked, or kept raw when it does not parse. */
export interface ReadOrder {
  id: string;
  parsed?: MiraklOrder;
  raw: unknown;
  problem?: string;
}

function readOne(raw: unknown): ReadOrder {
  const checked = miraklOrder.safeParse(raw);
  if (checked.success)
    return { id: checked.data.order_id, parsed: checked.data, raw };
  const id =
    typeof raw === "object" && raw !== null && "order_id" in raw
      ? String((raw as { order_id: unknown }).order_id)
      : "";
  const issue = checked.error.issues[0];
  return {
    id,
    raw,
    problem: issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid",
  };
}

/**
 * Every OR11 order matching `query`, all pages. Explicit `max`/`offset`
 * with `paginate=true` (never `paginate=false`, which ignores them: case
 * B28), ascending by creation so that orders changing while we page only
 * move within the window, never shift an unread one past the offset. Each
 * order once, the last copy read winning.
 */
export async function listOrders(
  api: MiraklApi,
  query: Record<string, string>,
): Promise<ReadOrder[]> {
  const byId = new Map<string, ReadOrder>();
  const unnamed: ReadOrder[] = [];
  for (let offset = 0; ;) {
    const page = await api.request({
      operation: "OR11",
      path: "api/orders",
      query: {
        ...query,
        paginate: "true",
        max: String(OR11_MAX),
        offset: String(offset),
        sort: "dateCreated",
        order: "asc",
      },
      schema: or11Page,
    });
    for (const raw of page.body.orders) {
      const read = readOne(raw);
      if (read.id) byId.set(read.id, read);
      else unnamed.push(read);
    }
    offset += page.body.orders.length;
    const short = page.body.orders.length < OR11_MAX;
    if (short || offset >= page.body.total_count) break;
  }
  return [...byId.values(), ...unnamed];
}

/**
 * hub's order for one OR11 entry. An entry that does not parse becomes an
 * order without lines or address, so the validator quarantines it with
 * its raw payload instead of it vanishing from the run.
 */
export function normalise(
  channel: string,
  read: ReadOrder,
  logger: Logger,
): MarketplaceOrder {
  if (read.parsed) {
    let order: MarketplaceOrder;
    try {
      order = toMarketplaceOrder(channel, read.parsed, read.raw);
    } catch (error) {
      // One order with a field that passed the schema but cannot be used
      // (a date that is no date) must not stop the rest of the page.
      const problem = error instanceof Error ? error.message : String(error);
      return normalise(channel, { ...read, parsed: undefined, problem }, logger);
    }
    const address = read.parsed.customer?.shipping_address;
    if (order.shipTo && address && !miraklCountry(address).known) {
      logger.warn(
        `${channel} order ${read.id}: country code "${order.shipTo.country}" is not ISO 3166-1 alpha-3; left as sent for the validator`,
      );
    }
    return order;
  }
  logger.warn(
    `${channel} order ${read.id || "(no id)"} could not be read (${read.problem ?? "invalid"}); passed on without lines`,
  );
  const now = new Date().toISOString();
  return {
    channel,
    orderId: read.id,
    state: "ready",
    vendorStatus: "unreadable",
    createdAt: now,
    updatedAt: now,
    currency: "",
    shippingPrice: "0.00",
    buyer: {},
    lines: [],
    raw: read.raw,
  };
}

/** The OR11 query of an update window. */
export function windowQuery(window: OrderWindow): Record<string, string> {
  // No end_update_date: an order updated while we page would leave the set
  // and shift the offsets of the rest. Orders past `until` are harmless
  // duplicates the pipeline de-duplicates by order key.
  return { start_update_date: utcSeconds(window.since) };
}

/** ISO 8601 UTC without milliseconds, as Mirakl's examples write dates. */
export function utcSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Splits ids into OR11-sized chunks (≤ 100, case B28). */
export function chunks<T>(items: readonly T[], size = OR11_MAX): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}
