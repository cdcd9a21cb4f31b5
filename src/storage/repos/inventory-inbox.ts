import type { Knex } from "knex";

/** A waiting Zoho webhook event. */
export interface ZohoInboxEvent {
  id: number;
  payload: unknown;
  raw: string;
}

/** Zoho events that no allocate run has handled yet, oldest first. */
export async function readWaitingZohoEvents(
  db: Knex,
): Promise<ZohoInboxEvent[]> {
  const rows: Array<{ id: number | string; payload: unknown; raw: string }> =
    await db("webhook_inbox")
      .select("id", "payload", "raw")
      .where({ source: "zoho" })
      .whereNull("processed_at")
      .orderBy("id");
  return rows.map((row) => ({
    id: Number(row.id),
    payload: row.payload,
    raw: row.raw,
  }));
}

/** Marks Zoho events handled. */
export async function markZohoEventsProcessed(
  db: Knex,
  ids: readonly number[],
  at: Date,
): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) {
    await db("webhook_inbox")
      .whereIn("id", ids.slice(i, i + 1000))
      .update({ processed_at: at });
  }
}
