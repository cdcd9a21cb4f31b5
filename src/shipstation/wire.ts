import { z } from "zod";

/**
 * ShipStation V1 wire shapes hub sends and reads, in the vendor's field
 * names (api-reference/shipstation.md §2–§6). Read schemas keep only what
 * hub uses and accept null wherever the examples show null.
 */

/** The documented order statuses. */
export type OrderStatus =
  | "awaiting_payment"
  | "awaiting_shipment"
  | "shipped"
  | "on_hold"
  | "cancelled";

/** An address as createorder takes it. */
export interface AddressBody {
  name: string;
  company?: string;
  street1: string;
  street2?: string;
  street3?: string;
  city: string;
  state?: string;
  postalCode: string;
  country: string;
  phone?: string;
  residential?: boolean;
}

/** One createorder item. Money is a JSON number with exact decimal text. */
export interface ItemBody {
  lineItemKey: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  taxAmount: number;
}

/** A createorder body (one element of a createorders array). */
export interface CreateOrderBody {
  orderNumber: string;
  orderKey: string;
  orderDate: string;
  orderStatus: OrderStatus;
  shipByDate?: string;
  customerEmail?: string;
  customerUsername?: string;
  billTo: AddressBody;
  shipTo: AddressBody;
  items: ItemBody[];
  amountPaid: number;
  taxAmount: number;
  shippingAmount: number;
  internalNotes?: string;
  requestedShippingService?: string;
  advancedOptions: {
    storeId: number;
    customField1?: string;
    source?: string;
  };
}

const text = z.string().nullish();
const money = z.number().nullish();

export const storeSchema = z.object({
  storeId: z.number(),
  storeName: z.string(),
  marketplaceName: text,
  active: z.boolean().nullish(),
});
export const storesSchema = z.array(storeSchema);

export const createOrdersSchema = z.object({
  hasErrors: z.boolean(),
  results: z.array(
    z.object({
      orderId: z.number().nullish(),
      orderKey: text,
      orderNumber: text,
      success: z.boolean(),
      errorMessage: text,
    }),
  ),
});

const addressSchema = z.object({
  name: text,
  company: text,
  street1: text,
  street2: text,
  street3: text,
  city: text,
  state: text,
  postalCode: text,
  country: text,
  phone: text,
  residential: z.boolean().nullish(),
});

const orderItemSchema = z.object({
  orderItemId: z.number().nullish(),
  lineItemKey: text,
  sku: text,
  name: text,
  quantity: z.number(),
  unitPrice: money,
  taxAmount: money,
  shippingAmount: money,
});

export const orderSchema = z.object({
  orderId: z.number(),
  orderNumber: z.string(),
  orderKey: text,
  orderDate: text,
  createDate: text,
  modifyDate: text,
  paymentDate: text,
  shipByDate: text,
  orderStatus: z.string(),
  customerEmail: text,
  customerUsername: text,
  billTo: addressSchema.nullish(),
  shipTo: addressSchema.nullish(),
  items: z.array(orderItemSchema).nullish(),
  amountPaid: money,
  taxAmount: money,
  shippingAmount: money,
  internalNotes: text,
  requestedShippingService: text,
  advancedOptions: z
    .object({
      storeId: z.number().nullish(),
      parentId: z.number().nullish(),
      mergedOrSplit: z.boolean().nullish(),
      mergedIds: z.array(z.number()).nullish(),
      customField1: text,
      source: text,
    })
    .nullish(),
});
export type OrderWire = z.infer<typeof orderSchema>;

/** The paging fields of every ShipStation list answer. */
const paging = {
  total: z.number().nullish(),
  page: z.number().nullish(),
  pages: z.number().nullish(),
};

export const ordersPageSchema = z.object({
  orders: z.array(orderSchema),
  ...paging,
});

const shipmentItemSchema = z.object({
  orderItemId: z.number().nullish(),
  lineItemKey: text,
  sku: text,
  quantity: z.number(),
});

export const shipmentSchema = z.object({
  shipmentId: z.number(),
  orderId: z.number(),
  orderKey: text,
  orderNumber: text,
  createDate: z.string(),
  shipDate: text,
  trackingNumber: text,
  carrierCode: text,
  serviceCode: text,
  isReturnLabel: z.boolean().nullish(),
  voided: z.boolean().nullish(),
  voidDate: text,
  advancedOptions: z.object({ storeId: z.number().nullish() }).nullish(),
  shipmentItems: z.array(shipmentItemSchema).nullish(),
});
export type ShipmentWire = z.infer<typeof shipmentSchema>;

export const shipmentsPageSchema = z.object({
  shipments: z.array(shipmentSchema),
  ...paging,
});

export const fulfillmentSchema = z.object({
  fulfillmentId: z.number(),
  orderId: z.number(),
  orderNumber: text,
  trackingNumber: text,
  createDate: z.string(),
  shipDate: text,
  voidDate: text,
  carrierCode: text,
  voided: z.boolean().nullish(),
});
export type FulfillmentWire = z.infer<typeof fulfillmentSchema>;

export const fulfillmentsPageSchema = z.object({
  fulfillments: z.array(fulfillmentSchema),
  ...paging,
});

/** The blueprint answers `{id}`, the current docs `{WebHookID, …}`. */
export const subscribeSchema = z.object({
  id: z.number().nullish(),
  WebHookID: z.number().nullish(),
});
