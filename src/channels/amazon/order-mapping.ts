import type {
  Address,
  MarketplaceOrder,
  OrderLine,
  OrderState,
} from "../types.js";
import { amountText, sumIn, unitFromLineTotal } from "./money.js";
import type {
  DeliveryAddress,
  Money,
  SearchOrder,
  SearchOrderItem,
} from "./schemas.js";

const ZERO = "0.00";

/**
 * v2026 fulfillmentStatus → hub's state (amazon.md §2a). Pending orders
 * (and pre-orders) have no address or prices yet: parked, not quarantined
 * (case B13).
 */
export function orderState(status: string): {
  state: OrderState;
  reason?: string;
} {
  switch (status) {
    case "PENDING":
    case "PENDING_AVAILABILITY":
      return {
        state: "not_ready",
        reason: `Amazon ${status}: payment is not confirmed yet, so Amazon shows no address or prices; the order is sent once it is Unshipped`,
      };
    case "UNSHIPPED":
      return { state: "ready" };
    case "PARTIALLY_SHIPPED":
      return { state: "partially_shipped" };
    case "SHIPPED":
      return { state: "shipped" };
    case "CANCELLED":
      return { state: "cancelled" };
    default:
      return {
        state: "not_ready",
        reason: `Amazon status ${status} is not one hub ships; check the order in Seller Central`,
      };
  }
}

/**
 * The ship-to address, or undefined unless it has a name and a street.
 * Without the Direct-to-Consumer Shipping role Amazon returns only city,
 * postcode and country (amazon.md §2b, §6; case B14): such an address must
 * never reach ShipStation.
 */
export function shipToAddress(
  raw: DeliveryAddress | null | undefined,
): Address | undefined {
  const name = raw?.name?.trim();
  const street1 = raw?.addressLine1?.trim();
  const city = raw?.city?.trim();
  const country = raw?.countryCode?.trim();
  if (!raw || !name || !street1 || !city || !country) return undefined;
  const address: Address = {
    name,
    street1,
    city,
    postalCode: raw.postalCode?.trim() ?? "",
    country,
  };
  const optional = {
    company: raw.companyName,
    street2: raw.addressLine2,
    street3: raw.addressLine3,
    state: raw.stateOrRegion,
    phone: raw.phone,
  };
  for (const [key, value] of Object.entries(optional)) {
    const trimmed = value?.trim();
    if (trimmed) Object.assign(address, { [key]: trimmed });
  }
  return address;
}

/** Why an order that could ship waits: its address is not readable. */
export const MISSING_ADDRESS_REASON =
  "blocked: missing PII. Amazon sent no complete shipping address (name and street); the app needs the Direct-to-Consumer Shipping role to read recipient data (Seller Central → app registration). The order waits until the address can be read";

function breakdownAmounts(
  breakdowns:
    Array<{ type: string; subtotal?: Money | null }> | null | undefined,
  type: string,
): Money[] {
  return (breakdowns ?? [])
    .filter((b) => b.type === type)
    .flatMap((b) => (b.subtotal ? [b.subtotal] : []));
}

/** The order's currency: from its total, else from the first price. */
function orderCurrency(order: SearchOrder): string {
  const total = order.proceeds?.grandTotal?.currencyCode;
  if (total) return total;
  for (const item of order.orderItems) {
    const code = item.product?.price?.unitPrice?.currencyCode;
    if (code) return code;
  }
  return "";
}

/**
 * The unit price: `unitPrice` when Amazon gives it, else the ITEM subtotal
 * divided by the quantity (case B38). Pending orders carry no prices.
 */
function unitPrice(item: SearchOrderItem, currency: string): string {
  const unit = item.product?.price?.unitPrice;
  if (unit) return amountText(unit);
  const itemTotal = breakdownAmounts(item.proceeds?.breakdowns, "ITEM").find(
    (m) => m.currencyCode === currency,
  );
  if (itemTotal) return unitFromLineTotal(itemTotal, item.quantityOrdered);
  return ZERO;
}

function orderLine(item: SearchOrderItem, currency: string): OrderLine {
  const tax = breakdownAmounts(item.proceeds?.breakdowns, "TAX");
  return {
    lineId: item.orderItemId,
    sku: item.product?.sellerSku ?? "",
    title: item.product?.title ?? "",
    quantity: item.quantityOrdered,
    unitPrice: unitPrice(item, currency),
    tax: sumIn(currency, tax) ?? ZERO,
  };
}

/** A buyer's cancel request on any line (case B19), if the order is open. */
function buyerCancelRequested(order: SearchOrder): boolean {
  return order.orderItems.some(
    (item) => item.cancellation?.cancellationRequest != null,
  );
}

function utc(text: string): string {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

/** One searchOrders/getOrder order in hub's order model. */
export function toMarketplaceOrder(
  channel: string,
  order: SearchOrder,
): MarketplaceOrder {
  const status = order.fulfillment.fulfillmentStatus;
  let { state, reason } = orderState(status);
  const shipTo = shipToAddress(order.recipient?.deliveryAddress);
  const open = state === "ready" || state === "partially_shipped";
  if (open && shipTo === undefined) {
    state = "not_ready";
    reason = MISSING_ADDRESS_REASON;
  }
  if ((open || state === "not_ready") && buyerCancelRequested(order)) {
    state = "cancel_requested";
    reason = undefined;
  }
  const currency = orderCurrency(order);
  const shipping = breakdownAmounts(order.proceeds?.breakdowns, "SHIPPING");
  const buyer: MarketplaceOrder["buyer"] = {};
  if (order.buyer?.buyerName) buyer.name = order.buyer.buyerName;
  if (order.buyer?.buyerEmail) buyer.email = order.buyer.buyerEmail;
  const mapped: MarketplaceOrder = {
    channel,
    orderId: order.orderId,
    state,
    vendorStatus: status,
    createdAt: utc(order.createdTime),
    updatedAt: utc(order.lastUpdatedTime),
    currency,
    shippingPrice: sumIn(currency, shipping) ?? ZERO,
    buyer,
    lines: order.orderItems.map((item) => orderLine(item, currency)),
    raw: order,
  };
  if (reason !== undefined) mapped.notReadyReason = reason;
  if (shipTo !== undefined) mapped.shipTo = shipTo;
  const service = order.fulfillment.fulfillmentServiceLevel;
  if (service) mapped.requestedService = service;
  const shipBy = order.fulfillment.shipByWindow?.latestDateTime;
  if (shipBy) mapped.shipBy = utc(shipBy);
  return mapped;
}
