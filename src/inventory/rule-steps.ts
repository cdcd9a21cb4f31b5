import { floorDiv } from "./integer-division.js";

/** The cap while a SKU is protected: no oversell at all. */
export const PROTECTED_CAP = 100;

/** Step 1: `sellable = max(0, available − safety stock)`. */
export function sellableUnits(available: number, safetyStock: number): number {
  return Math.max(0, available - safetyStock);
}

/** At or below the low-stock threshold a SKU is protected (cap 100). */
export function isLowStock(sellable: number, threshold: number): boolean {
  return sellable <= threshold;
}

/** Step 3: the oversell cap, or 100 while the SKU is protected. */
export function capFor(maxOversellPct: number, isProtected: boolean): number {
  return isProtected ? PROTECTED_CAP : maxOversellPct;
}

/** Step 4: `T = floor(sellable × min(R, cap) / 100)`. */
export function totalToShow(
  sellable: number,
  ratioSum: number,
  cap: number,
): number {
  return floorDiv(sellable * Math.min(ratioSum, cap), 100);
}

/** Steps 6 and 7: a share under the minimum is 0; never above sellable. */
export function publishedQuantity(
  share: number,
  sellable: number,
  minPublishQty: number,
): number {
  if (share < minPublishQty) return 0;
  return Math.max(0, Math.min(share, sellable));
}
