import type { Knex } from "knex";
import type {
  ReturnStatus,
  TrackingReturn,
} from "../../pipelines/push-tracking/types.js";

const CHUNK = 1000;

function date(value: unknown): Date | undefined {
  return value === null || value === undefined
    ? undefined
    : new Date(value as string);
}

function text(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

function lines(value: unknown): Record<string, number> {
  const parsed: unknown = typeof value === "string" ? JSON.parse(value) : value;
  const out: Record<string, number> = {};
  if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
    for (const [k, v] of Object.entries(parsed)) out[k] = Number(v);
  }
  return out;
}

function toReturn(r: Record<string, unknown>): TrackingReturn {
  return {
    shipmentKey: String(r.shipment_id),
    packageRef: String(r.package_ref),
    orderKey: String(r.order_key),
    channel: String(r.channel),
    shipstationOrderId:
      r.shipstation_order_id === null || r.shipstation_order_id === undefined
        ? undefined
        : Number(r.shipstation_order_id),
    trackingNumber: String(r.tracking_number),
    carrierCode: String(r.carrier_code ?? ""),
    serviceCode: text(r.service_code),
    carrierSent: text(r.carrier_sent),
    lines: lines(r.lines),
    status: String(r.status) as ReturnStatus,
    attempts: Number(r.attempts),
    lastError: text(r.last_error),
    nextAttemptAt: date(r.next_attempt_at),
    shippedAt: date(r.shipped_at) ?? new Date(String(r.created_at)),
    voidedAt: date(r.voided_at),
    pushedAt: date(r.pushed_at),
  };
}

/** Every tracking return of these orders. */
export async function returnsOfOrders(
  db: Knex,
  orderKeys: readonly string[],
): Promise<TrackingReturn[]> {
  const out: TrackingReturn[] = [];
  for (let i = 0; i < orderKeys.length; i += CHUNK) {
    const rows = await db("tracking_returns")
      .select()
      .whereIn("order_key", orderKeys.slice(i, i + CHUNK))
      .orderBy("id");
    out.push(...(rows as Array<Record<string, unknown>>).map(toReturn));
  }
  return out;
}

/** Shipment key → order key, for packages hub already recorded. */
export async function orderKeysOfShipments(
  db: Knex,
  shipmentKeys: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < shipmentKeys.length; i += CHUNK) {
    const rows = (await db("tracking_returns")
      .select("shipment_id", "order_key")
      .whereIn("shipment_id", shipmentKeys.slice(i, i + CHUNK))) as Array<{
      shipment_id: string;
      order_key: string;
    }>;
    for (const r of rows) out.set(r.shipment_id, r.order_key);
  }
  return out;
}

/**
 * Order keys with a package waiting for another push: pending and held
 * ones every run, failed ones once their next attempt is due.
 */
export async function ordersWithDueReturns(
  db: Knex,
  channels: readonly string[],
  now: Date,
): Promise<string[]> {
  const keys: string[] = await db("tracking_returns")
    .distinct("order_key")
    .whereIn("channel", channels)
    .whereNull("voided_at")
    .where((q) =>
      q
        .whereIn("status", ["pending", "held"])
        .orWhere((f) =>
          f
            .where("status", "failed")
            .where((n) =>
              n.whereNull("next_attempt_at").orWhere("next_attempt_at", "<=", now),
            ),
        ),
    )
    .pluck("order_key");
  return keys;
}

/** Inserts or replaces the row of one package. */
export async function saveReturn(db: Knex, row: TrackingReturn): Promise<void> {
  const values = {
    shipment_id: row.shipmentKey,
    package_ref: row.packageRef,
    order_key: row.orderKey,
    channel: row.channel,
    shipstation_order_id: row.shipstationOrderId ?? null,
    tracking_number: row.trackingNumber,
    carrier_code: row.carrierCode,
    service_code: row.serviceCode ?? null,
    carrier_sent: row.carrierSent ?? null,
    lines: JSON.stringify(row.lines),
    status: row.status,
    attempts: row.attempts,
    last_error: row.lastError ?? null,
    next_attempt_at: row.nextAttemptAt ?? null,
    shipped_at: row.shippedAt,
    voided_at: row.voidedAt ?? null,
    pushed_at: row.pushedAt ?? null,
    updated_at: db.fn.now(),
  };
  await db("tracking_returns")
    .insert(values)
    .onConflict("shipment_id")
    .merge();
}

/** Records that ShipStation voided the package's label. */
export async function markReturnVoided(
  db: Knex,
  shipmentKey: string,
  voidedAt: Date,
): Promise<void> {
  await db("tracking_returns")
    .where({ shipment_id: shipmentKey })
    .update({ voided_at: voidedAt, updated_at: db.fn.now() });
}
