import type { Knex } from "knex";

/** Outcome words stored in `inventory_publications.status`. */
/**
 * `sending` is written before a quantity goes out and replaced by the
 * outcome: one left behind means the run died not knowing the answer.
 */
export type PublicationStatus = "sending" | "sent" | "failed" | "refused";

/** The last quantity a channel accepted for a SKU, and when. */
export interface LastSent {
  channel: string;
  sku: string;
  quantity: number;
  sentAt: Date;
}

/** The newest publication row of a SKU on a channel, whatever its outcome. */
export interface LatestPublication {
  channel: string;
  sku: string;
  quantity: number;
  status: string;
  attempts: number;
}

/** One outcome to record. */
export interface PublicationRecord {
  channel: string;
  sku: string;
  publicationId: string;
  quantity: number;
  status: PublicationStatus;
  attempts: number;
  lastError: string | null;
  reason: string | null;
  at: Date;
}

const CHUNK = 1000;

/** The last successful publication per channel and SKU. */
export async function readLastSent(
  db: Knex,
  skus?: readonly string[],
): Promise<LastSent[]> {
  const query = (): Knex.QueryBuilder =>
    db("inventory_publications")
      .distinctOn("channel", "sku")
      .select("channel", "sku", "quantity", "sent_at")
      .where({ status: "sent" })
      .orderBy([
        "channel",
        "sku",
        { column: "sent_at", order: "desc" },
        { column: "id", order: "desc" },
      ]);
  const rows = await inChunks<{
    channel: string;
    sku: string;
    quantity: number | string;
    sent_at: Date | string;
  }>(query, skus);
  return rows.map((row) => ({
    channel: row.channel,
    sku: row.sku,
    quantity: Number(row.quantity),
    sentAt: new Date(row.sent_at),
  }));
}

/** The newest publication row per channel and SKU. */
export async function readLatestPublications(
  db: Knex,
  skus?: readonly string[],
): Promise<LatestPublication[]> {
  const query = (): Knex.QueryBuilder =>
    db("inventory_publications")
      .distinctOn("channel", "sku")
      .select("channel", "sku", "quantity", "status", "attempts")
      .orderBy([
        "channel",
        "sku",
        { column: "created_at", order: "desc" },
        { column: "id", order: "desc" },
      ]);
  const rows = await inChunks<{
    channel: string;
    sku: string;
    quantity: number | string;
    status: string;
    attempts: number | string;
  }>(query, skus);
  return rows.map((row) => ({
    channel: row.channel,
    sku: row.sku,
    quantity: Number(row.quantity),
    status: row.status,
    attempts: Number(row.attempts),
  }));
}

/** When each SKU was last published successfully on any channel. */
export async function readLastPublishedAt(
  db: Knex,
): Promise<Map<string, Date>> {
  const rows: Array<{ sku: string; at: Date | string }> = await db(
    "inventory_publications",
  )
    .select("sku")
    .max({ at: "sent_at" })
    .where({ status: "sent" })
    .groupBy("sku");
  return new Map(rows.map((row) => [row.sku, new Date(row.at)]));
}

/** SKUs whose newest publication on some channel did not go through. */
export async function readUnfinishedSkus(db: Knex): Promise<string[]> {
  const latest = await readLatestPublications(db);
  const skus = new Set<string>();
  for (const row of latest) {
    if (row.status !== "sent") skus.add(row.sku);
  }
  return [...skus].sort();
}

/** Records outcomes; a second outcome in the same publication replaces it. */
export async function recordPublications(
  db: Knex,
  records: readonly PublicationRecord[],
): Promise<void> {
  for (let i = 0; i < records.length; i += CHUNK) {
    const rows = records.slice(i, i + CHUNK).map((r) => ({
      channel: r.channel,
      sku: r.sku,
      publication_id: r.publicationId,
      quantity: r.quantity,
      status: r.status,
      attempts: r.attempts,
      last_error: r.lastError,
      reason: r.reason,
      created_at: r.at,
      sent_at: r.status === "sent" ? r.at : null,
    }));
    await db("inventory_publications")
      .insert(rows)
      .onConflict(["channel", "sku", "publication_id"])
      .merge();
  }
}

async function inChunks<T>(
  query: () => Knex.QueryBuilder,
  skus: readonly string[] | undefined,
): Promise<T[]> {
  if (skus === undefined) return (await query()) as T[];
  const rows: T[] = [];
  for (let i = 0; i < skus.length; i += CHUNK) {
    rows.push(...((await query().whereIn("sku", skus.slice(i, i + CHUNK))) as T[]));
  }
  return rows;
}
