import type { Knex } from "knex";
import type { Settings } from "../../config/settings.js";
import type { HttpContext } from "../../http/http-context.js";
import { ZohoClient } from "../../zoho/client.js";
import type { StockRead, StockSource } from "./stock-source.js";

/** Zoho Inventory as allocate's stock source. */
export function zohoStockSource(
  http: HttpContext,
  settings: Settings,
  knex: Knex,
): StockSource {
  return {
    async readStock(skus): Promise<StockRead> {
      // Built on first use: a missing organisation id is a failed read
      // like any other, reported before anything is published.
      const client = new ZohoClient(http, settings, knex);
      const items =
        skus === null
          ? (await client.listItems()).items
          : (await client.getItems(skus)).items;
      return {
        items: items.map((item) => ({
          sku: item.sku,
          itemId: item.itemId,
          available: item.available,
        })),
      };
    },
  };
}
