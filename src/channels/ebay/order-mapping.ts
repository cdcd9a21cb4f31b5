import { Decimal } from "decimal.js";
import type {
  Address,
  MarketplaceOrder,
  OrderLine,
  OrderState,
} from "../types.js";
import type { EbayLineItem, EbayOrder } from "./schemas.js";

/**
 * A buyer's cancel request waiting for the seller. getOrders always sends
 * `cancelRequests` empty (ebay.md §2 gotchas; case B24, where the list even
 * lacks `cancelState`), so only a getOrder body can make this true.
 */
export function hasPendingCancel(order: EbayOrder): boolean {
  const state = order.cancelStatus?.cancelState;
  if (state === "CANCEL_REQUESTED" || state === "IN_PROGRESS") return true;
  return (order.cancelStatus?.cancelRequests ?? []).some(
    (r) => r.cancelRequestState === "REQUESTED",
  );
}

/**
 * Whether the list view of an order may hide a cancel request: every order
 * not yet shipped nor cancelled (case B24), since the list's empty
 * `cancelRequests` proves nothing.
 */
export function listHidesCancelRequests(order: EbayOrder): boolean {
  return (
    order.cancelStatus?.cancelState !== "CANCELED" &&
    order.orderFulfillmentStatus !== "FULFILLED"
  );
}

const PAYMENT_NOT_CLEARED = new Set(["PENDING", "FAILED"]);

/** hub's state of an eBay order, and why it waits when it does. */
export function orderState(order: EbayOrder): {
  state: OrderState;
  notReadyReason?: string;
} {
  if (order.cancelStatus?.cancelState === "CANCELED") {
    return { state: "cancelled" };
  }
  const fulfillment = order.orderFulfillmentStatus;
  if (fulfillment === "FULFILLED") return { state: "shipped" };
  if (hasPendingCancel(order)) return { state: "cancel_requested" };
  const payment = order.orderPaymentStatus;
  if (payment !== undefined && PAYMENT_NOT_CLEARED.has(payment)) {
    return {
      state: "not_ready",
      notReadyReason: `eBay payment is ${payment.toLowerCase()}`,
    };
  }
  if (fulfillment === "IN_PROGRESS") return { state: "partially_shipped" };
  return { state: "ready" };
}

/** A money string kept exact, at least two decimal places. */
export function money(value: string | undefined): string {
  const amount = new Decimal(value ?? "0");
  return amount.toFixed(Math.max(2, amount.decimalPlaces()));
}

/**
 * The price of one unit: `lineItemCost` is the whole line (ebay.md §0.3).
 * A split that does not come out in whole cents keeps four places rather
 * than inventing a rounding.
 */
export function unitPrice(line: EbayLineItem): string {
  const cost = new Decimal(line.lineItemCost?.value ?? "0");
  if (line.quantity <= 0) return money(cost.toString());
  const unit = cost.div(line.quantity);
  return unit.decimalPlaces() <= 2
    ? unit.toFixed(2)
    : unit.toDecimalPlaces(4).toFixed();
}

function lineTax(line: EbayLineItem): string {
  const total = (line.taxes ?? []).reduce(
    (sum, tax) => sum.plus(tax.amount?.value ?? "0"),
    new Decimal(0),
  );
  return total.toFixed(2);
}

/**
 * The seller's SKU of a line. Classic listings without a seller SKU have
 * none (ebay.md §2 gotchas): the line gets an empty SKU, which hub's
 * validation quarantines, rather than a guess from the listing id.
 */
export function sellerSku(line: EbayLineItem): string {
  return line.sku ?? "";
}

function mapLine(line: EbayLineItem): OrderLine {
  return {
    lineId: line.lineItemId,
    sku: sellerSku(line),
    title: line.title ?? "",
    quantity: line.quantity,
    unitPrice: unitPrice(line),
    tax: lineTax(line),
  };
}

function optional<K extends string>(
  key: K,
  value: string | undefined,
): Partial<Record<K, string>> {
  return value === undefined || value === ""
    ? {}
    : ({ [key]: value } as Record<K, string>);
}

/** The ship-to address from the first fulfillment instruction (§2). */
export function shipToAddress(order: EbayOrder): Address | undefined {
  const to = order.fulfillmentStartInstructions?.[0]?.shippingStep?.shipTo;
  const address = to?.contactAddress;
  if (to === undefined || address === undefined) return undefined;
  return {
    name: to.fullName ?? "",
    ...optional("company", to.companyName),
    street1: address.addressLine1 ?? "",
    ...optional("street2", address.addressLine2),
    ...optional("street3", address.addressLine3),
    city: address.city ?? "",
    ...optional("state", address.stateOrProvince),
    postalCode: address.postalCode ?? "",
    country: address.countryCode ?? "",
    ...optional("phone", to.primaryPhone?.phoneNumber),
    ...optional("email", to.email),
  };
}

function earliest(dates: Array<string | undefined>): string | undefined {
  const times = dates
    .filter((d): d is string => d !== undefined)
    .map((d) => new Date(d))
    .filter((d) => !Number.isNaN(d.getTime()));
  if (times.length === 0) return undefined;
  return new Date(Math.min(...times.map((d) => d.getTime()))).toISOString();
}

function utc(date: string | undefined): string {
  if (date === undefined) return "";
  const parsed = new Date(date);
  return Number.isNaN(parsed.getTime()) ? date : parsed.toISOString();
}

function vendorStatus(order: EbayOrder): string {
  const fulfillment = order.orderFulfillmentStatus ?? "UNKNOWN";
  const cancel = order.cancelStatus?.cancelState;
  return cancel === undefined || cancel === "NONE_REQUESTED"
    ? fulfillment
    : `${fulfillment}/${cancel}`;
}

/** One eBay order in hub's order model. */
export function toMarketplaceOrder(
  channel: string,
  order: EbayOrder,
): MarketplaceOrder {
  const { state, notReadyReason } = orderState(order);
  const shipTo = shipToAddress(order);
  const step = order.fulfillmentStartInstructions?.[0]?.shippingStep;
  const pricing = order.pricingSummary;
  const shipBy = earliest(
    order.lineItems.map((l) => l.lineItemFulfillmentInstructions?.shipByDate),
  );
  const buyerName = shipTo?.name || order.buyer?.username;
  return {
    channel,
    orderId: order.orderId,
    state,
    ...(notReadyReason === undefined ? {} : { notReadyReason }),
    vendorStatus: vendorStatus(order),
    createdAt: utc(order.creationDate ?? order.lastModifiedDate),
    updatedAt: utc(order.lastModifiedDate ?? order.creationDate),
    currency:
      pricing?.total?.currency ?? pricing?.priceSubtotal?.currency ?? "",
    shippingPrice: money(pricing?.deliveryCost?.value),
    buyer: {
      ...optional("name", buyerName),
      ...optional("email", shipTo?.email),
    },
    ...(shipTo === undefined ? {} : { shipTo }),
    lines: order.lineItems.map(mapLine),
    ...optional("requestedService", step?.shippingServiceCode),
    ...optional("shipBy", shipBy),
    raw: order,
  };
}
