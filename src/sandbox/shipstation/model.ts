/** ShipStation V1 records as the stand-in holds them (dates as instants). */

export type SsOrderStatus =
  | "awaiting_payment"
  | "awaiting_shipment"
  | "pending_fulfillment"
  | "shipped"
  | "on_hold"
  | "cancelled";

export const ORDER_STATUSES: readonly SsOrderStatus[] = [
  "awaiting_payment",
  "awaiting_shipment",
  "pending_fulfillment",
  "shipped",
  "on_hold",
  "cancelled",
];

/** Statuses in which `createorder` with the same orderKey updates. */
export const OPEN_STATUSES: readonly SsOrderStatus[] = [
  "awaiting_payment",
  "awaiting_shipment",
  "on_hold",
];

export interface SsAddress {
  name: string | null;
  company: string | null;
  street1: string | null;
  street2: string | null;
  street3: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  phone: string | null;
  residential: boolean | null;
  addressVerified: string | null;
}

export interface SsItem {
  orderItemId: number;
  lineItemKey: string | null;
  sku: string | null;
  name: string | null;
  quantity: number;
  unitPrice: number;
  taxAmount: number | null;
  shippingAmount: number | null;
  /** Passed-through optional fields (weight, options, upc, …). */
  extra: Record<string, unknown>;
  createDate: Date;
  modifyDate: Date;
}

export interface SsOrder {
  orderId: number;
  orderNumber: string;
  orderKey: string;
  storeId: number;
  orderStatus: SsOrderStatus;
  orderDate: Date;
  createDate: Date;
  modifyDate: Date;
  paymentDate: Date | null;
  shipByDate: Date | null;
  shipDate: Date | null;
  customerEmail: string | null;
  billTo: SsAddress;
  shipTo: SsAddress;
  items: SsItem[];
  amountPaid: number;
  taxAmount: number;
  shippingAmount: number;
  /** Other top-level fields as sent (customerNotes, gift, carrierCode…). */
  extra: Record<string, unknown>;
  /** advancedOptions as sent, with storeId, parentId and split flags set. */
  advancedOptions: Record<string, unknown>;
  parentId: number | null;
  mergedOrSplit: boolean;
}

export interface SsShipmentItem {
  orderItemId: number;
  lineItemKey: string | null;
  sku: string | null;
  name: string | null;
  quantity: number;
  unitPrice: number;
}

export interface SsShipment {
  shipmentId: number;
  orderId: number;
  orderKey: string;
  orderNumber: string;
  storeId: number;
  customerEmail: string | null;
  createDate: Date;
  shipDate: Date;
  trackingNumber: string;
  carrierCode: string;
  serviceCode: string | null;
  batchNumber: string;
  voided: boolean;
  voidDate: Date | null;
  shipTo: SsAddress;
  items: SsShipmentItem[];
  /** Set once a SHIP_NOTIFY for its batch went out. */
  notified: boolean;
}

export interface SsFulfillment {
  fulfillmentId: number;
  orderId: number;
  orderNumber: string;
  customerEmail: string | null;
  trackingNumber: string;
  createDate: Date;
  shipDate: Date;
  carrierCode: string;
  shipTo: SsAddress;
}

export interface SsWebhook {
  webHookId: number;
  storeId: number | null;
  hookType: string;
  url: string;
  name: string | null;
}

export interface SsStore {
  storeId: number;
  storeName: string;
  createDate: Date;
}
