import type { ScenarioItem } from "../contract.js";

/** The one organization the sandbox knows. */
export const ZOHO_ORGANIZATION_ID = "60000000001";

/** Token scope of Zoho API access tokens in the world's token table. */
export const ZOHO_TOKEN_SCOPE = "zoho";

/** A Zoho Inventory item as the stand-in holds it. */
export interface ZohoItem {
  item_id: string;
  sku: string;
  name: string;
  /** Available for sale; may be negative (oversold). */
  available: number;
  /** Units on confirmed sales orders; stock on hand = available + this. */
  committed: number;
  rate: number;
  created: Date;
  modified: Date;
}

const CREATED = new Date("2024-01-15T09:00:00Z");

/**
 * Zoho ids are 19-digit strings, past JavaScript's safe integers on
 * purpose (api-reference/zoho.md §0.5); absent ones are derived from the
 * position so a scenario always gets the same ids.
 */
export function itemIdFor(index: number): string {
  return `4815000000${String(index + 1).padStart(9, "0")}`;
}

/** Zoho's items, keyed by SKU. */
export class ZohoState {
  readonly items: ZohoItem[];

  constructor(
    items: ScenarioItem[],
    private readonly now: () => Date,
  ) {
    const start = now();
    this.items = items.map((it, i) => ({
      item_id: it.item_id ?? itemIdFor(i),
      sku: it.sku,
      name: it.name,
      available: it.available,
      committed: it.committed ?? 0,
      rate: Number(it.rate ?? "0"),
      created: CREATED,
      modified: start,
    }));
  }

  bySku(sku: string): ZohoItem | undefined {
    return this.items.find((i) => i.sku === sku);
  }

  byId(id: string): ZohoItem | undefined {
    return this.items.find((i) => i.item_id === id);
  }

  /** Sets a SKU's stock (adding the item if new) and moves its mtime. */
  setStock(sku: string, available: number, committed?: number): ZohoItem {
    const now = this.now();
    let item = this.bySku(sku);
    if (!item) {
      item = {
        item_id: itemIdFor(this.items.length),
        sku,
        name: sku,
        available,
        committed: committed ?? 0,
        rate: 0,
        created: now,
        modified: now,
      };
      while (this.byId(item.item_id)) {
        item.item_id = String(BigInt(item.item_id) + 1n);
      }
      this.items.push(item);
      return item;
    }
    item.available = available;
    if (committed !== undefined) item.committed = committed;
    item.modified = now;
    return item;
  }
}
