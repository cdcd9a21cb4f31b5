import { Decimal } from "decimal.js";
import type {
  MarketplaceOrder,
  ScenarioChannel,
  ScenarioOrderStatus,
} from "../contract.js";
import { profileId } from "./channel-options.js";
import { DEFAULT_DC_ID } from "./distribution-centers.js";
import type { ShipRecord } from "./state.js";

type Entity = Record<string, unknown>;

/** The three status words ChannelAdvisor keeps per order. */
export function caStatuses(status: ScenarioOrderStatus): Entity {
  const paid = status !== "pending" && status !== "awaiting_acceptance";
  const shipping: Record<ScenarioOrderStatus, string> = {
    pending: "Unshipped",
    awaiting_acceptance: "Unshipped",
    unshipped: "Unshipped",
    partially_shipped: "PartiallyShipped",
    shipped: "Shipped",
    cancelled: "Canceled",
  };
  return {
    CheckoutStatus: "Completed",
    PaymentStatus: paid ? "Cleared" : "Submitted",
    ShippingStatus: shipping[status],
  };
}

/** Which navigation collections a `$expand` asks for. */
export interface Expansion {
  items: boolean;
  fulfillments: boolean;
  fulfillmentItems: boolean;
}

/** Reads `$expand=Items,Fulfillments($expand=Items)` and its variants. */
export function parseExpand(text: string | null): Expansion {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text ?? "") {
    if (ch === "(") depth += 1;
    if (ch === ")") depth -= 1;
    if (ch === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += ch;
  }
  parts.push(current.trim());
  const fulfillments = parts.find((p) => p.startsWith("Fulfillments"));
  return {
    items: parts.some((p) => p === "Items" || p.startsWith("Items(")),
    fulfillments: fulfillments !== undefined,
    fulfillmentItems: fulfillments?.includes("Items") ?? false,
  };
}

/** List calls cap each expanded collection at 20 entries (rithum.md §0.4). */
export const EXPANDED_CAP = 20;

function price(amount: Decimal): number {
  return Number(amount.toFixed(2));
}

function splitName(name: string): [string, string] {
  const space = name.indexOf(" ");
  return space < 0 ? [name, ""] : [name.slice(0, space), name.slice(space + 1)];
}

function address(order: MarketplaceOrder, prefix: string): Entity {
  const to = order.ship_to;
  const [first, last] = splitName(to?.name ?? "");
  return {
    [`${prefix}FirstName`]: to ? first : null,
    [`${prefix}LastName`]: to ? last : null,
    [`${prefix}CompanyName`]: to?.company ?? null,
    [`${prefix}DaytimePhone`]: to?.phone ?? null,
    [`${prefix}AddressLine1`]: to?.street1 ?? null,
    [`${prefix}AddressLine2`]: to?.street2 ?? null,
    [`${prefix}City`]: to?.city ?? null,
    [`${prefix}StateOrProvince`]: to?.state ?? null,
    [`${prefix}PostalCode`]: to?.postal_code ?? null,
    [`${prefix}Country`]: to?.country ?? null,
  };
}

/** What the view needs beside the order. */
export interface CaOrderInput {
  order: MarketplaceOrder;
  channel: ScenarioChannel;
  id: number;
  productId: (sku: string) => number | undefined;
  shipped?: ShipRecord;
  expand: Expansion;
  /** Cap expanded collections, as list calls do. */
  capped: boolean;
}

function itemId(orderId: number, index: number): number {
  return orderId * 100 + index + 1;
}

function fulfillment(input: CaOrderInput): Entity {
  const { order, id, shipped } = input;
  const profile = profileId(input.channel);
  const delivery =
    shipped?.DeliveryStatus ??
    (order.status === "cancelled"
      ? "Canceled"
      : order.status === "shipped"
        ? "Complete"
        : "NoChange");
  const view: Entity = {
    ID: id * 10 + 1,
    ProfileID: profile,
    OrderID: id,
    Type: "Ship",
    DeliveryStatus: delivery,
    TrackingNumber: shipped?.TrackingNumber ?? null,
    ShippingCarrier: shipped?.ShippingCarrier ?? "UPS",
    ShippingClass: shipped?.ShippingClass ?? "Ground",
    DistributionCenterID: shipped?.DistributionCenterID ?? DEFAULT_DC_ID,
    ExternalFulfillmentCenterCode: null,
    ShippedDateUtc: shipped?.ShippedDateUtc ?? null,
    SellerFulfillmentID: shipped?.SellerFulfillmentID ?? null,
  };
  if (input.expand.fulfillmentItems) {
    view.Items = order.lines.map((line, i) => ({
      ID: id * 1000 + i + 1,
      ProfileID: profile,
      OrderID: id,
      FulfillmentID: id * 10 + 1,
      OrderItemID: itemId(id, i),
      Quantity: line.quantity,
    }));
  }
  return view;
}

/** An order as `GET /v1/Orders` returns it, with the asked-for expansions. */
export function caOrderView(input: CaOrderInput): Entity {
  const { order, id, expand } = input;
  const profile = profileId(input.channel);
  let items = new Decimal(0);
  let tax = new Decimal(0);
  for (const line of order.lines) {
    items = items.plus(new Decimal(line.unit_price).times(line.quantity));
    tax = tax.plus(new Decimal(line.tax ?? "0"));
  }
  const shipping = new Decimal(order.shipping_price ?? "0");
  const view: Entity = {
    ID: id,
    ProfileID: profile,
    SiteID: 640,
    SiteName: "Sandbox Marketplace",
    SiteOrderID: order.order_id,
    SellerOrderID: null,
    CreatedDateUtc: new Date(order.created_at).toISOString(),
    ImportDateUtc: new Date(order.created_at).toISOString(),
    TotalPrice: price(items.plus(tax).plus(shipping)),
    TotalTaxPrice: price(tax),
    TotalShippingPrice: price(shipping),
    DistributionCenterTypeRollup: "SellerManaged",
    ...caStatuses(order.status),
    ShippingDateUtc: input.shipped?.ShippedDateUtc ?? null,
    BuyerEmailAddress: order.buyer_email ?? null,
    ...address(order, "Shipping"),
    ...address(order, "Billing"),
  };
  const cap = (list: Entity[]): Entity[] =>
    input.capped ? list.slice(0, EXPANDED_CAP) : list;
  if (expand.items) {
    view.Items = cap(
      order.lines.map((line, i) => ({
        ID: itemId(id, i),
        ProfileID: profile,
        OrderID: id,
        ProductID: input.productId(line.sku) ?? null,
        SiteOrderItemID: line.line_id,
        Sku: line.sku,
        Title: line.title ?? line.sku,
        Quantity: line.quantity,
        UnitPrice: price(new Decimal(line.unit_price)),
        TaxPrice: price(new Decimal(line.tax ?? "0")),
        ShippingPrice: 0,
        ShippingTaxPrice: 0,
        GiftMessage: null,
        IsBundle: false,
      })),
    );
  }
  if (expand.fulfillments) view.Fulfillments = cap([fulfillment(input)]);
  return view;
}
