import type { Knex } from "knex";

/** One SKU's last Zoho snapshot as shadow stock keeps it. */
export interface ShadowSnapshot {
  sku: string;
  itemId: string | null;
  snapshotAvailable: number;
  snapshotAt: Date;
}

/** A fresh Zoho figure for one SKU. */
export interface SnapshotFigure {
  sku: string;
  itemId: string | null;
  available: number;
}

// Keeps every statement well under PostgreSQL's 65535 bound parameters.
const CHUNK = 1000;

/** The stored snapshots of the given SKUs, or of every SKU. */
export async function readShadowSnapshots(
  db: Knex,
  skus?: readonly string[],
): Promise<ShadowSnapshot[]> {
  const select = (): Knex.QueryBuilder =>
    db("shadow_inventory").select(
      "sku",
      "item_id",
      "snapshot_available",
      "snapshot_at",
    );
  const rows: SnapshotRow[] = [];
  if (skus === undefined) rows.push(...(await select().orderBy("sku")));
  else {
    for (const part of chunks(skus)) {
      rows.push(...(await select().whereIn("sku", part)));
    }
  }
  return rows.map((row) => ({
    sku: row.sku,
    itemId: row.item_id,
    snapshotAvailable: Number(row.snapshot_available),
    snapshotAt: new Date(row.snapshot_at),
  }));
}

/** The SKUs of known Zoho item ids (webhooks may name only the item). */
export async function skusOfItemIds(
  db: Knex,
  itemIds: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks(itemIds)) {
    const rows: Array<{ sku: string; item_id: string }> = await db(
      "shadow_inventory",
    )
      .select("sku", "item_id")
      .whereIn("item_id", part);
    for (const row of rows) found.set(row.item_id, row.sku);
  }
  return found;
}

/** Resets shadow stock of the given SKUs to a new snapshot taken `at`. */
export async function writeShadowSnapshots(
  db: Knex,
  figures: readonly SnapshotFigure[],
  at: Date,
): Promise<void> {
  for (const part of chunks(figures)) {
    await db("shadow_inventory")
      .insert(
        part.map((f) => ({
          sku: f.sku,
          item_id: f.itemId,
          snapshot_available: f.available,
          snapshot_at: at,
          updated_at: at,
        })),
      )
      .onConflict("sku")
      .merge(["item_id", "snapshot_available", "snapshot_at", "updated_at"]);
  }
}

interface SnapshotRow {
  sku: string;
  item_id: string | null;
  snapshot_available: number | string;
  snapshot_at: Date | string;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    out.push(items.slice(i, i + CHUNK));
  }
  return out;
}
