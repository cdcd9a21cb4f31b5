import type { StockItem } from "./stock-source.js";

/** One SKU of a validated snapshot. */
export interface SnapshotEntry {
  itemId: string | null;
  available: number;
}

/** A SKU left out of a snapshot and why. */
export interface RejectedItem {
  sku: string;
  reason: string;
}

/** A stock read made safe to plan from. */
export interface ValidatedSnapshot {
  figures: Map<string, SnapshotEntry>;
  rejected: RejectedItem[];
}

/**
 * Keeps the items whose figure hub can trust. A SKU listed twice or with a
 * figure that is not a whole number is left out, not guessed: a SKU with no
 * figure is never published (missing is never zero).
 */
export function validateSnapshot(
  items: readonly StockItem[],
): ValidatedSnapshot {
  const figures = new Map<string, SnapshotEntry>();
  const rejected: RejectedItem[] = [];
  const duplicated = new Set<string>();
  for (const item of items) {
    const sku = item.sku.trim();
    if (sku === "") continue;
    if (figures.has(sku) || duplicated.has(sku)) {
      duplicated.add(sku);
      continue;
    }
    if (!Number.isSafeInteger(item.available)) {
      rejected.push({ sku, reason: `available ${item.available} is not whole` });
      continue;
    }
    figures.set(sku, { itemId: item.itemId || null, available: item.available });
  }
  for (const sku of duplicated) {
    figures.delete(sku);
    rejected.push({ sku, reason: "listed by more than one Zoho item" });
  }
  return { figures, rejected };
}

/** Narrows a snapshot to the SKUs asked for; the rest asked are missing. */
export function limitSnapshot(
  snapshot: ValidatedSnapshot,
  only: ReadonlySet<string> | null,
): { figures: Map<string, SnapshotEntry>; missing: string[] } {
  if (only === null) return { figures: snapshot.figures, missing: [] };
  const figures = new Map<string, SnapshotEntry>();
  const missing: string[] = [];
  for (const sku of [...only].sort()) {
    const entry = snapshot.figures.get(sku);
    if (entry === undefined) missing.push(sku);
    else figures.set(sku, entry);
  }
  return { figures, missing };
}
