import type { Knex } from "knex";

/** The stored product ids of these SKUs on one channel. */
export async function storedProductIds(
  db: Knex,
  channel: string,
  skus: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < skus.length; i += 1000) {
    const rows = (await db("marketplace_product_ids")
      .select("sku", "product_id")
      .where({ channel })
      .whereIn("sku", skus.slice(i, i + 1000))) as Array<{ sku: string; product_id: string }>;
    for (const r of rows) out.set(r.sku, r.product_id);
  }
  return out;
}

/** Keeps one SKU's product id for later runs. */
export async function storeProductId(db: Knex, channel: string, sku: string, productId: string): Promise<void> {
  await db("marketplace_product_ids")
    .insert({ channel, sku, product_id: productId, updated_at: db.fn.now() })
    .onConflict(["channel", "sku"])
    .merge({ product_id: productId, updated_at: db.fn.now() });
}

/** Forgets a product id the marketplace no longer knows. */
export async function forgetProductId(db: Knex, channel: string, sku: string): Promise<void> {
  await db("marketplace_product_ids").where({ channel, sku }).delete();
}
