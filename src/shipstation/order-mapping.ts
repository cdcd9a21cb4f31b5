import { createHash } from "node:crypto";
import { Decimal } from "decimal.js";
import type {
  Address,
  MarketplaceOrder,
  OrderState,
} from "../channels/types.js";
import { BugError } from "../errors.js";
import { cleanAddress, cleanText } from "./address-cleaning.js";
import { decimalOf, moneyNumber } from "./money.js";
import { formatPacific } from "./pacific-time.js";
import type {
  AddressBody,
  CreateOrderBody,
  ItemBody,
  OrderStatus,
} from "./wire.js";

/** The order key: `<channel>:<marketplace order id>` (DESIGN.md). */
export function orderKeyOf(channel: string, orderId: string): string {
  return `${channel}:${orderId}`;
}

/**
 * hub's order state → ShipStation's orderStatus. A buyer's cancel request
 * puts the order on hold so nobody ships it while the marketplace decides
 * (case B19); a marketplace cancellation is sent as `cancelled`, which the
 * orderKey rule applies to the open order (shipstation.md §3).
 */
export function orderStatusFor(state: OrderState): OrderStatus {
  switch (state) {
    case "cancelled":
      return "cancelled";
    case "cancel_requested":
    case "awaiting_acceptance":
      return "on_hold";
    case "not_ready":
      return "awaiting_payment";
    case "shipped":
      return "shipped";
    case "ready":
    case "partially_shipped":
      return "awaiting_shipment";
  }
}

function items(order: MarketplaceOrder): ItemBody[] {
  return order.lines.map((line) => ({
    lineItemKey: line.lineId,
    sku: line.sku,
    name: line.title,
    quantity: line.quantity,
    unitPrice: moneyNumber(
      decimalOf(line.unitPrice, `unit price of ${line.lineId}`),
    ),
    taxAmount: moneyNumber(decimalOf(line.tax, `tax of ${line.lineId}`)),
  }));
}

/** Goods, tax and shipping, summed as decimals. */
export function orderAmounts(order: MarketplaceOrder): {
  amountPaid: Decimal;
  taxAmount: Decimal;
  shippingAmount: Decimal;
} {
  let goods = new Decimal(0);
  let tax = new Decimal(0);
  for (const line of order.lines) {
    const unit = decimalOf(line.unitPrice, `unit price of ${line.lineId}`);
    goods = goods.plus(unit.times(line.quantity));
    tax = tax.plus(decimalOf(line.tax, `tax of ${line.lineId}`));
  }
  const shipping = decimalOf(order.shippingPrice, "shipping price");
  return {
    amountPaid: goods.plus(tax).plus(shipping),
    taxAmount: tax,
    shippingAmount: shipping,
  };
}

function describeAddress(a: Address): string {
  return [
    a.name,
    a.company,
    a.street1,
    a.street2,
    a.street3,
    a.city,
    a.state,
    a.postalCode,
    a.country,
    a.phone,
  ]
    .filter((s) => s !== undefined && s !== "")
    .join(" | ");
}

/** Notes for the warehouse: why the order is held, what was cleaned. */
function internalNotes(
  order: MarketplaceOrder,
  shipTo: Address,
  cleaned: boolean,
): string | undefined {
  const notes: string[] = [];
  if (order.state === "cancel_requested") {
    notes.push(
      `On hold: the buyer requested cancellation on ${order.channel} ` +
        `(marketplace status ${order.vendorStatus}). Do not ship.`,
    );
  }
  if (cleaned) {
    notes.push(`Address as received: ${describeAddress(shipTo)}`);
  }
  return notes.length > 0 ? notes.join("\n") : undefined;
}

/** The createorder body of one marketplace order for one store. */
export function toCreateOrderBody(
  order: MarketplaceOrder,
  storeId: number,
): CreateOrderBody {
  if (!order.shipTo) {
    throw new BugError(
      `order ${orderKeyOf(order.channel, order.orderId)} has no ship-to ` +
        "address yet and must not be sent to ShipStation",
    );
  }
  const ship = cleanAddress(order.shipTo);
  const amounts = orderAmounts(order);
  // billTo is required; marketplaces give no billing address, so the
  // buyer's name goes on the ship-to address.
  const buyer = order.buyer.name ? cleanText(order.buyer.name) : "";
  const billTo: AddressBody = {
    ...ship.address,
    name: buyer || ship.address.name,
  };
  const body: CreateOrderBody = {
    orderNumber: order.orderId,
    orderKey: orderKeyOf(order.channel, order.orderId),
    orderDate: formatPacific(new Date(order.createdAt)),
    orderStatus: orderStatusFor(order.state),
    billTo,
    shipTo: ship.address,
    items: items(order),
    amountPaid: moneyNumber(amounts.amountPaid),
    taxAmount: moneyNumber(amounts.taxAmount),
    shippingAmount: moneyNumber(amounts.shippingAmount),
    advancedOptions: { storeId, customField1: order.channel, source: "hub" },
  };
  if (order.shipBy) body.shipByDate = formatPacific(new Date(order.shipBy));
  if (order.buyer.email) body.customerEmail = order.buyer.email;
  if (order.requestedService) {
    body.requestedShippingService = order.requestedService;
  }
  const notes = internalNotes(order, order.shipTo, ship.changed);
  if (notes) body.internalNotes = notes;
  return body;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/**
 * A stable hash of what is sent (key order does not matter), so an order
 * whose body has not changed since the last send is not sent again.
 */
export function contentHash(body: CreateOrderBody): string {
  const text = JSON.stringify(canonical(body));
  return createHash("sha256").update(text).digest("hex");
}
