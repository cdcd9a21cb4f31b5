import { parsePacific, formatPacific } from "./pacific-time.js";
import type { OrderWire } from "./wire.js";

/** Statuses createorder still updates; the rest are locked (§0.1). */
export const OPEN_STATUSES: readonly string[] = [
  "awaiting_payment",
  "awaiting_shipment",
  "on_hold",
];

function pacificText(text: string | null | undefined): string | undefined {
  const date = text ? parsePacific(text) : undefined;
  return date ? formatPacific(date) : undefined;
}

function present(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(entries).filter(([, v]) => v !== undefined && v !== null),
  );
}

/**
 * The createorder body that moves an existing order to `status`, built from
 * the order as ShipStation returned it. V1 has no cancel or hold-without-
 * date call; re-sending the order with the same orderKey and another
 * orderStatus updates it while it is open (shipstation.md §3). `note` is
 * appended to the internal notes so the warehouse sees why.
 */
export function statusChangeBody(
  order: OrderWire,
  status: "cancelled" | "on_hold",
  note: string,
): Record<string, unknown> {
  const notes = [order.internalNotes, note].filter(Boolean).join("\n");
  const adv = order.advancedOptions;
  return present({
    orderNumber: order.orderNumber,
    orderKey: order.orderKey,
    orderDate: pacificText(order.orderDate),
    paymentDate: pacificText(order.paymentDate),
    shipByDate: pacificText(order.shipByDate),
    orderStatus: status,
    customerEmail: order.customerEmail,
    customerUsername: order.customerUsername,
    billTo: order.billTo,
    shipTo: order.shipTo,
    items: (order.items ?? []).map((i) =>
      present({
        lineItemKey: i.lineItemKey,
        sku: i.sku,
        name: i.name,
        quantity: i.quantity,
        unitPrice: i.unitPrice,
        taxAmount: i.taxAmount,
        shippingAmount: i.shippingAmount,
      }),
    ),
    amountPaid: order.amountPaid,
    taxAmount: order.taxAmount,
    shippingAmount: order.shippingAmount,
    internalNotes: notes,
    requestedShippingService: order.requestedShippingService,
    advancedOptions: present({
      storeId: adv?.storeId,
      customField1: adv?.customField1,
      source: adv?.source,
    }),
  });
}
