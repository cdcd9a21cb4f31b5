import type { Knex } from "knex";

/** A ShipStation shipment event serve-webhooks stored and nobody handled. */
export interface ShipEvent {
  id: number;
  resourceUrl: string | undefined;
  resourceType: string | undefined;
}

/** Event types that announce shipments (shipstation.md §6). */
export const SHIP_EVENT_TYPES = ["SHIP_NOTIFY", "ITEM_SHIP_NOTIFY"];

function body(payload: unknown, raw: unknown): Record<string, unknown> {
  let value: unknown = payload;
  if (typeof value === "string") value = safeJson(value);
  if (!value && typeof raw === "string") value = safeJson(raw);
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** ShipStation shipment events still waiting, oldest first. */
export async function waitingShipEvents(db: Knex): Promise<ShipEvent[]> {
  const rows = (await db("webhook_inbox")
    .select("id", "resource_type", "payload", "raw")
    .where({ source: "shipstation" })
    .whereNull("processed_at")
    .orderBy("id")) as Array<Record<string, unknown>>;
  return rows.flatMap((r) => {
    const b = body(r.payload, r.raw);
    const type =
      typeof r.resource_type === "string"
        ? r.resource_type
        : typeof b.resource_type === "string"
          ? b.resource_type
          : undefined;
    if (!type || !SHIP_EVENT_TYPES.includes(type)) return [];
    const url = typeof b.resource_url === "string" ? b.resource_url : undefined;
    return [{ id: Number(r.id), resourceUrl: url, resourceType: type }];
  });
}

/** Marks events handled. */
export async function markEventsProcessed(
  db: Knex,
  ids: readonly number[],
): Promise<void> {
  if (ids.length === 0) return;
  await db("webhook_inbox")
    .whereIn("id", ids)
    .update({ processed_at: db.fn.now(), last_error: null });
}

/** Records a failed attempt at an event; it stays waiting. */
export async function markEventFailed(
  db: Knex,
  id: number,
  error: string,
): Promise<void> {
  await db("webhook_inbox")
    .where({ id })
    .update({ attempts: db.raw("attempts + 1"), last_error: error });
}

/**
 * Closes an event that can never be handled (a resource_url outside
 * ShipStation): it is kept with its reason, not tried again.
 */
export async function markEventRejected(
  db: Knex,
  id: number,
  error: string,
): Promise<void> {
  await db("webhook_inbox")
    .where({ id })
    .update({
      processed_at: db.fn.now(),
      attempts: db.raw("attempts + 1"),
      last_error: error,
    });
}
