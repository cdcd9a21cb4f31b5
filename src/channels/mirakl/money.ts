import { Decimal } from "decimal.js";

/**
 * A JSON amount as a decimal string: two places at least, more only when
 * the vendor sent more. Never passes through float arithmetic.
 */
export function decimalString(
  value: number | string | null | undefined,
): string {
  if (value === null || value === undefined || value === "") return "0.00";
  const amount = new Decimal(String(value));
  return amount.decimalPlaces() > 2 ? amount.toString() : amount.toFixed(2);
}

/** The sum of amounts as a decimal string. */
export function sumAmounts(
  values: ReadonlyArray<number | string | null | undefined>,
): string {
  const total = values.reduce<Decimal>(
    (sum, v) => sum.plus(new Decimal(String(v ?? 0) || 0)),
    new Decimal(0),
  );
  return decimalString(total.toString());
}
