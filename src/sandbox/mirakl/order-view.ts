import { Decimal } from "decimal.js";
import type { MarketplaceOrder, ScenarioAddress } from "../contract.js";
import { carrierByCode } from "./carriers.js";
import { toAlpha3 } from "./countries.js";
import { addressVisible, orderState, trackingOf } from "./states.js";

function money(value: Decimal): number {
  return value.toDecimalPlaces(2).toNumber();
}

function utc(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function names(full: string): { firstname: string; lastname: string } {
  const cut = full.trim().lastIndexOf(" ");
  if (cut < 0) return { firstname: "", lastname: full.trim() };
  return {
    firstname: full.slice(0, cut).trim(),
    lastname: full.slice(cut + 1),
  };
}

function address(to: ScenarioAddress): Record<string, unknown> {
  const country = toAlpha3(to.country);
  return {
    ...names(to.name),
    company: to.company,
    street_1: to.street1,
    street_2: to.street2,
    city: to.city,
    state: to.state,
    zip_code: to.postal_code,
    country,
    country_iso_code: country,
    phone: to.phone,
  };
}

function trackingFields(order: MarketplaceOrder): Record<string, unknown> {
  const tracking = trackingOf(order);
  if (tracking === undefined) {
    return {
      shipping_carrier_code: null,
      shipping_tracking: null,
      shipping_tracking_url: null,
    };
  }
  const carrier =
    tracking.carrier_code === undefined
      ? undefined
      : carrierByCode(tracking.carrier_code);
  const url =
    carrier?.tracking_url.replace(
      "{trackingId}",
      encodeURIComponent(tracking.tracking_number),
    ) ??
    tracking.carrier_url ??
    null;
  return {
    shipping_carrier_code: tracking.carrier_code ?? null,
    shipping_company: carrier?.label ?? tracking.carrier_name ?? null,
    shipping_tracking: tracking.tracking_number,
    shipping_tracking_url: url,
  };
}

/** The OR11 `Order` for one sandbox order. */
export function toMiraklOrder(
  order: MarketplaceOrder,
): Record<string, unknown> {
  const state = orderState(order);
  const visible = addressVisible(state) && order.ship_to !== undefined;
  const shipping = new Decimal(order.shipping_price ?? "0");
  let price = new Decimal(0);
  const lines = order.lines.map((line, index) => {
    const linePrice = new Decimal(line.unit_price).times(line.quantity);
    const lineShipping = index === 0 ? shipping : new Decimal(0);
    const tax = new Decimal(line.tax ?? "0");
    price = price.plus(linePrice);
    const refused = order.acceptance?.[line.line_id] === false;
    return {
      order_line_id: line.line_id,
      order_line_index: index + 1,
      order_line_state: refused ? "REFUSED" : state,
      offer_sku: line.sku,
      product_sku: `MKP-${line.sku}`,
      product_shop_sku: line.sku,
      product_title: line.title ?? line.sku,
      quantity: line.quantity,
      price_unit: money(new Decimal(line.unit_price)),
      price: money(linePrice),
      shipping_price: money(lineShipping),
      total_price: money(linePrice.plus(lineShipping)),
      taxes: tax.isZero() ? [] : [{ code: "TAX", amount: money(tax) }],
      shipped_date: state === "SHIPPED" ? utc(order.updated_at) : null,
      cancelations: [],
      refunds: [],
    };
  });
  const decided = order.vendor["miraklDecidedAt"];
  const who =
    order.ship_to === undefined
      ? { firstname: "", lastname: "" }
      : names(order.ship_to.name);
  return {
    order_id: order.order_id,
    commercial_id: order.order_id.replace(/-[A-Z]$/, ""),
    order_state: state,
    created_date: utc(order.created_at),
    last_updated_date: utc(order.updated_at),
    acceptance_decision_date: typeof decided === "string" ? utc(decided) : null,
    shipping_type_code: "STD",
    shipping_type_label: "Standard",
    leadtime_to_ship: 2,
    can_shop_ship: state === "SHIPPING",
    currency_iso_code: order.currency ?? "EUR",
    price: money(price),
    shipping_price: money(shipping),
    total_price: money(price.plus(shipping)),
    payment_workflow: "PAY_ON_ACCEPTANCE",
    customer: {
      customer_id: `CUST-${order.order_id}`,
      ...who,
      // Null before SHIPPING (mirakl.md §0.1): hub must not import earlier.
      shipping_address:
        visible && order.ship_to ? address(order.ship_to) : null,
      billing_address: visible && order.ship_to ? address(order.ship_to) : null,
    },
    customer_notification_email: order.buyer_email ?? null,
    ...trackingFields(order),
    order_lines: lines,
  };
}
