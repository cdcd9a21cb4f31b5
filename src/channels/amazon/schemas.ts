import { z } from "zod";

/**
 * Response shapes of the SP-API operations hub calls, from the models named
 * in amazon.md. Objects stay loose: unknown fields are kept for `raw`.
 */

const text = z.string().nullish();

/** Money as Amazon sends it: amounts are decimal strings in the models. */
export const money = z.looseObject({
  amount: z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number()]),
  currencyCode: z.string(),
});
export type Money = z.infer<typeof money>;

const breakdown = z.looseObject({
  type: z.string(),
  subtotal: money.nullish(),
});

const proceeds = z.looseObject({
  grandTotal: money.nullish(),
  proceedsTotal: money.nullish(),
  breakdowns: z.array(breakdown).nullish(),
});

/** recipient.deliveryAddress (amazon.md §2a). */
export const deliveryAddress = z.looseObject({
  name: text,
  companyName: text,
  addressLine1: text,
  addressLine2: text,
  addressLine3: text,
  city: text,
  stateOrRegion: text,
  postalCode: text,
  countryCode: text,
  phone: text,
});
export type DeliveryAddress = z.infer<typeof deliveryAddress>;

const orderItem = z.looseObject({
  orderItemId: z.string(),
  quantityOrdered: z.number().int(),
  product: z
    .looseObject({
      sellerSku: text,
      title: text,
      price: z.looseObject({ unitPrice: money.nullish() }).nullish(),
    })
    .nullish(),
  proceeds: proceeds.nullish(),
  cancellation: z
    .looseObject({
      cancellationRequest: z
        .looseObject({ requester: text, cancelReason: text })
        .nullish(),
    })
    .nullish(),
});
export type SearchOrderItem = z.infer<typeof orderItem>;

const orderPackage = z.looseObject({
  packageReferenceId: z.string(),
  trackingNumber: text,
  carrier: text,
  packageItems: z
    .array(z.looseObject({ orderItemId: z.string(), quantity: z.number() }))
    .nullish(),
});
export type OrderPackage = z.infer<typeof orderPackage>;

/** One order of searchOrders / getOrder v2026-01-01. */
export const searchOrder = z.looseObject({
  orderId: z.string(),
  createdTime: z.string(),
  lastUpdatedTime: z.string(),
  salesChannel: z.looseObject({ marketplaceId: text }).nullish(),
  buyer: z.looseObject({ buyerName: text, buyerEmail: text }).nullish(),
  recipient: z
    .looseObject({ deliveryAddress: deliveryAddress.nullish() })
    .nullish(),
  proceeds: proceeds.nullish(),
  // Always requested (includedData=FULFILLMENT): the status lives here.
  fulfillment: z.looseObject({
    fulfillmentStatus: z.string(),
    fulfilledBy: text,
    fulfillmentServiceLevel: text,
    shipByWindow: z.looseObject({ latestDateTime: text }).nullish(),
  }),
  orderItems: z.array(orderItem),
  packages: z.array(orderPackage).nullish(),
});
export type SearchOrder = z.infer<typeof searchOrder>;

/** searchOrders answer: `pagination` is absent on the last page. */
export const searchOrdersAnswer = z.looseObject({
  orders: z.array(searchOrder),
  pagination: z.looseObject({ nextToken: text }).nullish(),
  lastUpdatedBefore: text,
  createdBefore: text,
});

/** getOrder answer. */
export const getOrderAnswer = z.looseObject({ order: searchOrder });

/** patchListingsItem answer (amazon.md §4a). */
export const patchListingsAnswer = z.looseObject({
  sku: text,
  status: z.string(),
  submissionId: text,
  issues: z
    .array(z.looseObject({ code: text, message: text, severity: text }))
    .nullish(),
});
export type PatchListingsAnswer = z.infer<typeof patchListingsAnswer>;
