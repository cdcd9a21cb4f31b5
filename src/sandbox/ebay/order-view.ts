import { Decimal } from "decimal.js";
import type { MarketplaceOrder, SandboxWorld } from "../contract.js";
import {
  fulfillmentsOf,
  lineStatus,
  orderStatus,
  shippedUnits,
} from "./fulfillments.js";
import { listingItemId, numericId } from "./ids.js";

/** getOrders (list) or getOrder (single): they differ on cancel requests. */
export type OrderView = "list" | "single";

interface Amount {
  value: string;
  currency: string;
}

function amount(value: Decimal, currency: string): Amount {
  return { value: value.toFixed(2), currency };
}

function utc(iso: string): string {
  return new Date(iso).toISOString();
}

/** eBay's `orderPaymentStatus` for the scenario status. */
export function paymentStatus(order: MarketplaceOrder): string {
  if (order.status === "cancelled") return "FULLY_REFUNDED";
  if (order.status === "pending" || order.status === "awaiting_acceptance") {
    return "PENDING";
  }
  return "PAID";
}

/**
 * getOrders always returns `cancelRequests` empty; only getOrder shows a
 * buyer's pending request (ebay.md §2 gotchas, case B24, whose list body
 * also carries no `cancelState` for such an order).
 */
function cancelStatus(order: MarketplaceOrder, view: OrderView): unknown {
  if (order.status === "cancelled") {
    return { cancelState: "CANCELED", cancelRequests: [] };
  }
  if (order.cancel_requested !== true) {
    return { cancelState: "NONE_REQUESTED", cancelRequests: [] };
  }
  if (view === "list") return { cancelRequests: [] };
  return {
    cancelState: "CANCEL_REQUESTED",
    cancelRequests: [
      {
        cancelRequestId: `5${numericId(order.order_id, 9)}`,
        cancelRequestState: "REQUESTED",
        cancelInitiator: "BUYER",
        cancelReason: "BUYER_CANCEL_ORDER",
        cancelRequestedDate: utc(order.updated_at),
      },
    ],
  };
}

function shipTo(order: MarketplaceOrder): unknown {
  const to = order.ship_to;
  if (to === undefined) return undefined;
  return {
    fullName: to.name,
    contactAddress: {
      addressLine1: to.street1,
      addressLine2: to.street2,
      city: to.city,
      stateOrProvince: to.state,
      postalCode: to.postal_code,
      countryCode: to.country,
    },
    primaryPhone:
      to.phone === undefined ? undefined : { phoneNumber: to.phone },
    email: order.buyer_email,
  };
}

/** The eBay Fulfillment API `Order` for one sandbox order. */
export function toEbayOrder(
  world: SandboxWorld,
  order: MarketplaceOrder,
  view: OrderView,
  base: string,
): Record<string, unknown> {
  const currency = order.currency ?? "USD";
  const shipped = shippedUnits(order);
  let subtotal = new Decimal(0);
  let tax = new Decimal(0);
  const lineItems = order.lines.map((line) => {
    // lineItemCost is the whole line (unit × quantity), ebay.md §0.3.
    const cost = new Decimal(line.unit_price).times(line.quantity);
    const lineTax = new Decimal(line.tax ?? "0");
    subtotal = subtotal.plus(cost);
    tax = tax.plus(lineTax);
    return {
      lineItemId: line.line_id,
      legacyItemId: listingItemId(world, line.sku),
      sku: line.sku,
      title: line.title ?? line.sku,
      lineItemCost: amount(cost, currency),
      quantity: line.quantity,
      soldFormat: "FIXED_PRICE",
      listingMarketplaceId: "EBAY_US",
      purchaseMarketplaceId: "EBAY_US",
      lineItemFulfillmentStatus: lineStatus(
        line.quantity,
        shipped.get(line.line_id) ?? 0,
      ),
      total: amount(cost.plus(lineTax), currency),
      taxes: lineTax.isZero()
        ? []
        : [{ amount: amount(lineTax, currency), taxType: "STATE_SALES_TAX" }],
    };
  });
  const delivery = new Decimal(order.shipping_price ?? "0");
  const hrefs = fulfillmentsOf(order).map(
    (pkg) =>
      `${base}/sell/fulfillment/v1/order/${order.order_id}` +
      `/shipping_fulfillment/${pkg.fulfillmentId}`,
  );
  return {
    orderId: order.order_id,
    legacyOrderId: order.order_id,
    creationDate: utc(order.created_at),
    lastModifiedDate: utc(order.updated_at),
    orderFulfillmentStatus: orderStatus(order),
    orderPaymentStatus: paymentStatus(order),
    sellerId: "sandbox_seller",
    buyer: { username: `sandbox_buyer_${numericId(order.order_id, 6)}` },
    pricingSummary: {
      priceSubtotal: amount(subtotal, currency),
      deliveryCost: amount(delivery, currency),
      tax: amount(tax, currency),
      total: amount(subtotal.plus(delivery).plus(tax), currency),
    },
    cancelStatus: cancelStatus(order, view),
    fulfillmentStartInstructions: [
      {
        fulfillmentInstructionsType: "SHIP_TO",
        ebaySupportedFulfillment: false,
        shippingStep: {
          shipTo: shipTo(order),
          shippingCarrierCode: "USPS",
          shippingServiceCode: "USPSPriority",
        },
      },
    ],
    fulfillmentHrefs: hrefs,
    lineItems,
  };
}
