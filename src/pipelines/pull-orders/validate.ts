import type { Address, MarketplaceOrder } from "../../channels/types.js";

/** Why an order cannot go to ShipStation now. */
export type Verdict =
  | { ok: true }
  /** Never sendable as it stands: kept with its payload for the operator. */
  | { ok: false; action: "quarantine"; reason: string }
  /** Not yet: a later pull of the same order will send it. */
  | { ok: false; action: "park"; reason: string };

const MONEY = /^-?\d+(\.\d+)?$/;
const ALPHA2 = /^[A-Z]{2}$/;

/**
 * A sold unit, its tax or its shipping never costs less than nothing:
 * discounts come as their own fields, so a minus here is a broken payload.
 */
function negative(amount: string): boolean {
  return amount.startsWith("-") && Number(amount) !== 0;
}

/**
 * Checks a ready order before anything is sent. Line problems quarantine
 * (the marketplace will not fix them by itself); a missing or incomplete
 * address parks, since it may appear later (case B14: never send a shipTo
 * without name and street).
 */
export function validateOrder(order: MarketplaceOrder): Verdict {
  if (order.lines.length === 0) {
    return { ok: false, action: "quarantine", reason: "the order has no lines" };
  }
  for (const line of order.lines) {
    if (!line.sku || line.sku.trim() === "") {
      return { ok: false, action: "quarantine", reason: `line ${line.lineId} has no SKU` };
    }
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
      return { ok: false, action: "quarantine", reason: `line ${line.lineId} (${line.sku}) has quantity ${line.quantity}` };
    }
    if (!MONEY.test(line.unitPrice) || !MONEY.test(line.tax)) {
      return { ok: false, action: "quarantine", reason: `line ${line.lineId} (${line.sku}) has an unreadable price or tax` };
    }
    if (negative(line.unitPrice) || negative(line.tax)) {
      return { ok: false, action: "quarantine", reason: `line ${line.lineId} (${line.sku}) has a negative price or tax (${line.unitPrice}, tax ${line.tax})` };
    }
  }
  if (!MONEY.test(order.shippingPrice)) {
    return { ok: false, action: "quarantine", reason: "the shipping price is unreadable" };
  }
  if (negative(order.shippingPrice)) {
    return { ok: false, action: "quarantine", reason: `the shipping price is negative (${order.shippingPrice})` };
  }
  const country = order.shipTo?.country;
  if (country && !ALPHA2.test(country)) {
    return { ok: false, action: "quarantine", reason: `unknown country code "${country}"` };
  }
  const address = addressProblem(order.shipTo);
  if (address) return { ok: false, action: "park", reason: address };
  return { ok: true };
}

function addressProblem(address: Address | undefined): string | null {
  if (!address) return "no shipping address yet";
  const missing = (["name", "street1", "city", "postalCode", "country"] as const).filter(
    (field) => !address[field] || String(address[field]).trim() === "",
  );
  if (missing.length > 0) {
    return `blocked: incomplete shipping address (missing ${missing.join(", ")})`;
  }
  return null;
}
