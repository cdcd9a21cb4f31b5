import { ZOHO_ORGANIZATION_ID, type ZohoItem } from "./state.js";

/** Zoho's timestamp: offset without a colon, e.g. `…T12:44:26+0000`. */
export function zohoTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "+0000");
}

/** Reads `yyyy-MM-ddTHH:mm:ssZ` with Z, `+hhmm` or `+hh:mm`. */
export function parseZohoTime(text: string): Date | undefined {
  const fixed = text.trim().replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const d = new Date(fixed);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function location(item: ZohoItem): Record<string, unknown> {
  return {
    location_id: "4815000000038080",
    location_name: "Main Warehouse",
    status: "active",
    is_primary: true,
    location_stock_on_hand: item.available + item.committed,
    location_available_stock: item.available,
    location_actual_available_stock: item.available,
  };
}

/**
 * An item as the list returns it. Accounting and physical figures are the
 * same here: `available` is what hub should publish.
 */
export function renderListItem(item: ZohoItem): Record<string, unknown> {
  return {
    group_id: "",
    group_name: "",
    item_id: item.item_id,
    name: item.name,
    status: "active",
    source: "user",
    is_linked_with_zohocrm: false,
    item_type: "inventory",
    product_type: "goods",
    description: "",
    rate: item.rate,
    purchase_rate: 0,
    is_taxable: true,
    tax_id: "",
    tax_name: "",
    tax_percentage: 0,
    is_combo_product: false,
    track_inventory: true,
    reorder_level: "",
    stock_on_hand: item.available + item.committed,
    available_stock: item.available,
    actual_available_stock: item.available,
    sku: item.sku,
    upc: "",
    ean: "",
    isbn: "",
    part_number: "",
    unit: "pcs",
    image_name: "",
    image_type: "",
    created_time: zohoTime(item.created),
    last_modified_time: zohoTime(item.modified),
    locations: [location(item)],
    custom_fields: [],
  };
}

/** An item as `GET /items/{id}` returns it, with committed figures. */
export function renderItem(item: ZohoItem): Record<string, unknown> {
  return {
    ...renderListItem(item),
    available_for_sale_stock: item.available,
    actual_available_for_sale_stock: item.available,
    committed_stock: item.committed,
    actual_committed_stock: item.committed,
  };
}

/**
 * A workflow-rule webhook body. Zoho lets the user define it; this is the
 * shape of api-reference/examples/zoho/webhook-item.example-payload.json.
 */
export function itemWebhookPayload(item: ZohoItem): Record<string, unknown> {
  return {
    event: "item.updated",
    organization_id: ZOHO_ORGANIZATION_ID,
    item_id: item.item_id,
    sku: item.sku,
    stock_on_hand: String(item.available + item.committed),
    available_stock: String(item.available),
  };
}
