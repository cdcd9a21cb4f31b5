import {
  closureReason,
  type ShadowMode,
} from "../../inventory/shadow-stock.js";
import type {
  DeductionClosure,
  DeductionRow,
} from "../../storage/repos/shadow-deductions.js";

/** What decides whether open deductions close in this run. */
export interface ClosureSettings {
  mode: ShadowMode;
  settleMinutes: number;
  now: Date;
  /** The snapshot each SKU is planned from, if it has one. */
  snapshotAt(sku: string): Date | null;
}

/** Deductions that stay open, and those this run closes. */
export interface ClosurePlan {
  open: DeductionRow[];
  closures: DeductionClosure[];
}

/** Applies INVENTORY.md's closing rules to the open ledger rows. */
export function planClosures(
  rows: readonly DeductionRow[],
  settings: ClosureSettings,
): ClosurePlan {
  const open: DeductionRow[] = [];
  const closures: DeductionClosure[] = [];
  for (const row of rows) {
    const reason = closureReason(
      {
        orderKey: row.orderKey,
        line: row.lineId,
        channel: row.channel,
        sku: row.sku,
        quantity: row.quantity,
        openedAt: row.openedAt,
        // Cancellations are closed by pull-orders when it sees them.
        cancelledAt: null,
        shipmentSeenAt: row.shippedAt,
      },
      {
        mode: settings.mode,
        settleMinutes: settings.settleMinutes,
        now: settings.now,
        snapshotTakenAt: settings.snapshotAt(row.sku),
      },
    );
    if (reason === null) open.push(row);
    else closures.push({ id: row.id, reason });
  }
  return { open, closures };
}

/** Units held by open deductions, per SKU. */
export function heldBySku(open: readonly DeductionRow[]): Map<string, number> {
  const held = new Map<string, number>();
  for (const row of open) {
    held.set(row.sku, (held.get(row.sku) ?? 0) + row.quantity);
  }
  return held;
}
