import type { Knex } from "knex";
import { asCount, asDate } from "./status-values.js";

/** Open quarantine entries counted by channel and reason. */
export async function quarantineReasons(
  db: Knex,
): Promise<Array<{ channel: string; reason: string; count: number }>> {
  const rows: Array<Record<string, unknown>> = await db("order_quarantine")
    .select("channel", "reason")
    .count({ n: "*" })
    .whereNull("resolved_at")
    .groupBy("channel", "reason")
    .orderBy([{ column: "n", order: "desc" }, "channel", "reason"]);
  return rows.map((r) => ({
    channel: String(r.channel),
    reason: String(r.reason),
    count: asCount(r.n),
  }));
}

/** Tracking returns counted by status. */
export async function trackingStatusCounts(
  db: Knex,
): Promise<Record<string, number>> {
  const rows: Array<Record<string, unknown>> = await db("tracking_returns")
    .select("status")
    .count({ n: "*" })
    .groupBy("status");
  return Object.fromEntries(rows.map((r) => [String(r.status), asCount(r.n)]));
}

/**
 * Channel and SKU pairs whose newest publication failed or was refused,
 * counted per channel and status. A failure fixed by a later publication is
 * history, not a problem, so only the newest row of each pair counts.
 */
export async function publicationProblems(
  db: Knex,
): Promise<Array<{ channel: string; status: string; count: number }>> {
  const latest = db("inventory_publications")
    .distinctOn("channel", "sku")
    .select("channel", "sku", "status")
    .orderBy([
      "channel",
      "sku",
      { column: "created_at", order: "desc" },
      { column: "id", order: "desc" },
    ])
    .as("latest");
  const rows: Array<Record<string, unknown>> = await db
    .from(latest)
    .select("channel", "status")
    .count({ n: "*" })
    .whereIn("status", ["failed", "refused"])
    .groupBy("channel", "status")
    .orderBy(["channel", "status"]);
  return rows.map((r) => ({
    channel: String(r.channel),
    status: String(r.status),
    count: asCount(r.n),
  }));
}

/** SKUs under low-stock protection, with their state and last change. */
export async function protectedSkus(
  db: Knex,
): Promise<Array<{ sku: string; state: string; since: Date | null }>> {
  const rows: Array<Record<string, unknown>> = await db("shadow_inventory")
    .select("sku", "protection_state", "updated_at")
    .whereNotNull("protection_state")
    .orderBy("sku");
  return rows.map((r) => ({
    sku: String(r.sku),
    state: String(r.protection_state),
    since: asDate(r.updated_at),
  }));
}
