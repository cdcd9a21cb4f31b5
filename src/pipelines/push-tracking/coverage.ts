import {
  DONE_STATUSES,
  type HubOrder,
  type PackageItem,
  type TrackingReturn,
} from "./types.js";

/** Marketplace line id → units. */
export type LineUnits = Record<string, number>;

/** Adds `more` into `into` (mutates `into`). */
export function addUnits(into: LineUnits, more: LineUnits): void {
  for (const [lineId, quantity] of Object.entries(more)) {
    into[lineId] = (into[lineId] ?? 0) + quantity;
  }
}

/** True when `covered` holds every unit of every line of the order. */
export function coversOrder(order: HubOrder, covered: LineUnits): boolean {
  if (order.lines.length === 0) return false;
  return order.lines.every((l) => (covered[l.lineId] ?? 0) >= l.quantity);
}

/** Units of the order not yet in `covered`, line by line. */
export function remainingUnits(order: HubOrder, covered: LineUnits): LineUnits {
  const out: LineUnits = {};
  for (const line of order.lines) {
    const left = line.quantity - (covered[line.lineId] ?? 0);
    if (left > 0) out[line.lineId] = (out[line.lineId] ?? 0) + left;
  }
  return out;
}

/**
 * The lines a package carries. Items name their line by lineItemKey (the
 * marketplace line id hub sent); a label edited in ShipStation may lose it,
 * so the SKU is the fallback. No items means the label ships every unit
 * still open.
 */
export function packageLines(
  order: HubOrder,
  items: readonly PackageItem[],
  covered: LineUnits,
): LineUnits {
  if (items.length === 0) return remainingUnits(order, covered);
  const out: LineUnits = {};
  for (const item of items) {
    if (item.quantity <= 0) continue;
    const lineId = lineOfItem(order, item, { ...covered, ...out });
    if (lineId) out[lineId] = (out[lineId] ?? 0) + item.quantity;
  }
  return out;
}

function lineOfItem(
  order: HubOrder,
  item: PackageItem,
  taken: LineUnits,
): string | undefined {
  const byKey = order.lines.find((l) => l.lineId === item.lineItemKey);
  if (byKey) return byKey.lineId;
  const bySku = order.lines.filter((l) => item.sku && l.sku === item.sku);
  const open = bySku.find((l) => (taken[l.lineId] ?? 0) < l.quantity);
  const match = open ?? bySku[0];
  if (match) return match.lineId;
  // Without stored lines the item's own key is the best line id there is.
  return order.lines.length === 0 ? item.lineItemKey : undefined;
}

/** Where an order stands once its packages' outcomes are known. */
export type ShipState = "shipped" | "partially_shipped" | "open";

/**
 * Shipped when non-voided packages whose tracking reached the marketplace
 * cover every unit; partially shipped when they cover some.
 */
export function orderShipState(
  order: HubOrder,
  returns: readonly TrackingReturn[],
): ShipState {
  const covered: LineUnits = {};
  for (const row of returns) {
    if (row.voidedAt || !DONE_STATUSES.includes(row.status)) continue;
    addUnits(covered, row.lines);
  }
  if (coversOrder(order, covered)) return "shipped";
  return Object.values(covered).some((n) => n > 0)
    ? "partially_shipped"
    : "open";
}
