import type { Knex } from "knex";
import type { HeldOrders, MarketplaceOrder } from "../../channels/types.js";

/**
 * Where hub stands with one marketplace order. `sending` means a create may
 * or may not have reached ShipStation (the run stopped before its answer was
 * recorded): the next run looks the order up before sending again.
 */
export type MappingStatus =
  | "parked"
  | "sending"
  | "sent"
  | "failed"
  | "on_hold"
  | "quarantined"
  | "cancelled"
  | "cancelled_after_ship"
  | "partially_shipped"
  | "shipped"
  | "ignored";

export interface OrderMapping {
  orderKey: string;
  channel: string;
  status: MappingStatus;
  shipstationOrderId: number | null;
  contentHash: string | null;
  parkReason: string | null;
}

/** The mappings of these order keys. */
export async function loadMappings(
  db: Knex,
  orderKeys: readonly string[],
): Promise<Map<string, OrderMapping>> {
  const out = new Map<string, OrderMapping>();
  for (let i = 0; i < orderKeys.length; i += 1000) {
    const rows = await db("order_mappings")
      .select("order_key", "channel", "status", "shipstation_order_id", "content_hash", "park_reason")
      .whereIn("order_key", orderKeys.slice(i, i + 1000));
    for (const r of rows as Array<Record<string, unknown>>) {
      out.set(String(r.order_key), {
        orderKey: String(r.order_key),
        channel: String(r.channel),
        status: r.status as MappingStatus,
        shipstationOrderId: r.shipstation_order_id === null ? null : Number(r.shipstation_order_id),
        contentHash: (r.content_hash as string | null) ?? null,
        parkReason: (r.park_reason as string | null) ?? null,
      });
    }
  }
  return out;
}

/**
 * Orders of a channel already in ShipStation with no cancel request open,
 * last seen updated at or after `since`: marketplace order id → that update
 * time (see `OrderWindow.sent`).
 */
export async function sentSince(db: Knex, channel: string, since: Date): Promise<Map<string, Date>> {
  const rows = (await db("order_mappings")
    .where({ channel })
    .whereIn("status", ["sent", "partially_shipped", "shipped"])
    .where("marketplace_updated_at", ">=", since)
    .select("marketplace_order_id", "marketplace_updated_at")) as Array<{
    marketplace_order_id: string;
    marketplace_updated_at: Date | string | null;
  }>;
  const out = new Map<string, Date>();
  for (const row of rows) {
    if (row.marketplace_updated_at === null) continue;
    out.set(String(row.marketplace_order_id), new Date(row.marketplace_updated_at));
  }
  return out;
}

/** How far back hub keeps re-reading orders it still waits on. */
export const HELD_HORIZON_DAYS = 30;

/**
 * What hub still waits on in a channel (see `HeldOrders`), over the last
 * HELD_HORIZON_DAYS: an order parked longer than that (a payment that
 * never cleared) is no longer read on every run.
 */
export async function heldOrders(db: Knex, channel: string, now: Date): Promise<HeldOrders> {
  const horizon = new Date(now.getTime() - HELD_HORIZON_DAYS * 86_400_000);
  const waiting = await db("order_mappings")
    .where({ channel })
    .whereIn("status", ["parked", "failed"])
    .where("updated_at", ">=", horizon)
    .orderBy("order_key")
    .pluck("marketplace_order_id");
  const created = (await db("order_mappings")
    .where({ channel })
    .whereIn("status", ["sending", "sent", "on_hold", "partially_shipped"])
    .select(db.raw("normalized->>'createdAt' as created"))) as Array<{ created: string | null }>;
  let oldest: number | undefined;
  for (const { created: at } of created) {
    const time = at === null ? Number.NaN : Date.parse(at);
    if (Number.isNaN(time)) continue;
    oldest = oldest === undefined ? time : Math.min(oldest, time);
  }
  const held: HeldOrders = { waiting: waiting.map(String) };
  if (oldest !== undefined) held.openSince = new Date(Math.max(oldest, horizon.getTime()));
  return held;
}

/** Mappings left `sending` with no ShipStation id: their create may have landed. */
export async function unconfirmedSends(db: Knex, channel: string): Promise<string[]> {
  return db("order_mappings")
    .where({ channel, status: "sending" })
    .whereNull("shipstation_order_id")
    .pluck("order_key");
}

/** Creates or updates the mapping of one order with what hub saw of it. */
export async function saveMapping(
  db: Knex,
  order: MarketplaceOrder,
  orderKey: string,
  change: {
    status: MappingStatus;
    parkReason?: string | null;
    contentHash?: string | null;
    shipstationOrderId?: number | null;
    lastError?: string | null;
  },
): Promise<void> {
  const values: Record<string, unknown> = {
    channel: order.channel,
    marketplace_order_id: order.orderId,
    status: change.status,
    normalized: JSON.stringify({ ...order, raw: undefined }),
    raw: JSON.stringify(order.raw ?? null),
    marketplace_updated_at: new Date(order.updatedAt),
    updated_at: db.fn.now(),
  };
  if (change.parkReason !== undefined) values.park_reason = change.parkReason;
  if (change.contentHash !== undefined) values.content_hash = change.contentHash;
  if (change.shipstationOrderId !== undefined) values.shipstation_order_id = change.shipstationOrderId;
  if (change.lastError !== undefined) values.last_error = change.lastError;
  await db("order_mappings")
    .insert({ order_key: orderKey, ...values })
    .onConflict("order_key")
    .merge(values);
}

/**
 * Marks many orders `sending` in one statement before they go to
 * ShipStation: the record a stopped run leaves behind.
 */
export async function markSending(
  db: Knex,
  orders: ReadonlyArray<{ order: MarketplaceOrder; orderKey: string }>,
): Promise<void> {
  for (let i = 0; i < orders.length; i += 500) {
    const rows = orders.slice(i, i + 500).map(({ order, orderKey }) => ({
      order_key: orderKey,
      channel: order.channel,
      marketplace_order_id: order.orderId,
      status: "sending",
      park_reason: null,
      normalized: JSON.stringify({ ...order, raw: undefined }),
      raw: JSON.stringify(order.raw ?? null),
      marketplace_updated_at: new Date(order.updatedAt),
      updated_at: db.fn.now(),
    }));
    await db("order_mappings")
      .insert(rows)
      .onConflict("order_key")
      .merge(["channel", "marketplace_order_id", "status", "park_reason", "normalized", "raw", "marketplace_updated_at", "updated_at"]);
  }
}

/** Records ShipStation's ids for many orders it accepted, in one statement. */
export async function recordSent(
  db: Knex,
  sent: ReadonlyArray<{ orderKey: string; shipstationOrderId: number; contentHash: string }>,
): Promise<void> {
  for (let i = 0; i < sent.length; i += 500) {
    const chunk = sent.slice(i, i + 500);
    const values = chunk.map(() => "(?, ?::bigint, ?)").join(", ");
    await db.raw(
      `update order_mappings as m
          set status = 'sent', shipstation_order_id = v.id, content_hash = v.hash,
              park_reason = null, last_error = null, sent_at = now(), updated_at = now()
         from (values ${values}) as v(order_key, id, hash)
        where m.order_key = v.order_key`,
      chunk.flatMap((s) => [s.orderKey, s.shipstationOrderId, s.contentHash]),
    );
  }
}

/** Records a ShipStation answer for one order. */
export async function recordSendResult(
  db: Knex,
  orderKey: string,
  result:
    | { ok: true; shipstationOrderId: number; contentHash: string }
    | { ok: false; error: string },
): Promise<void> {
  if (result.ok) {
    await db("order_mappings").where({ order_key: orderKey }).update({
      status: "sent",
      shipstation_order_id: result.shipstationOrderId,
      content_hash: result.contentHash,
      park_reason: null,
      last_error: null,
      sent_at: db.fn.now(),
      updated_at: db.fn.now(),
    });
    return;
  }
  await db("order_mappings")
    .where({ order_key: orderKey })
    .update({
      status: "failed",
      content_hash: null,
      last_error: result.error,
      attempts: db.raw("attempts + 1"),
      updated_at: db.fn.now(),
    });
}

/** Sets the status of one mapping (and its reason, if any). */
export async function setMappingStatus(
  db: Knex,
  orderKey: string,
  status: MappingStatus,
  reason: string | null = null,
): Promise<void> {
  await db("order_mappings")
    .where({ order_key: orderKey })
    .update({ status, park_reason: reason, updated_at: db.fn.now() });
}

/** Counts of mappings by status, for `hub status`. */
export async function mappingCounts(db: Knex): Promise<Record<string, number>> {
  const rows = await db("order_mappings").select("status").count({ n: "*" }).groupBy("status");
  return Object.fromEntries(
    (rows as Array<{ status: string; n: number | string }>).map((r) => [r.status, Number(r.n)]),
  );
}
