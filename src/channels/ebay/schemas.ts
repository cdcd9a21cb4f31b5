import { z } from "zod";

/**
 * The parts of eBay's Fulfillment API bodies hub reads (api-reference/
 * ebay.md §2–3). Objects are loose: the order is kept as received for
 * quarantine and replay, unknown fields included.
 */

const amount = z.looseObject({
  value: z.string(),
  currency: z.string(),
});

const contactAddress = z.looseObject({
  addressLine1: z.string().optional(),
  addressLine2: z.string().optional(),
  addressLine3: z.string().optional(),
  city: z.string().optional(),
  stateOrProvince: z.string().optional(),
  postalCode: z.string().optional(),
  countryCode: z.string().optional(),
});

const shipTo = z.looseObject({
  fullName: z.string().optional(),
  companyName: z.string().optional(),
  contactAddress: contactAddress.optional(),
  primaryPhone: z
    .looseObject({ phoneNumber: z.string().optional() })
    .optional(),
  email: z.string().optional(),
});

const lineItem = z.looseObject({
  lineItemId: z.string(),
  legacyItemId: z.string().optional(),
  legacyVariationId: z.string().optional(),
  sku: z.string().optional(),
  title: z.string().optional(),
  quantity: z.number().int(),
  lineItemCost: amount.optional(),
  taxes: z.array(z.looseObject({ amount: amount.optional() })).optional(),
  lineItemFulfillmentStatus: z.string().optional(),
  lineItemFulfillmentInstructions: z
    .looseObject({ shipByDate: z.string().optional() })
    .optional(),
});

const cancelRequest = z.looseObject({
  cancelRequestState: z.string().optional(),
});

/** One eBay `Order`. */
export const ebayOrder = z.looseObject({
  orderId: z.string().min(1),
  creationDate: z.string().optional(),
  lastModifiedDate: z.string().optional(),
  orderFulfillmentStatus: z.string().optional(),
  orderPaymentStatus: z.string().optional(),
  cancelStatus: z
    .looseObject({
      cancelState: z.string().optional(),
      cancelRequests: z.array(cancelRequest).optional(),
    })
    .optional(),
  buyer: z.looseObject({ username: z.string().optional() }).optional(),
  pricingSummary: z
    .looseObject({
      priceSubtotal: amount.optional(),
      deliveryCost: amount.optional(),
      total: amount.optional(),
    })
    .optional(),
  fulfillmentStartInstructions: z
    .array(
      z.looseObject({
        shippingStep: z
          .looseObject({
            shipTo: shipTo.optional(),
            shippingServiceCode: z.string().optional(),
          })
          .optional(),
      }),
    )
    .optional(),
  lineItems: z.array(lineItem),
});

export type EbayOrder = z.infer<typeof ebayOrder>;
export type EbayLineItem = z.infer<typeof lineItem>;

/** One page of getOrders. */
export const orderPage = z.looseObject({
  total: z.number().int().optional(),
  limit: z.number().int().optional(),
  offset: z.number().int().optional(),
  next: z.string().optional(),
  orders: z.array(ebayOrder).optional(),
});

export type OrderPage = z.infer<typeof orderPage>;

const fulfillment = z.looseObject({
  fulfillmentId: z.string().optional(),
  lineItems: z
    .array(z.looseObject({ lineItemId: z.string(), quantity: z.number() }))
    .optional(),
  shipmentTrackingNumber: z.string().optional(),
  shippingCarrierCode: z.string().optional(),
  shippedDate: z.string().optional(),
});

/** getShippingFulfillments: the packages already on an order. */
export const fulfillmentList = z.looseObject({
  fulfillments: z.array(fulfillment).optional(),
  total: z.number().int().optional(),
});

export type ShippingFulfillment = z.infer<typeof fulfillment>;
