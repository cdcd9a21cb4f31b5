import { createHash } from "node:crypto";
import { Decimal } from "decimal.js";
import type { MarketplaceOrder, ScenarioChannel } from "../contract.js";
import { marketplaceId } from "./channel-options.js";
import type { AmazonPackage } from "./packages.js";
import { fulfillmentStatus, revealsBuyer, showsPrices } from "./status.js";

/** `includedData` values of searchOrders/getOrder (amazon.md §2a). */
export const INCLUDED_DATA = [
  "BUYER",
  "RECIPIENT",
  "PROCEEDS",
  "EXPENSE",
  "PROMOTION",
  "CANCELLATION",
  "FULFILLMENT",
  "PACKAGES",
  "TAX",
  "PAYMENT",
  "FULFILLMENT_ORDERS",
] as const;

export type IncludedData = (typeof INCLUDED_DATA)[number];

/** What the view needs beside the order itself. */
export interface OrderViewInput {
  order: MarketplaceOrder;
  channel: ScenarioChannel;
  included: ReadonlySet<IncludedData>;
  packages: AmazonPackage[];
  fulfilled: Map<string, number>;
}

type Json = Record<string, unknown>;

function money(amount: Decimal, currencyCode: string): Json {
  return { amount: amount.toFixed(2), currencyCode };
}

// A stable, obviously fake ASIN per SKU: Amazon always sends one.
function fakeAsin(sku: string): string {
  const digest = createHash("sha256").update(sku).digest("hex");
  return `B0${digest.slice(0, 8).toUpperCase()}`;
}

function deliveryAddress(order: MarketplaceOrder): Json | undefined {
  const to = order.ship_to;
  if (to === undefined) return undefined;
  const address: Json = {
    name: to.name,
    addressLine1: to.street1,
    city: to.city,
    postalCode: to.postal_code,
    countryCode: to.country,
    addressType: to.company === undefined ? "RESIDENTIAL" : "COMMERCIAL",
  };
  if (to.company !== undefined) address.companyName = to.company;
  if (to.street2 !== undefined) address.addressLine2 = to.street2;
  if (to.street3 !== undefined) address.addressLine3 = to.street3;
  if (to.state !== undefined) address.stateOrRegion = to.state;
  if (to.phone !== undefined) address.phone = to.phone;
  return address;
}

function orderItem(input: OrderViewInput, index: number): Json {
  const { order, included, fulfilled } = input;
  const line = order.lines[index];
  if (line === undefined) return {};
  const currency = order.currency ?? "USD";
  const product: Json = { asin: fakeAsin(line.sku), sellerSku: line.sku };
  if (line.title !== undefined) product.title = line.title;
  if (showsPrices(order.status)) {
    product.price = {
      unitPrice: money(new Decimal(line.unit_price), currency),
    };
  }
  const item: Json = {
    orderItemId: line.line_id,
    quantityOrdered: line.quantity,
    product,
  };
  if (included.has("PROCEEDS") && showsPrices(order.status)) {
    const itemTotal = new Decimal(line.unit_price).times(line.quantity);
    const tax = new Decimal(line.tax ?? "0");
    item.proceeds = {
      proceedsTotal: money(itemTotal.plus(tax), currency),
      breakdowns: [
        { type: "ITEM", subtotal: money(itemTotal, currency) },
        { type: "TAX", subtotal: money(tax, currency) },
      ],
    };
  }
  if (included.has("FULFILLMENT")) {
    const done = fulfilled.get(line.line_id) ?? 0;
    item.fulfillment = {
      quantityFulfilled: done,
      quantityUnfulfilled: line.quantity - done,
    };
  }
  return item;
}

function proceeds(order: MarketplaceOrder): Json {
  const currency = order.currency ?? "USD";
  let items = new Decimal(0);
  let tax = new Decimal(0);
  for (const line of order.lines) {
    items = items.plus(new Decimal(line.unit_price).times(line.quantity));
    tax = tax.plus(new Decimal(line.tax ?? "0"));
  }
  const shipping = new Decimal(order.shipping_price ?? "0");
  return {
    grandTotal: money(items.plus(tax).plus(shipping), currency),
    breakdowns: [
      { type: "ITEM", subtotal: money(items, currency) },
      { type: "SHIPPING", subtotal: money(shipping, currency) },
      { type: "TAX", subtotal: money(tax, currency) },
    ],
  };
}

function packageView(pkg: AmazonPackage): Json {
  const view: Json = {
    packageReferenceId: pkg.packageReferenceId,
    createdTime: pkg.createdTime,
    carrier: pkg.carrier,
    shipTime: pkg.shipTime,
    trackingNumber: pkg.trackingNumber,
    packageItems: Object.entries(pkg.items).map(([orderItemId, quantity]) => ({
      orderItemId,
      quantity,
    })),
  };
  if (pkg.shippingService !== undefined) {
    view.shippingService = pkg.shippingService;
  }
  return view;
}

/** An order as searchOrders and getOrder (v2026-01-01) return it. */
export function orderView(input: OrderViewInput): Json {
  const { order, channel, included } = input;
  const view: Json = {
    orderId: order.order_id,
    createdTime: order.created_at,
    lastUpdatedTime: order.updated_at,
    salesChannel: {
      channelName: "AMAZON",
      marketplaceId: marketplaceId(channel),
    },
  };
  const open = revealsBuyer(order.status);
  if (included.has("BUYER") && open) {
    const buyer: Json = {};
    if (order.ship_to !== undefined) buyer.buyerName = order.ship_to.name;
    if (order.buyer_email !== undefined) buyer.buyerEmail = order.buyer_email;
    view.buyer = buyer;
  }
  const address = open ? deliveryAddress(order) : undefined;
  if (included.has("RECIPIENT") && address !== undefined) {
    view.recipient = { deliveryAddress: address };
  }
  if (included.has("PROCEEDS") && showsPrices(order.status)) {
    view.proceeds = proceeds(order);
  }
  if (included.has("FULFILLMENT")) {
    view.fulfillment = {
      fulfillmentStatus: fulfillmentStatus(order.status),
      fulfilledBy: "MERCHANT",
      fulfillmentServiceLevel: "STANDARD",
    };
  }
  view.orderItems = order.lines.map((_, index) => orderItem(input, index));
  if (included.has("PACKAGES")) view.packages = input.packages.map(packageView);
  return view;
}
