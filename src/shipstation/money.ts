import { Decimal } from "decimal.js";
import { BugError } from "../errors.js";

/**
 * ShipStation takes money as JSON numbers (`"unitPrice": 10.99` in
 * api-reference/examples/shipstation/createorder.request.json), so amounts
 * are summed as decimals and only the final, cent-rounded text becomes a
 * number. A JS number prints back as the shortest text that reads as the
 * same double, so for amounts of up to 15 significant digits
 * `JSON.stringify(Number("27.97"))` is exactly `27.97`; the check below
 * refuses anything that would not survive that round trip.
 */
export function moneyNumber(amount: Decimal): number {
  const exact = amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const value = Number(exact.toFixed(2));
  if (!new Decimal(String(value)).equals(exact)) {
    throw new BugError(`amount ${exact.toFixed(2)} cannot be sent exactly`);
  }
  return value;
}

/** A decimal string from the order model, checked. */
export function decimalOf(text: string, what: string): Decimal {
  try {
    const value = new Decimal(text);
    if (value.isFinite()) return value;
  } catch (error) {
    throw new BugError(`${what} is not a decimal: "${text}"`, { cause: error });
  }
  throw new BugError(`${what} is not a finite decimal: "${text}"`);
}
