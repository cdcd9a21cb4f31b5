/**
 * Integer division without trusting a rounded quotient: `%` on two safe
 * integers is exact, and subtracting it leaves an exact multiple, so the
 * division that follows cannot round.
 */

/** floor(dividend / divisor) for a dividend ≥ 0 and a divisor > 0. */
export function floorDiv(dividend: number, divisor: number): number {
  return (dividend - (dividend % divisor)) / divisor;
}
