import type { Knex } from "knex";
import type {
  HubOrder,
  HubOrderLine,
} from "../../pipelines/push-tracking/types.js";

const CHUNK = 1000;
const COLUMNS = [
  "order_key",
  "channel",
  "marketplace_order_id",
  "status",
  "shipstation_order_id",
  "normalized",
];

function orderLines(normalized: unknown): HubOrderLine[] {
  const parsed: unknown =
    typeof normalized === "string" ? JSON.parse(normalized) : normalized;
  if (!parsed || typeof parsed !== "object") return [];
  const lines = (parsed as { lines?: unknown }).lines;
  if (!Array.isArray(lines)) return [];
  return lines.flatMap((l: unknown) => {
    const line = l as { lineId?: unknown; sku?: unknown; quantity?: unknown };
    if (typeof line.lineId !== "string") return [];
    return [
      {
        lineId: line.lineId,
        sku: typeof line.sku === "string" ? line.sku : "",
        quantity: Number(line.quantity ?? 0),
      },
    ];
  });
}

function toOrder(r: Record<string, unknown>): HubOrder {
  return {
    orderKey: String(r.order_key),
    channel: String(r.channel),
    marketplaceOrderId: String(r.marketplace_order_id),
    status: String(r.status),
    shipstationOrderId:
      r.shipstation_order_id === null || r.shipstation_order_id === undefined
        ? undefined
        : Number(r.shipstation_order_id),
    lines: orderLines(r.normalized),
  };
}

/** Hub orders by order key. */
export async function ordersByKey(
  db: Knex,
  orderKeys: readonly string[],
): Promise<Map<string, HubOrder>> {
  const out = new Map<string, HubOrder>();
  const unique = [...new Set(orderKeys)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db("order_mappings")
      .select(COLUMNS)
      .whereIn("order_key", unique.slice(i, i + CHUNK));
    for (const r of rows as Array<Record<string, unknown>>) {
      const order = toOrder(r);
      out.set(order.orderKey, order);
    }
  }
  return out;
}

/** Hub orders by the ShipStation orderId they were created as. */
export async function ordersByShipStationId(
  db: Knex,
  orderIds: readonly number[],
): Promise<Map<number, HubOrder>> {
  const out = new Map<number, HubOrder>();
  const unique = [...new Set(orderIds)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db("order_mappings")
      .select(COLUMNS)
      .whereIn("shipstation_order_id", unique.slice(i, i + CHUNK));
    for (const r of rows as Array<Record<string, unknown>>) {
      const order = toOrder(r);
      if (order.shipstationOrderId !== undefined) {
        out.set(order.shipstationOrderId, order);
      }
    }
  }
  return out;
}

/** Marks an order shipped (with when) or partially shipped in hub. */
export async function setOrderShipStatus(
  db: Knex,
  orderKey: string,
  status: "shipped" | "partially_shipped" | "sent",
  shippedAt: Date | null,
): Promise<void> {
  await db("order_mappings")
    .where({ order_key: orderKey })
    .update({ status, shipped_at: shippedAt, updated_at: db.fn.now() });
}
