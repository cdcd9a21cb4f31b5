import { z } from "zod";

const text = z.string().nullish();
const amount = z.union([z.number(), z.string()]).nullish();

/** The OAuth token answer (rithum.md §1). */
export const tokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
});

export const rithumItem = z.object({
  ID: z.number(),
  Sku: text,
  Title: text,
  Quantity: z.number(),
  UnitPrice: amount,
  TaxPrice: amount,
});

export const rithumFulfillment = z.object({
  ID: z.number().nullish(),
  Type: text,
  DeliveryStatus: text,
  TrackingNumber: text,
  ShippingCarrier: text,
  ShippingClass: text,
  // null and absent occur (case B31); 0 is a real id.
  DistributionCenterID: z.number().nullish(),
  ExternalFulfillmentCenterCode: text,
  Items: z
    .array(z.object({ OrderItemID: z.number(), Quantity: z.number() }))
    .nullish(),
});

/** The Order fields hub reads (rithum.md §2); the rest stays in `raw`. */
export const rithumOrder = z.object({
  ID: z.number(),
  ProfileID: z.number().nullish(),
  SiteOrderID: text,
  CreatedDateUtc: z.string(),
  UpdatedDateUtc: text,
  ImportDateUtc: text,
  Currency: text,
  CheckoutStatus: text,
  PaymentStatus: text,
  ShippingStatus: z.string(),
  DistributionCenterTypeRollup: text,
  EstimatedShipDateUtc: text,
  TotalShippingPrice: amount,
  BuyerEmailAddress: text,
  BillingFirstName: text,
  BillingLastName: text,
  ShippingFirstName: text,
  ShippingLastName: text,
  ShippingCompanyName: text,
  ShippingDaytimePhone: text,
  ShippingAddressLine1: text,
  ShippingAddressLine2: text,
  ShippingCity: text,
  ShippingStateOrProvince: text,
  ShippingPostalCode: text,
  ShippingCountry: text,
  Items: z.array(rithumItem).nullish(),
  Fulfillments: z.array(rithumFulfillment).nullish(),
});

export type RithumOrder = z.infer<typeof rithumOrder>;
export type RithumFulfillment = z.infer<typeof rithumFulfillment>;

/** An OData page; entities are checked one by one (case B31). */
export const odataPage = z.object({
  value: z.array(z.unknown()),
  "@odata.nextLink": z.string().nullish(),
});

export type OdataPage = z.infer<typeof odataPage>;

/** `GET /v1/Products?$filter=Sku eq '…'&$select=ID,Sku`. */
export const productPage = z.object({
  value: z.array(z.object({ ID: z.number(), Sku: text })),
});

/** `GET /v1/DistributionCenters`. */
export const distributionCenters = z.object({
  value: z.array(
    z.object({
      ID: z.number(),
      Code: text,
      IsExternallyManaged: z.boolean().nullish(),
      IsDeleted: z.boolean().nullish(),
    }),
  ),
});
