import { z } from "zod";

/** One Zoho item as hub uses it. */
export interface ZohoItem {
  /** Digits as Zoho sent them: 19-digit ids do not fit a JS number. */
  itemId: string;
  sku: string;
  name: string;
  /** Committed-aware available for sale; negative means oversold. */
  available: number;
  status: string;
  /** Per warehouse/location figures, when Zoho lists them (case B35 §5). */
  locations: Array<{ locationId: string; name: string; available: number }>;
}

/** What a raw item became: an item, or why it was left out. */
export type ItemReading =
  { kind: "item"; item: ZohoItem } | { kind: "no_sku" } | { kind: "untracked" };

// Stock arrives as a number or, in some captures, a numeric string (case
// B35 §4); `*_formatted` display strings are never read.
const figure = z.union([z.number(), z.string()]).nullish();
const id = z.union([z.string(), z.number()]).transform(String);

const locationSchema = z.object({
  location_id: id.optional(),
  warehouse_id: id.optional(),
  location_name: z.string().nullish(),
  warehouse_name: z.string().nullish(),
  location_actual_available_stock: figure,
  warehouse_actual_available_stock: figure,
});

/** The fields of a list or detail item hub reads. */
export const rawItemSchema = z.object({
  item_id: id,
  name: z.string().nullish(),
  sku: z.string().nullish(),
  status: z.string().nullish(),
  track_inventory: z.boolean().nullish(),
  actual_available_stock: figure,
  locations: z.array(locationSchema).nullish(),
  warehouses: z.array(locationSchema).nullish(),
});
export type RawItem = z.infer<typeof rawItemSchema>;

/**
 * A stock figure as a whole number of units. Fractional units (Zoho allows
 * them) round down: half a unit cannot be sold. Undefined when absent or
 * not a number.
 */
export function stockFigure(
  value: number | string | null | undefined,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = typeof value === "number" ? value : Number(value.trim());
  if (typeof value === "string" && !/^-?\d+(\.\d+)?$/.test(value.trim())) {
    return undefined;
  }
  return Number.isFinite(n) ? Math.floor(n) : undefined;
}

/**
 * The available figure is `actual_available_stock`: the physical stock
 * less what confirmed sales orders commit (case B35: 51, not
 * `stock_on_hand` or `available_stock`, 80).
 */
export function availableOf(raw: RawItem): number | undefined {
  return stockFigure(raw.actual_available_stock);
}

function locationsOf(raw: RawItem): ZohoItem["locations"] {
  const rows = [...(raw.locations ?? []), ...(raw.warehouses ?? [])];
  const out: ZohoItem["locations"] = [];
  for (const r of rows) {
    const available = stockFigure(
      r.location_actual_available_stock ?? r.warehouse_actual_available_stock,
    );
    const locationId = r.location_id ?? r.warehouse_id;
    if (available === undefined || locationId === undefined) continue;
    const name = r.location_name ?? r.warehouse_name ?? "";
    out.push({ locationId, name, available });
  }
  return out;
}

/**
 * A raw item → hub's item. Items without a SKU cannot be matched to any
 * listing; items that do not track inventory have no stock to publish.
 * A tracked item without its figure is `undefined`: missing is never zero.
 */
export function readItem(raw: RawItem): ItemReading | undefined {
  const sku = raw.sku?.trim() ?? "";
  if (sku === "") return { kind: "no_sku" };
  if (raw.track_inventory === false) return { kind: "untracked" };
  const available = availableOf(raw);
  if (available === undefined) return undefined;
  return {
    kind: "item",
    item: {
      itemId: raw.item_id,
      sku,
      name: raw.name ?? "",
      available,
      status: raw.status ?? "active",
      locations: locationsOf(raw),
    },
  };
}
