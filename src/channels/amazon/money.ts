import { Decimal } from "decimal.js";
import type { Money } from "./schemas.js";

/**
 * An amount as a decimal string. The models send strings, which are kept
 * exactly as received; a number (seen in some clients' payloads) is turned
 * into its shortest exact decimal text, never through float arithmetic.
 */
export function amountText(money: Money): string {
  if (typeof money.amount === "string") return money.amount;
  return new Decimal(String(money.amount)).toFixed();
}

/**
 * The unit price from a line total (v0 ItemPrice and the v2026 ITEM
 * subtotal are unit × quantity; case B38): divided exactly, not rounded to
 * cents, so unit × quantity gives the total back.
 */
export function unitFromLineTotal(total: Money, quantity: number): string {
  if (quantity <= 0) return amountText(total);
  return new Decimal(amountText(total)).dividedBy(quantity).toFixed();
}

/** Sums amounts of one currency; amounts in another are left out. */
export function sumIn(currency: string, amounts: Money[]): string | undefined {
  const same = amounts.filter((m) => m.currencyCode === currency);
  if (same.length === 0) return undefined;
  if (same.length === 1 && same[0] !== undefined) return amountText(same[0]);
  return same
    .reduce((sum, m) => sum.plus(amountText(m)), new Decimal(0))
    .toFixed(2);
}
