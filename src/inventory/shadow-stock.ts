/**
 * Shadow stock: hub's own running figure between two Zoho snapshots, so
 * that the last units are not sold on several marketplaces at once.
 */

/** When an open deduction gives way to Zoho's own figure. */
export type ShadowMode = "until_shipped" | "until_snapshot";

/** One order line as pull-orders hands it to shadow stock. */
export interface PulledLine {
  readonly orderKey: string;
  /** The marketplace's line id within the order. */
  readonly line: string;
  readonly channel: string;
  readonly sku: string;
  readonly quantity: number;
  /** A line already cancelled when first seen never holds stock. */
  readonly cancelled: boolean;
}

/** One deduction of the shadow ledger: one per order line, ever. */
export interface Deduction {
  readonly orderKey: string;
  readonly line: string;
  readonly channel: string;
  readonly sku: string;
  readonly quantity: number;
  readonly openedAt: Date;
  readonly cancelledAt: Date | null;
  /** When hub first saw the line's shipment in ShipStation. */
  readonly shipmentSeenAt: Date | null;
}

/** What closing a deduction depends on besides the deduction itself. */
export interface ClosureContext {
  readonly mode: ShadowMode;
  readonly settleMinutes: number;
  readonly now: Date;
  /** When the newest Zoho snapshot of the SKU was taken, if any. */
  readonly snapshotTakenAt: Date | null;
}

/** Why a deduction closed. */
export type ClosureReason = "cancelled" | "settled" | "snapshot";

/** The ledger key of an order line: a second pull finds it taken. */
export function deductionKey(orderKey: string, line: string): string {
  return `${orderKey}#${line}`;
}

/** The deductions a pull opens: lines not deducted before, not cancelled. */
export function newDeductions(
  lines: readonly PulledLine[],
  alreadyDeducted: ReadonlySet<string>,
  now: Date,
): Deduction[] {
  const opened = new Set<string>();
  const deductions: Deduction[] = [];
  for (const line of lines) {
    const key = deductionKey(line.orderKey, line.line);
    if (line.cancelled || line.quantity <= 0) continue;
    if (alreadyDeducted.has(key) || opened.has(key)) continue;
    opened.add(key);
    deductions.push({
      orderKey: line.orderKey,
      line: line.line,
      channel: line.channel,
      sku: line.sku,
      quantity: line.quantity,
      openedAt: now,
      cancelledAt: null,
      shipmentSeenAt: null,
    });
  }
  return deductions;
}

/** Why an open deduction closes now, or null while it stays open. */
export function closureReason(
  deduction: Deduction,
  context: ClosureContext,
): ClosureReason | null {
  if (deduction.cancelledAt !== null) return "cancelled";
  if (context.mode === "until_snapshot") {
    const snapshot = context.snapshotTakenAt;
    // Zoho already holds the order when it receives sales orders itself,
    // so a snapshot taken after the pull counts the units once.
    const covered =
      snapshot !== null && deduction.openedAt.getTime() < snapshot.getTime();
    return covered ? "snapshot" : null;
  }
  const shipped = deduction.shipmentSeenAt;
  if (shipped === null) return null;
  const settledAt = shipped.getTime() + context.settleMinutes * 60_000;
  return context.now.getTime() >= settledAt ? "settled" : null;
}

/** The deductions that stay open. */
export function openDeductions<D extends Deduction>(
  deductions: readonly D[],
  context: ClosureContext,
): D[] {
  return deductions.filter((d) => closureReason(d, context) === null);
}

/** Shadow available = snapshot available − open deductions of that SKU. */
export function shadowAvailable(
  snapshotAvailable: number,
  open: Iterable<{ readonly quantity: number }>,
): number {
  let held = 0;
  for (const deduction of open) held += deduction.quantity;
  return snapshotAvailable - held;
}

/**
 * Shadow available of every SKU in a snapshot. A SKU with deductions but
 * absent from the snapshot gets no figure: missing is never zero.
 */
export function shadowAvailableBySku(
  snapshot: ReadonlyMap<string, number>,
  open: Iterable<Pick<Deduction, "sku" | "quantity">>,
): Map<string, number> {
  const result = new Map(snapshot);
  for (const deduction of open) {
    const current = result.get(deduction.sku);
    if (current !== undefined) {
      result.set(deduction.sku, current - deduction.quantity);
    }
  }
  return result;
}
