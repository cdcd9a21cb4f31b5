import type { Address, MarketplaceOrder } from "../types.js";
import { decimalString } from "../mirakl/money.js";
import type { RithumOrder } from "./schemas.js";
import { mapRithumState } from "./states.js";

function joined(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((p) => p && p.trim())
    .join(" ")
    .trim();
}

/** The flat `Shipping*` fields as an address (rithum.md §2). */
export function rithumShipTo(order: RithumOrder): Address | undefined {
  if (!order.ShippingAddressLine1) return undefined;
  const out: Address = {
    name: joined(order.ShippingFirstName, order.ShippingLastName),
    street1: order.ShippingAddressLine1,
    city: order.ShippingCity ?? "",
    postalCode: order.ShippingPostalCode ?? "",
    // Already ISO alpha-2 here.
    country: (order.ShippingCountry ?? "").toUpperCase(),
  };
  if (order.ShippingCompanyName) out.company = order.ShippingCompanyName;
  if (order.ShippingAddressLine2) out.street2 = order.ShippingAddressLine2;
  if (order.ShippingStateOrProvince) out.state = order.ShippingStateOrProvince;
  if (order.ShippingDaytimePhone) out.phone = order.ShippingDaytimePhone;
  return out;
}

function requestedService(order: RithumOrder): string | undefined {
  const f = (order.Fulfillments ?? []).find(
    (x) => x.ShippingCarrier || x.ShippingClass,
  );
  return f ? joined(f.ShippingCarrier, f.ShippingClass) : undefined;
}

/**
 * A Rithum order in hub's model. hub's order id is ChannelAdvisor's
 * numeric `ID` (the Ship call needs it); `SiteOrderID` is the
 * marketplace's number. lineId is the item `ID`.
 */
export function toMarketplaceOrder(
  channel: string,
  order: RithumOrder,
  currencyFallback: string,
  raw: unknown,
): MarketplaceOrder {
  const mapped = mapRithumState(order);
  const created = new Date(order.CreatedDateUtc).toISOString();
  const updated = order.UpdatedDateUtc ?? order.ImportDateUtc;
  const out: MarketplaceOrder = {
    channel,
    orderId: String(order.ID),
    state: mapped.state,
    vendorStatus: `${order.ShippingStatus}/${order.PaymentStatus ?? "-"}`,
    createdAt: created,
    updatedAt: updated ? new Date(updated).toISOString() : created,
    currency: order.Currency ?? currencyFallback,
    shippingPrice: decimalString(order.TotalShippingPrice),
    buyer: {},
    lines: (order.Items ?? []).map((item) => ({
      lineId: String(item.ID),
      sku: item.Sku ?? "",
      title: item.Title ?? "",
      quantity: item.Quantity,
      unitPrice: decimalString(item.UnitPrice),
      tax: decimalString(item.TaxPrice),
    })),
    raw,
  };
  if (mapped.notReadyReason) out.notReadyReason = mapped.notReadyReason;
  const buyer = joined(order.BillingFirstName, order.BillingLastName);
  if (buyer) out.buyer.name = buyer;
  if (order.BuyerEmailAddress) out.buyer.email = order.BuyerEmailAddress;
  const shipTo = rithumShipTo(order);
  if (shipTo) out.shipTo = shipTo;
  const service = requestedService(order);
  if (service) out.requestedService = service;
  if (order.EstimatedShipDateUtc) {
    out.shipBy = new Date(order.EstimatedShipDateUtc).toISOString();
  }
  return out;
}
