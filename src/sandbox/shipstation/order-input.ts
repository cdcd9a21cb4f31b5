import type { SsAddress, SsOrderStatus } from "./model.js";
import { ORDER_STATUSES } from "./model.js";
import { parseShipStationDate } from "./time.js";

/** An item of a createorder body, checked. */
export interface ItemInput {
  lineItemKey: string | null;
  sku: string | null;
  name: string | null;
  quantity: number;
  unitPrice: number;
  taxAmount: number | null;
  shippingAmount: number | null;
  extra: Record<string, unknown>;
}

/** A createorder body, checked. */
export interface OrderInput {
  orderNumber: string;
  orderKey: string | null;
  storeId: number | null;
  orderStatus: SsOrderStatus;
  orderDate: Date;
  paymentDate: Date | null;
  shipByDate: Date | null;
  customerEmail: string | null;
  billTo: SsAddress;
  shipTo: SsAddress;
  items: ItemInput[];
  amountPaid: number;
  taxAmount: number;
  shippingAmount: number;
  advancedOptions: Record<string, unknown>;
  extra: Record<string, unknown>;
}

/** Model-state errors keyed like ASP.NET's `apiOrder.<field>`. */
export type ModelState = Record<string, string[]>;

const KNOWN = new Set([
  "orderNumber",
  "orderKey",
  "orderStatus",
  "orderDate",
  "paymentDate",
  "shipByDate",
  "customerEmail",
  "billTo",
  "shipTo",
  "items",
  "amountPaid",
  "taxAmount",
  "shippingAmount",
  "advancedOptions",
  "orderId",
  "shipDate",
  "createDate",
  "modifyDate",
  "orderTotal",
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return null;
}

function num(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) {
    return Number(v);
  }
  return null;
}

/** An address as ShipStation stores it; missing fields become null. */
export function toAddress(v: Record<string, unknown>): SsAddress {
  return {
    name: str(v.name),
    company: str(v.company),
    street1: str(v.street1),
    street2: str(v.street2),
    street3: str(v.street3),
    city: str(v.city),
    state: str(v.state),
    postalCode: str(v.postalCode),
    country: str(v.country),
    phone: str(v.phone),
    residential: typeof v.residential === "boolean" ? v.residential : null,
    addressVerified: "Address not yet validated",
  };
}

function dateField(
  body: Record<string, unknown>,
  field: string,
  errors: ModelState,
): Date | null {
  const v = body[field];
  if (v === undefined || v === null || v === "") return null;
  const d = typeof v === "string" ? parseShipStationDate(v) : undefined;
  if (!d) {
    errors[`apiOrder.${field}`] = [
      `The value '${String(v)}' is not valid for ${field}.`,
    ];
    return null;
  }
  return d;
}

function parseItems(v: unknown, errors: ModelState): ItemInput[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    errors["apiOrder.items"] = ["The items field must be an array."];
    return [];
  }
  const items: ItemInput[] = [];
  v.forEach((raw: unknown, i) => {
    if (!isObject(raw)) {
      errors[`apiOrder.items[${i}]`] = ["An item must be an object."];
      return;
    }
    const quantity = num(raw.quantity);
    if (quantity === null || !Number.isInteger(quantity) || quantity < 0) {
      errors[`apiOrder.items[${i}].quantity`] = [
        "The quantity field must be a whole number.",
      ];
    }
    const extra: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(raw)) {
      if (
        ![
          "lineItemKey",
          "sku",
          "name",
          "quantity",
          "unitPrice",
          "taxAmount",
          "shippingAmount",
          "orderItemId",
        ].includes(k)
      ) {
        extra[k] = val;
      }
    }
    items.push({
      lineItemKey: str(raw.lineItemKey),
      sku: str(raw.sku),
      name: str(raw.name),
      quantity: quantity ?? 0,
      unitPrice: num(raw.unitPrice) ?? 0,
      taxAmount: num(raw.taxAmount),
      shippingAmount: num(raw.shippingAmount),
      extra,
    });
  });
  return items;
}

/** Checks a createorder body; the required fields are the documented ones. */
export function parseOrderInput(
  body: unknown,
): { ok: true; value: OrderInput } | { ok: false; errors: ModelState } {
  const errors: ModelState = {};
  if (!isObject(body)) {
    return {
      ok: false,
      errors: {
        apiOrder: [
          Array.isArray(body)
            ? "Cannot deserialize the current JSON array (e.g. [1,2,3]) " +
              "into type 'Order' because the type requires a JSON object."
            : "The request body must be a JSON object.",
        ],
      },
    };
  }
  const orderNumber = str(body.orderNumber);
  if (!orderNumber) {
    errors["apiOrder.orderNumber"] = ["The orderNumber field is required."];
  }
  const status = body.orderStatus;
  const orderStatus = ORDER_STATUSES.find((s) => s === status);
  if (!orderStatus) {
    errors["apiOrder.orderStatus"] = [
      status === undefined
        ? "The orderStatus field is required."
        : `The value '${String(status)}' is not a valid orderStatus.`,
    ];
  }
  if (body.orderDate === undefined || body.orderDate === null) {
    errors["apiOrder.orderDate"] = ["The orderDate field is required."];
  }
  const orderDate = dateField(body, "orderDate", errors);
  for (const field of ["billTo", "shipTo"]) {
    if (!isObject(body[field])) {
      errors[`apiOrder.${field}`] = [`The ${field} field is required.`];
    }
  }
  const items = parseItems(body.items, errors);
  const paymentDate = dateField(body, "paymentDate", errors);
  const shipByDate = dateField(body, "shipByDate", errors);
  const advancedOptions = isObject(body.advancedOptions)
    ? { ...body.advancedOptions }
    : {};
  const storeId = num(advancedOptions.storeId);
  if (
    Object.keys(errors).length > 0 ||
    !orderNumber ||
    !orderDate ||
    !orderStatus
  ) {
    return { ok: false, errors };
  }
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (!KNOWN.has(k)) extra[k] = v;
  }
  return {
    ok: true,
    value: {
      orderNumber,
      orderKey: str(body.orderKey),
      storeId,
      orderStatus,
      orderDate,
      paymentDate,
      shipByDate,
      customerEmail: str(body.customerEmail),
      billTo: toAddress(body.billTo as Record<string, unknown>),
      shipTo: toAddress(body.shipTo as Record<string, unknown>),
      items,
      amountPaid: num(body.amountPaid) ?? 0,
      taxAmount: num(body.taxAmount) ?? 0,
      shippingAmount: num(body.shippingAmount) ?? 0,
      advancedOptions,
      extra,
    },
  };
}
