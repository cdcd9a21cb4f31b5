import type {
  SsAddress,
  SsFulfillment,
  SsOrder,
  SsShipment,
  SsStore,
  SsWebhook,
} from "./model.js";
import { ssDate, ssShortTimestamp, ssTimestamp } from "./time.js";

/** The account's (fake) user id, as ShipStation puts it on shipments. */
export const SANDBOX_USER_ID = "00000000-0000-4000-8000-000000000001";
const WAREHOUSE_ID = 500001;
const SELLER_ID = 100000;

function ts(d: Date | null): string | null {
  return d ? ssTimestamp(d) : null;
}

function money(n: number): number {
  return Math.round(n * 100) / 100;
}

/** An order in the shape `GET /orders/{id}` and createorder answer with. */
export function renderOrder(o: SsOrder): Record<string, unknown> {
  const itemsTotal = o.items.reduce((t, i) => t + i.quantity * i.unitPrice, 0);
  const x = o.extra;
  return {
    orderId: o.orderId,
    orderNumber: o.orderNumber,
    orderKey: o.orderKey,
    orderDate: ts(o.orderDate),
    createDate: ts(o.createDate),
    modifyDate: ts(o.modifyDate),
    paymentDate: ts(o.paymentDate),
    shipByDate: ts(o.shipByDate),
    orderStatus: o.orderStatus,
    customerId: null,
    customerUsername: x.customerUsername ?? null,
    customerEmail: o.customerEmail,
    billTo: o.billTo,
    shipTo: o.shipTo,
    items: o.items.map((i) => ({
      orderItemId: i.orderItemId,
      lineItemKey: i.lineItemKey,
      sku: i.sku,
      name: i.name,
      imageUrl: null,
      weight: null,
      quantity: i.quantity,
      unitPrice: i.unitPrice,
      taxAmount: i.taxAmount,
      shippingAmount: i.shippingAmount,
      warehouseLocation: null,
      options: [],
      productId: null,
      fulfillmentSku: null,
      adjustment: false,
      upc: null,
      ...i.extra,
      createDate: ssShortTimestamp(i.createDate),
      modifyDate: ssShortTimestamp(i.modifyDate),
    })),
    orderTotal: money(itemsTotal + o.taxAmount + o.shippingAmount),
    amountPaid: o.amountPaid,
    taxAmount: o.taxAmount,
    shippingAmount: o.shippingAmount,
    customerNotes: x.customerNotes ?? null,
    internalNotes: x.internalNotes ?? null,
    gift: x.gift ?? false,
    giftMessage: x.giftMessage ?? null,
    paymentMethod: x.paymentMethod ?? null,
    requestedShippingService: x.requestedShippingService ?? null,
    carrierCode: x.carrierCode ?? null,
    serviceCode: x.serviceCode ?? null,
    packageCode: x.packageCode ?? null,
    confirmation: x.confirmation ?? "none",
    shipDate: o.shipDate ? ssDate(o.shipDate) : null,
    holdUntilDate: null,
    weight: x.weight ?? { value: 0, units: "ounces" },
    dimensions: x.dimensions ?? null,
    insuranceOptions: x.insuranceOptions ?? {
      provider: null,
      insureShipment: false,
      insuredValue: 0,
    },
    internationalOptions: x.internationalOptions ?? {
      contents: null,
      customsItems: null,
      nonDelivery: null,
    },
    advancedOptions: {
      warehouseId: WAREHOUSE_ID,
      nonMachinable: false,
      saturdayDelivery: false,
      containsAlcohol: false,
      customField1: null,
      customField2: null,
      customField3: null,
      source: null,
      billToParty: null,
      billToAccount: null,
      billToPostalCode: null,
      billToCountryCode: null,
      ...o.advancedOptions,
      mergedOrSplit: o.mergedOrSplit,
      mergedIds: [],
      parentId: o.parentId,
      storeId: o.storeId,
    },
    tagIds: x.tagIds ?? null,
    userId: null,
    externallyFulfilled: false,
    externallyFulfilledBy: null,
  };
}

/** A shipment; `shipmentItems` is null unless asked for, as in the API. */
export function renderShipment(
  s: SsShipment,
  includeItems: boolean,
): Record<string, unknown> {
  return {
    shipmentId: s.shipmentId,
    orderId: s.orderId,
    orderKey: s.orderKey,
    userId: SANDBOX_USER_ID,
    customerEmail: s.customerEmail,
    orderNumber: s.orderNumber,
    createDate: ssTimestamp(s.createDate),
    shipDate: ssDate(s.shipDate),
    shipmentCost: 4.35,
    insuranceCost: 0,
    trackingNumber: s.trackingNumber,
    isReturnLabel: false,
    batchNumber: s.batchNumber,
    carrierCode: s.carrierCode,
    serviceCode: s.serviceCode,
    packageCode: "package",
    confirmation: "none",
    warehouseId: WAREHOUSE_ID,
    voided: s.voided,
    voidDate: ts(s.voidDate),
    marketplaceNotified: false,
    notifyErrorMessage: null,
    shipTo: s.shipTo,
    weight: { value: 16, units: "ounces", WeightUnits: 1 },
    dimensions: null,
    insuranceOptions: {
      provider: null,
      insureShipment: false,
      insuredValue: 0,
    },
    advancedOptions: {
      billToParty: null,
      billToAccount: null,
      billToPostalCode: null,
      billToCountryCode: null,
      storeId: s.storeId,
    },
    shipmentItems: includeItems
      ? s.items.map((i) => ({
          orderItemId: i.orderItemId,
          lineItemKey: i.lineItemKey,
          sku: i.sku,
          name: i.name,
          imageUrl: null,
          weight: null,
          quantity: i.quantity,
          unitPrice: i.unitPrice,
          taxAmount: null,
          shippingAmount: null,
          warehouseLocation: null,
          options: [],
          productId: null,
          fulfillmentSku: null,
          adjustment: false,
          upc: null,
          createDate: null,
          modifyDate: null,
        }))
      : null,
    labelData: null,
    formData: null,
  };
}

/** A fulfillment (marked shipped without a label). */
export function renderFulfillment(f: SsFulfillment): Record<string, unknown> {
  return {
    fulfillmentId: f.fulfillmentId,
    orderId: f.orderId,
    orderNumber: f.orderNumber,
    userId: SANDBOX_USER_ID,
    customerEmail: f.customerEmail,
    trackingNumber: f.trackingNumber,
    createDate: ssTimestamp(f.createDate),
    shipDate: ssTimestamp(f.shipDate),
    voidDate: null,
    deliveryDate: null,
    carrierCode: f.carrierCode,
    fulfillmentProviderCode: null,
    fulfillmentServiceCode: null,
    fulfillmentFee: 0,
    voidRequested: false,
    voided: false,
    marketplaceNotified: false,
    notifyErrorMessage: null,
    shipTo: f.shipTo satisfies SsAddress,
  };
}

/** A store as `GET /stores` lists it (API-fed "ShipStation" stores). */
export function renderStore(s: SsStore): Record<string, unknown> {
  const at = ssShortTimestamp(s.createDate);
  return {
    storeId: s.storeId,
    storeName: s.storeName,
    marketplaceId: 0,
    marketplaceName: "ShipStation",
    accountName: null,
    email: null,
    integrationUrl: null,
    active: true,
    companyName: "",
    phone: "",
    publicEmail: "",
    website: "",
    refreshDate: at,
    lastRefreshAttempt: at,
    createDate: at,
    modifyDate: at,
    autoRefresh: false,
  };
}

/** A webhook as `GET /webhooks` lists it: PascalCase, unlike the rest. */
export function renderWebhook(w: SsWebhook): Record<string, unknown> {
  return {
    IsLabelAPIHook: false,
    WebHookID: w.webHookId,
    SellerID: SELLER_ID,
    StoreID: w.storeId,
    HookType: w.hookType,
    MessageFormat: "Json",
    Url: w.url,
    Name: w.name,
    BulkCopyBatchID: null,
    BulkCopyRecordID: null,
    Active: true,
    WebhookLogs: [],
    Seller: null,
    Store: null,
  };
}
