import type { Address, MarketplaceOrder, OrderLine } from "../types.js";
import { alpha2Of, isIsoAlpha2 } from "./countries.js";
import { decimalString, sumAmounts } from "./money.js";
import type { MiraklAddress, MiraklOrder } from "./schemas.js";
import { addressShown, mapMiraklState } from "./states.js";

function joined(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((p) => p && p.trim())
    .join(" ")
    .trim();
}

/**
 * Mirakl sends ISO alpha-3 (mirakl.md §0.2); an operator sending alpha-2
 * is tolerated. Any other code is kept as sent and reported unknown, so
 * the validator (`isIsoAlpha2`) quarantines the order instead of shipping
 * to a guessed country.
 */
export function miraklCountry(address: MiraklAddress): {
  country: string;
  known: boolean;
} {
  const sent = (address.country_iso_code ?? address.country ?? "").trim();
  const alpha2 = alpha2Of(sent) ?? (isIsoAlpha2(sent) ? sent : undefined);
  return alpha2
    ? { country: alpha2, known: true }
    : { country: sent, known: false };
}

/** The ship-to address of an OR11 address block. */
export function miraklShipTo(address: MiraklAddress): Address {
  const out: Address = {
    name: joined(address.firstname, address.lastname),
    street1: address.street_1 ?? "",
    city: address.city ?? "",
    postalCode: address.zip_code ?? "",
    country: miraklCountry(address).country,
  };
  if (address.company) out.company = address.company;
  if (address.street_2) out.street2 = address.street_2;
  if (address.state) out.state = address.state;
  const phone = address.phone ?? address.phone_secondary;
  if (phone) out.phone = phone;
  return out;
}

const LINE_GONE = new Set(["REFUSED", "CANCELED"]);

function lines(order: MiraklOrder, cancelled: boolean): OrderLine[] {
  return order.order_lines
    .filter((l) => cancelled || !LINE_GONE.has(l.order_line_state ?? ""))
    .map((l) => ({
      lineId: l.order_line_id,
      sku: l.offer_sku ?? "",
      title: l.product_title ?? "",
      quantity: l.quantity,
      unitPrice: decimalString(l.price_unit),
      tax: sumAmounts((l.taxes ?? []).map((t) => t.amount)),
    }));
}

/**
 * An OR11 order in hub's model. Lines refused at acceptance are left out
 * of a live order (they are not to be shipped) but kept on a cancelled one
 * so their units can be given back.
 */
export function toMarketplaceOrder(
  channel: string,
  order: MiraklOrder,
  raw: unknown,
): MarketplaceOrder {
  const mapped = mapMiraklState(order.order_state);
  const customer = order.customer;
  const buyerName = joined(customer?.firstname, customer?.lastname);
  const out: MarketplaceOrder = {
    channel,
    orderId: order.order_id,
    state: mapped.state,
    vendorStatus: order.order_state,
    createdAt: new Date(order.created_date).toISOString(),
    updatedAt: new Date(order.last_updated_date).toISOString(),
    currency: order.currency_iso_code ?? "",
    shippingPrice: decimalString(order.shipping_price),
    buyer: {},
    lines: lines(order, mapped.state === "cancelled"),
    raw,
  };
  if (mapped.notReadyReason) out.notReadyReason = mapped.notReadyReason;
  if (buyerName) out.buyer.name = buyerName;
  if (order.customer_notification_email) {
    out.buyer.email = order.customer_notification_email;
  }
  // Addresses are null before SHIPPING (mirakl.md §0.1); one shown early
  // by an operator setting is still not used before the order may ship.
  const address = customer?.shipping_address;
  if (address && addressShown(mapped.state)) out.shipTo = miraklShipTo(address);
  const service = order.shipping_type_label ?? order.shipping_type_code;
  if (service) out.requestedService = service;
  if (order.shipping_deadline) {
    out.shipBy = new Date(order.shipping_deadline).toISOString();
  }
  return out;
}
