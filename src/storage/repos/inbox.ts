import type { Knex } from "knex";

/** One webhook event as stored in the inbox. */
export interface InboxEventRow {
  source: string;
  eventId: string;
  resourceType: string;
  raw: string;
  payload: unknown;
}

/**
 * Stores an event unless its event id is already there. Returns true when
 * a row was written, false for a repeat.
 */
export async function storeInboxEvent(
  db: Knex,
  event: InboxEventRow,
): Promise<boolean> {
  const rows: unknown[] = await db("webhook_inbox")
    .insert({
      source: event.source,
      event_id: event.eventId,
      resource_type: event.resourceType,
      raw: event.raw,
      payload: JSON.stringify(event.payload),
    })
    .onConflict("event_id")
    .ignore()
    .returning("id");
  return rows.length > 0;
}

/** Events not yet handled by a pipeline, per source. */
export async function inboxDepth(
  db: Knex,
): Promise<Array<{ source: string; waiting: number }>> {
  const rows = (await db("webhook_inbox")
    .select("source")
    .count({ waiting: "*" })
    .whereNull("processed_at")
    .groupBy("source")
    .orderBy("source")) as Array<{ source: string; waiting: number | string }>;
  return rows.map((r) => ({ source: r.source, waiting: Number(r.waiting) }));
}
